using System.Net;
using Ihec.Portal.Infrastructure.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Ihec.Portal.Tests.Infrastructure;

/// <summary>
/// The portal over a real SQLite file in its own temporary data folder (database, mail pickup, files, keys),
/// with the demo data seeded. One per test class (<c>IClassFixture</c>); subclasses change settings.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Demo-Password-2026";

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "ihec-portal-tests", Guid.NewGuid().ToString("N"));

    public string MailFolder => Path.Combine(DataFolder, "mail");

    /// <summary>Settings on top of the embedded defaults; override to change them for a test class.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Serve the packages' and the framework's static web assets (_content/MudBlazor, _framework/blazor.web.js)
        // from the build output's manifest, as `dotnet run` does in Development; published apps have them in wwwroot.
        builder.UseStaticWebAssets();
        builder.UseSetting("DataFolder", DataFolder);
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Accounts:DemoAccountsSkipTwoFactor", "true");
        builder.UseSetting("Portal:PublicBaseUrl", "http://localhost");
        // Tests sign in many times from one address; the rate-limit tests set their own low limits.
        builder.UseSetting("RateLimits:SignInPermits", "10000");
        builder.UseSetting("RateLimits:PasswordResetPermits", "10000");
        builder.UseSetting("RateLimits:ApplicationPermits", "10000");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests can see them.</summary>
    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in through the real sign-in form.</summary>
    public async Task<HttpClient> SignedInClientAsync(string email, string password = DemoPassword)
    {
        var client = CreateBrowserLikeClient();
        var response = await client.SubmitFormAsync("/account/login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode}");
        }

        return client;
    }

    /// <summary>
    /// Gives the account an authenticator key if it has none, so that opening <c>/account/manage/two-factor</c>
    /// later does not reset the security stamp (which ends every open session of the account within
    /// <c>Accounts:RevalidationInterval</c>). Fixtures that keep one session per role for many tests call it
    /// before signing in; see <c>TwoFactorEnrolmentTests</c> for the behaviour itself.
    /// </summary>
    public async Task EnsureAuthenticatorKeyAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account {email}.");
        if (string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)))
        {
            await users.ResetAuthenticatorKeyAsync(user);
        }
    }

    public PortalDbContext CreateDbContext() =>
        Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();

    /// <summary>Every e-mail the portal has written to its pickup folder, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Mails() =>
        Directory.Exists(MailFolder)
            ? Directory.GetFiles(MailFolder, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f)).ToList()
            : [];

    /// <summary>The newest e-mail to an address.</summary>
    public MimeMessage LastMailTo(string address) =>
        Mails().LastOrDefault(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))
        ?? throw new InvalidOperationException($"No e-mail to {address}.");

    /// <summary>An e-mail's HTML part, parsed (empty when it has none).</summary>
    public static AngleSharp.Html.Dom.IHtmlDocument HtmlOf(MimeMessage message) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(message.HtmlBody ?? "");

    /// <summary>The first portal link (to the test's <c>Portal:PublicBaseUrl</c>) in an e-mail's text, made relative to the site.</summary>
    public static string LinkIn(MimeMessage message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message.TextBody ?? "", @"http://localhost/\S*");
        if (!match.Success)
        {
            throw new InvalidOperationException("The e-mail has no link.");
        }

        var uri = new Uri(match.Value);
        return uri.PathAndQuery;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(DataFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow machine is left for the OS to clean up.
            }
        }
    }
}
