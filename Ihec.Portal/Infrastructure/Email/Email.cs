using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using Ihec.Portal.Infrastructure.Localisation;
using Ihec.Portal.Infrastructure.Text;
using MimeKit;

namespace Ihec.Portal.Infrastructure.Email;

/// <summary>
/// One e-mail, sent as HTML and plain text. <paramref name="HtmlBody"/> is safe HTML for the body (without
/// <c>html</c>/<c>body</c>); when absent the HTML is the text, encoded, with its addresses as links.
/// <see cref="Language"/> is the UI culture when the message is made (callers make it inside <c>Cultures.Use</c>
/// for the recipient's language); it sets the HTML's <c>lang</c> and <c>dir</c>.
/// </summary>
public sealed record EmailMessage(string To, string Subject, string TextBody, string? HtmlBody = null)
{
    public string Language { get; init; } = Cultures.Current;
}

public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}

public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary><c>Pickup</c> (embedded default: .eml files in a folder) or <c>Smtp</c>.</summary>
    public string Mode { get; set; } = "Pickup";
    public string From { get; set; } = "portal@ihec.example";
    public string FromName { get; set; } = "IHEC–CSO Portal";
    /// <summary>Folder for .eml files; empty means <c>mail</c> under the data folder.</summary>
    public string? PickupFolder { get; set; }
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }
    public bool SmtpStartTls { get; set; } = true;
}

internal static class MimeFactory
{
    public static MimeMessage Create(EmailOptions options, EmailMessage message)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(options.FromName, options.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = EmailHtml.Document(message) }.ToMessageBody();
        return mime;
    }
}

/// <summary>Writes each message as an .eml file, so links in invitations work without a mail server.</summary>
public sealed class PickupFolderEmailSender(IOptions<EmailOptions> options, PortalPaths paths, ILogger<PickupFolderEmailSender> logger) : IEmailSender
{
    public string Folder => string.IsNullOrWhiteSpace(options.Value.PickupFolder)
        ? Path.Combine(paths.DataFolder, "mail")
        : options.Value.PickupFolder!;

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Folder);
        var file = Path.Combine(Folder, $"{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}.eml");
        using var mime = MimeFactory.Create(options.Value, message);
        await mime.WriteToAsync(file, cancellationToken);
        logger.LogInformation("E-mail to {Recipient} ({Subject}) written to {File}", LogText.Encode(message.To), LogText.Encode(message.Subject), file);
    }
}

public sealed class SmtpEmailSender(IOptions<EmailOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        using var mime = MimeFactory.Create(o, message);
        using var client = new SmtpClient();
        await client.ConnectAsync(o.SmtpHost ?? "localhost", o.SmtpPort, o.SmtpStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.Auto, cancellationToken);
        if (!string.IsNullOrEmpty(o.SmtpUser))
        {
            await client.AuthenticateAsync(o.SmtpUser, o.SmtpPassword ?? "", cancellationToken);
        }

        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
        logger.LogInformation("E-mail to {Recipient} ({Subject}) sent through {Host}", LogText.Encode(message.To), LogText.Encode(message.Subject), o.SmtpHost);
    }
}

public static class EmailModule
{
    public static IServiceCollection AddPortalEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section))
            .Validate(o => o.Mode is "Pickup" or "Smtp", "Email:Mode must be Pickup or Smtp.")
            .Validate(o => o.Mode != "Smtp" || !string.IsNullOrWhiteSpace(o.SmtpHost), "Email:SmtpHost is required when Email:Mode is Smtp.")
            .ValidateOnStart();
        var mode = configuration[$"{EmailOptions.Section}:Mode"] ?? "Pickup";
        if (mode == "Smtp")
        {
            services.AddSingleton<IEmailSender, SmtpEmailSender>();
        }
        else
        {
            services.AddSingleton<PickupFolderEmailSender>();
            services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<PickupFolderEmailSender>());
        }

        return services;
    }
}
