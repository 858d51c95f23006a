using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ihec.Portal.Features.Chat;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ihec.Portal.Tests.Chat;

/// <summary>
/// The JavaScript example of <c>docs/mobile-clients.md</c>, <c>clients/js/send-attachment.mjs</c>, run by Node as a
/// real process against the portal on Kestrel with a member's sign-in cookie: over JSON (base64 chunks) and over
/// MessagePack (raw bytes) the file is stored once with the bytes sent. The document quotes exactly that file.
/// </summary>
public sealed class ChatJavaScriptClientTests(ChatJavaScriptClientTests.KestrelChatPortal fixture) : IClassFixture<ChatJavaScriptClientTests.KestrelChatPortal>
{
    private static readonly string ClientFolder = Path.Combine(SourceTree.Root, "clients", "js");
    private static readonly string Script = Path.Combine(ClientFolder, "send-attachment.mjs");

    /// <summary>The portal on a loopback port (Node cannot reach the in-memory test server), and a member's cookie.</summary>
    public sealed class KestrelChatPortal : IAsyncLifetime
    {
        public ChatPortal Portal { get; } = new();

        public Uri BaseUrl { get; private set; } = null!;

        public string Cookie { get; private set; } = "";

        public async Task InitializeAsync()
        {
            Portal.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            Portal.StartServer();
            BaseUrl = new Uri(Portal.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            var cookies = new CookieContainer();
            using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = BaseUrl };
            var response = await client.SubmitFormAsync("/account/login", "login", new Dictionary<string, string>
            {
                ["Input.Email"] = ChatPortal.TammuzMember,
                ["Input.Password"] = PortalFactory.DemoPassword,
            });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Cookie = cookies.GetCookieHeader(BaseUrl);
            await InstallPackagesAsync();
        }

        public async Task DisposeAsync() => await Portal.DisposeAsync();
    }

    /// <summary>What <c>.ci/run</c> does too: <c>npm ci</c> once, so <c>dotnet test</c> alone works on a developer's machine.</summary>
    private static async Task InstallPackagesAsync()
    {
        if (!Directory.Exists(Path.Combine(ClientFolder, "node_modules", "@microsoft", "signalr-protocol-msgpack")))
        {
            var (exit, output) = await RunAsync("npm", "ci", "--no-audit", "--no-fund");
            Assert.True(exit == 0, "npm ci in clients/js failed: " + output);
        }
    }

    private static async Task<(int Exit, string Output)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = ClientFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A guard against a hung process only, not a measurement.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not end: {await stderr}");
        }

        return (process.ExitCode, (await stdout).Trim() + (await stderr).Trim());
    }

    [Theory]
    [InlineData("json")]
    [InlineData("messagepack")]
    public async Task The_documents_javascript_client_sends_a_file_that_is_stored_once_with_the_bytes_sent(string protocol)
    {
        await using var dotnet = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.BaseUrl, ChatHub.Path), o => o.Headers["Cookie"] = fixture.Cookie)
            .Build();
        await dotnet.StartAsync();
        var started = await dotnet.InvokeAsync<ChatResult<ConversationView>>("Start", "Node " + protocol, "en");
        Assert.True(started.Succeeded, started.ErrorText);
        var conversationId = started.Value!.Id;
        // Several chunks of 32 KB, the last one short.
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n" + string.Concat(Enumerable.Range(0, 100_000).Select(i => (char)('a' + i * 7 % 26))) + "\n%%EOF\n");
        var file = Path.Combine(fixture.Portal.DataFolder, $"statement-{protocol}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        var clientId = Guid.NewGuid().ToString("N");

        var urls = new List<string>();
        for (var i = 0; i < 2; i++) // the second time with the same client message id: stored once
        {
            var (exit, output) = await RunAsync("node", Script, fixture.BaseUrl.ToString(), fixture.Cookie, conversationId.ToString(), file, protocol, clientId);
            Assert.True(exit == 0, output);
            // JSON answers in camelCase, MessagePack in the server's PascalCase: the names are compared ignoring case.
            var answer = JsonDocument.Parse(output).RootElement;
            Assert.True(Property(answer, "error").ValueKind == JsonValueKind.Null, output);
            urls.Add(Property(Property(Property(answer, "value"), "attachment"), "url").GetString()!);
        }

        Assert.Single(urls.Distinct());
        await using (var db = fixture.Portal.CreateDbContext())
        {
            Assert.Equal(1, await db.Set<ChatMessage>().CountAsync(m => m.ConversationId == conversationId && m.AttachmentFileId != null));
        }

        using var http = new HttpClient { BaseAddress = fixture.BaseUrl };
        http.DefaultRequestHeaders.Add("Cookie", fixture.Cookie);
        var served = await http.GetAsync(urls[0]);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(pdf, await served.Content.ReadAsByteArrayAsync());
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.EnumerateObject().SingleOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: not JsonValueKind.Undefined } found
            ? found.Value
            : throw new Xunit.Sdk.XunitException($"No property {name} in {element}");

    [Fact]
    public void The_document_quotes_the_javascript_client_exactly()
    {
        var document = File.ReadAllText(Path.Combine(SourceTree.Root, "docs", "mobile-clients.md")).ReplaceLineEndings("\n");
        var quoted = Regex.Match(document, @"<!-- clients/js/send-attachment\.mjs -->\n```js\n(?<code>.*?)```\n", RegexOptions.Singleline);
        Assert.True(quoted.Success, "docs/mobile-clients.md has no ```js block after <!-- clients/js/send-attachment.mjs -->");
        Assert.Equal(File.ReadAllText(Script).ReplaceLineEndings("\n"), quoted.Groups["code"].Value);
    }
}
