using System.Net;
using System.Text.Json;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ihec.Portal.Tests.Security;

/// <summary>The portal in the Production environment, with settings of the test's choosing on top of PortalFactory's.</summary>
public sealed class ProductionPortal(Dictionary<string, string?> settings, Action<IServiceCollection>? services = null) : PortalFactory
{
    protected override IDictionary<string, string?> Settings => settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}

/// <summary>#20 items 3 and 11: in Production the portal refuses to start with the demo or with cookies that would not be Secure.</summary>
public sealed class ProductionSafetyTests
{
    private static readonly Dictionary<string, string?> NoDemo = new()
    {
        ["Demo:Enabled"] = "false",
        ["Accounts:DemoAccountsSkipTwoFactor"] = "false",
    };

    [Fact]
    public void The_shipped_settings_have_no_demo_and_development_keeps_it()
    {
        var shipped = JsonDocument.Parse(File.ReadAllText(Path.Combine(SourceTree.Portal, "appsettings.json"))).RootElement;
        var development = JsonDocument.Parse(File.ReadAllText(Path.Combine(SourceTree.Portal, "appsettings.Development.json"))).RootElement;

        Assert.False(shipped.GetProperty("Demo").GetProperty("Enabled").GetBoolean());
        Assert.False(shipped.GetProperty("Accounts").GetProperty("DemoAccountsSkipTwoFactor").GetBoolean());
        Assert.True(development.GetProperty("Demo").GetProperty("Enabled").GetBoolean());
        Assert.True(development.GetProperty("Accounts").GetProperty("DemoAccountsSkipTwoFactor").GetBoolean());
    }

    [Theory]
    [InlineData("Demo:Enabled")]
    [InlineData("Accounts:DemoAccountsSkipTwoFactor")]
    public void Production_refuses_to_start_with_a_demo_setting(string setting)
    {
        using var portal = new ProductionPortal(new(NoDemo) { [setting] = "true" });

        var refused = Assert.ThrowsAny<Exception>(() => portal.Services);

        Assert.Contains(setting, MessagesOf(refused));
    }

    [Fact]
    public async Task Production_starts_with_the_demo_only_when_the_unsafe_setting_allows_it()
    {
        using var portal = new ProductionPortal(new() { ["Demo:UnsafeAllowInProduction"] = "true" });

        Assert.Equal(HttpStatusCode.OK, (await portal.CreateClient().GetAsync("/healthz")).StatusCode);
        await portal.SignedInClientAsync("member@tammuz.demo");
    }

    [Fact]
    public async Task Production_refuses_a_database_that_holds_demo_accounts()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ihec-portal-tests", "production-demo-" + Guid.NewGuid().ToString("N"));
        try
        {
            // The demo portal is stopped first: it holds the data folder's lock while it runs.
            await using (var demo = new FolderPortal(folder))
            {
                Assert.Equal(HttpStatusCode.OK, (await demo.CreateClient().GetAsync("/healthz")).StatusCode);
            }

            using var portal = new ProductionPortal(new(NoDemo) { ["DataFolder"] = folder });

            var refused = Assert.ThrowsAny<Exception>(() => portal.Services);

            Assert.Contains("demo accounts", MessagesOf(refused));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData("http://localhost:5000", false)]
    [InlineData("http://localhost:5000/", false)]
    [InlineData("", false)]
    [InlineData("http://localhost:5000", true)] // the demo's unsafe switch lets the demo data through, not this
    public void Production_refuses_to_start_without_a_public_address_of_its_own(string address, bool unsafeDemo)
    {
        using var portal = new ProductionPortal(new(NoDemo) { ["Portal:PublicBaseUrl"] = address, ["Demo:UnsafeAllowInProduction"] = unsafeDemo ? "true" : "false" });

        var refused = Assert.ThrowsAny<Exception>(() => portal.Services);

        Assert.Contains("Portal:PublicBaseUrl is not set or is the default http://localhost:5000", MessagesOf(refused));
    }

    [Fact]
    public async Task Production_without_the_demo_starts()
    {
        using var portal = new ProductionPortal(NoDemo);

        Assert.Equal(HttpStatusCode.OK, (await portal.CreateClient().GetAsync("/account/login")).StatusCode);
    }

    [Fact]
    public async Task An_https_public_address_makes_the_sign_in_cookie_secure_even_when_the_request_arrives_as_http()
    {
        using var portal = new ProductionPortal(new() { ["Demo:UnsafeAllowInProduction"] = "true", ["Portal:PublicBaseUrl"] = "https://portal.example" });

        var signIn = await portal.CreateBrowserLikeClient().SubmitFormAsync("/account/login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = "member@tammuz.demo",
            ["Input.Password"] = PortalFactory.DemoPassword,
        });

        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ihec.auth=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Production_refuses_an_https_address_when_the_sign_in_cookie_would_follow_the_request_scheme()
    {
        using var portal = new ProductionPortal(new(NoDemo) { ["Portal:PublicBaseUrl"] = "https://portal.example" },
            services => services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme,
                o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest));

        var refused = Assert.ThrowsAny<Exception>(() => portal.Services);

        Assert.Contains("Secure", MessagesOf(refused));
    }

    private static string MessagesOf(Exception exception)
    {
        var messages = new List<string>();
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        if (exception is AggregateException aggregate)
        {
            messages.AddRange(aggregate.InnerExceptions.Select(e => e.Message));
        }

        return string.Join(" | ", messages);
    }
}
