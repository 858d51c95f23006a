using Ihec.Portal.Features.Accounts;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Infrastructure.Web;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ihec.Portal.Infrastructure.Security;

/// <summary>
/// In the Production environment the portal refuses to start with settings that are only safe for a demonstration:
/// demo data (accounts whose password is published, staff without a second factor), sign-in cookies that would
/// travel without <c>Secure</c> although the portal is public over https, and no public address of its own (every
/// absolute link would point to the default <c>http://localhost:5000</c>). <see cref="UnsafeAllowDemoSetting"/> lets the
/// demo data through, nothing else.
/// </summary>
public static class ProductionSafety
{
    /// <summary>The only way to run the demo in Production, named so that nobody sets it by accident.</summary>
    public const string UnsafeAllowDemoSetting = "Demo:UnsafeAllowInProduction";

    /// <summary>Before the database is touched: the settings.</summary>
    public static void CheckSettings(WebApplication app)
    {
        if (!app.Environment.IsProduction())
        {
            return;
        }

        var configuration = app.Configuration;
        var problems = new List<string>();
        if (!configuration.GetValue<bool>(UnsafeAllowDemoSetting))
        {
            if (configuration.GetValue<bool>("Demo:Enabled"))
            {
                problems.Add("Demo:Enabled is true: the demo accounts, an Administrator among them, have a published password.");
            }

            if (configuration.GetValue<bool>("Accounts:DemoAccountsSkipTwoFactor"))
            {
                problems.Add("Accounts:DemoAccountsSkipTwoFactor is true: demo staff accounts sign in without a second factor.");
            }
        }

        if (PortalUrlOptions.ProblemForProduction(configuration[PortalUrlOptions.Setting]) is { } address)
        {
            problems.Add(address + $" Set {PortalUrlOptions.Setting} to the address people reach the portal at.");
        }

        if (app.Services.GetRequiredService<IOptions<PortalUrlOptions>>().Value.IsHttps)
        {
            var cookie = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
            if (cookie.Cookie.SecurePolicy != CookieSecurePolicy.Always)
            {
                problems.Add("Portal:PublicBaseUrl is https but the sign-in cookie would not always be Secure.");
            }
        }

        Refuse(problems);
    }

    /// <summary>After migration, before seeding: demo accounts already in the database keep their published password.</summary>
    public static async Task CheckDataAsync(WebApplication app)
    {
        if (!app.Environment.IsProduction() || app.Configuration.GetValue<bool>(UnsafeAllowDemoSetting))
        {
            return;
        }

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        if (await db.Users.AnyAsync(u => u.IsDemo))
        {
            Refuse(["The database holds demo accounts, whose password is published; delete them."]);
        }
    }

    private static void Refuse(List<string> problems)
    {
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The portal does not start in the Production environment: " + string.Join(" ", problems)
                + $" To run the demonstration in Production anyway, {UnsafeAllowDemoSetting}=true allows the demo data (see docs/security.md).");
        }
    }
}
