using System.Net;
using System.Net.Sockets;
using System.Text;
using Ihec.Portal.Infrastructure.Email;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ihec.Portal.Tests.Integration;

/// <summary>The SMTP sender against a minimal SMTP server on loopback that records what it receives.</summary>
public sealed class SmtpEmailTests
{
    [Fact]
    public async Task Smtp_sender_delivers_the_message_to_the_configured_server()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var port = ((IPEndPoint)server.LocalEndpoint).Port;
        var received = ReceiveOneAsync(server);

        var sender = new SmtpEmailSender(Options.Create(new EmailOptions
        {
            Mode = "Smtp",
            SmtpHost = "127.0.0.1",
            SmtpPort = port,
            SmtpStartTls = false,
            From = "portal@ihec.example",
        }), NullLogger<SmtpEmailSender>.Instance);

        await sender.SendAsync(new EmailMessage("observer@example.org", "دعوة", "رابط التفعيل: http://localhost/account/invitation"));

        var (recipients, data) = await received.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("<observer@example.org>", recipients);
        var message = await MimeKit.MimeMessage.LoadAsync(new MemoryStream(Encoding.ASCII.GetBytes(data)));
        Assert.Equal("دعوة", message.Subject);
        Assert.Contains("/account/invitation", message.TextBody);
    }

    private static async Task<(string Recipients, string Data)> ReceiveOneAsync(TcpListener server)
    {
        using var client = await server.AcceptTcpClientAsync();
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        var recipients = new StringBuilder();
        var data = new StringBuilder();
        await writer.WriteLineAsync("220 localhost test SMTP");
        while (await reader.ReadLineAsync() is { } line)
        {
            var command = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
            switch (command)
            {
                case "EHLO":
                case "HELO":
                    await writer.WriteLineAsync("250 localhost");
                    break;
                case "RCPT":
                    recipients.Append(line);
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    while (await reader.ReadLineAsync() is { } body && body != ".")
                    {
                        data.AppendLine(body);
                    }

                    await writer.WriteLineAsync("250 OK queued");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 Bye");
                    return (recipients.ToString(), data.ToString());
                default:
                    await writer.WriteLineAsync("250 OK");
                    break;
            }
        }

        return (recipients.ToString(), data.ToString());
    }
}
