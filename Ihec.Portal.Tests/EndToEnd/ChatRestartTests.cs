using System.Net;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Ihec.Portal.Tests.EndToEnd.ChatJourneyTests;

namespace Ihec.Portal.Tests.EndToEnd;

/// <summary>
/// The portal restarts in the middle of a conversation (a Kestrel-hosted portal stopped and started again on the same
/// port and database): both open pages come back by themselves, no message is lost or shown twice, and what the
/// member had typed but not sent is back in the box.
/// </summary>
[Collection(PlaywrightCollection.Name)]
public sealed class ChatRestartTests(PlaywrightPortal browser) : IDisposable
{
    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), "ihec-portal-tests", "restart-" + Guid.NewGuid().ToString("N"));

    /// <summary>A portal on the given data folder (database, files, data-protection keys), so a second one continues the first.</summary>
    private sealed class RestartablePortal(string dataFolder) : PortalFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["DataFolder"] = dataFolder };
    }

    private static (PortalFactory Portal, int Port) Start(string dataFolder, int port)
    {
        var portal = new RestartablePortal(dataFolder);
        portal.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        portal.StartServer();
        var address = portal.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (portal, new Uri(address).Port);
    }

    private async Task<IBrowserContext> SignedInAsync(PortalFactory portal, string baseUrl, Principal principal, string locale)
    {
        await portal.EnsureAuthenticatorKeyAsync(principal.Email());
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, Locale = locale });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await PlaywrightPortal.OpenAsync(page, "/account/login");
        await page.Locator("#email").FillAsync(principal.Email());
        await page.Locator("#password").FillAsync(PortalFactory.DemoPassword);
        await page.Locator("form[method=post] button[type=submit]").ClickAsync();
        await page.Locator("form[action='/account/logout']").WaitForAsync();
        await page.CloseAsync();
        return context;
    }

    [Fact]
    public async Task After_a_restart_both_pages_come_back_and_the_conversation_goes_on_without_losses_or_repeats()
    {
        var (portal, port) = Start(dataFolder, 0);
        var baseUrl = $"http://127.0.0.1:{port}";
        var unique = Guid.NewGuid().ToString("N")[..6];
        try
        {
            await using var memberContext = await SignedInAsync(portal, baseUrl, Principal.CsoMember, "ar-IQ");
            await using var agentContext = await SignedInAsync(portal, baseUrl, Principal.IhecMedia, "en-GB");
            var member = await memberContext.NewPageAsync();
            await PlaywrightPortal.OpenAsync(member, "/chat?culture=ar");
            await member.Locator("#topic").FillAsync($"إعادة التشغيل {unique}");
            await member.Locator("main form button[type=submit]").ClickAsync();
            await member.Locator("#started-notice").WaitForAsync();
            await member.Locator("table a", new() { HasTextString = unique }).ClickAsync();
            await member.WaitForURLAsync("**/chat/*");
            var id = member.Url.Split('/')[^1];
            await InteractiveAsync(member);
            var agent = await agentContext.NewPageAsync();
            await PlaywrightPortal.OpenAsync(agent, $"/ihec/chat/{id}?culture=en");
            await InteractiveAsync(agent);

            var before = new[] { $"قبل إعادة التشغيل {unique}", $"Before the restart {unique}" };
            await SendAsync(member, before[0]);
            await SendAsync(agent, before[1]);
            await ShownOnceInOrderAsync(member, before);

            // The member has typed something and not sent it yet.
            var unsent = $"لم أرسلها بعد {unique}";
            await member.Locator("#message-text").FillAsync(unsent);

            // The portal stops and starts again on the same port and database; the pages' circuits are gone.
            await member.EvaluateAsync("() => window.beforeRestart = true");
            await agent.EvaluateAsync("() => window.beforeRestart = true");
            await portal.DisposeAsync();
            (portal, _) = Start(dataFolder, port);

            // Blazor reloads a page whose circuit the server no longer has: each page comes back with the history.
            foreach (var page in new[] { member, agent })
            {
                await page.WaitForFunctionAsync("() => !window.beforeRestart", null, new() { Timeout = 90_000, PollingInterval = 500 });
                await InteractiveAsync(page);
            }

            // The reloaded member's page has the unsent text back in the box (from the tab's sessionStorage).
            await Assertions.Expect(member.Locator("#message-text")).ToHaveValueAsync(unsent);

            var after = new[] { $"After the restart {unique}", $"بعد إعادة التشغيل {unique}" };
            await SendAsync(agent, after[0]);
            await SendAsync(member, after[1]);
            await ShownOnceInOrderAsync(member, [.. before, .. after]);
            await ShownOnceInOrderAsync(agent, [.. before, .. after]);
        }
        finally
        {
            await portal.DisposeAsync();
        }
    }

    public void Dispose()
    {
        try
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
