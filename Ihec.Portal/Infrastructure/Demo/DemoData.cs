using System.Text;
using Ihec.Portal.Features.Accounts;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Shared.Organisations;
using Ihec.Portal.Shared.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ihec.Portal.Infrastructure.Demo;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed demo accounts and organisations on first start (the embedded default).</summary>
    public bool Enabled { get; set; }
    public string Password { get; set; } = "Demo-Password-2026";
}

public sealed record DemoAccount(string Email, string DisplayName, string Role, string? OrganisationReference);

public sealed record DemoOrganisation(string Reference, string NameAr, string NameCkb, string NameEn, string RegistrationNumber,
    string[] Governorates, FocusArea[] FocusAreas, OrganisationStatus Status);

/// <summary>The demo organisations and accounts; one account per IHEC role, the administrator, and two per organisation.</summary>
public static class DemoData
{
    public static readonly IReadOnlyList<DemoOrganisation> Organisations =
    [
        new("CSO-DEMO-0001", "شبكة تموز لمراقبة الانتخابات", "تۆڕی تەمموز بۆ چاودێریکردنی هەڵبژاردن", "Tammuz Election Observation Network",
            "NGO-1A-00101", ["IQ-BG", "IQ-BA", "IQ-NA"], [FocusArea.Observation, FocusArea.VoterEducation], OrganisationStatus.Accredited),
        new("CSO-DEMO-0002", "جمعية نساء كركوك للمشاركة", "کۆمەڵەی ئافرەتانی کەرکووک بۆ بەشداری", "Kirkuk Women's Participation Association",
            "NGO-1A-00202", ["IQ-KI", "IQ-SD"], [FocusArea.WomensParticipation, FocusArea.Minorities], OrganisationStatus.Accredited),
        new("CSO-DEMO-0003", "منظمة أربيل للوصول والإعاقة", "ڕێکخراوی هەولێر بۆ دەستڕاگەیشتن و کەمئەندامی", "Erbil Access and Disability Organisation",
            "NGO-1A-00303", ["IQ-AR", "IQ-SU", "IQ-DA"], [FocusArea.PersonsWithDisabilities, FocusArea.MediaMonitoring], OrganisationStatus.Accredited),
        new("CSO-DEMO-0004", "شباب الأنبار للديمقراطية", "گەنجانی ئەنبار بۆ دیموکراسی", "Anbar Youth for Democracy",
            "NGO-1A-00404", ["IQ-AN"], [FocusArea.Youth, FocusArea.VoterEducation], OrganisationStatus.Submitted),
    ];

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("admin@demo.ihec.iq", "Portal Administrator", PortalRoles.Administrator, null),
        new("relations@demo.ihec.iq", "IHEC Relations Division", PortalRoles.IhecRelations, null),
        new("media@demo.ihec.iq", "IHEC Media Unit", PortalRoles.IhecMedia, null),
        new("antirumour@demo.ihec.iq", "IHEC Anti-Rumour Unit", PortalRoles.IhecAntiRumour, null),
        new("monitoring@demo.ihec.iq", "IHEC Monitoring Reviewer", PortalRoles.IhecMonitoring, null),
        new("editor@demo.ihec.iq", "IHEC Editor", PortalRoles.IhecEditor, null),
        new("admin@tammuz.demo", "Tammuz Administrator", PortalRoles.CsoAdmin, "CSO-DEMO-0001"),
        new("member@tammuz.demo", "Tammuz Observer", PortalRoles.CsoMember, "CSO-DEMO-0001"),
        new("admin@kirkuk-women.demo", "Kirkuk Women Administrator", PortalRoles.CsoAdmin, "CSO-DEMO-0002"),
        new("member@kirkuk-women.demo", "Kirkuk Women Observer", PortalRoles.CsoMember, "CSO-DEMO-0002"),
        new("admin@erbil-access.demo", "Erbil Access Administrator", PortalRoles.CsoAdmin, "CSO-DEMO-0003"),
        new("member@erbil-access.demo", "Erbil Access Observer", PortalRoles.CsoMember, "CSO-DEMO-0003"),
    ];

    /// <summary>Creates the roles always, and the demo data when <c>Demo:Enabled</c>; prints the demo accounts once the server listens.</summary>
    public static async Task SeedIfEnabledAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in PortalRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var options = scope.ServiceProvider.GetRequiredService<IConfiguration>().GetSection(DemoOptions.Section).Get<DemoOptions>() ?? new DemoOptions();
        if (!options.Enabled)
        {
            return;
        }

        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var created = false;
        foreach (var demo in Organisations)
        {
            if (await db.Organisations.AnyAsync(o => o.Reference == demo.Reference))
            {
                continue;
            }

            db.Organisations.Add(new Organisation
            {
                Reference = demo.Reference,
                NameAr = demo.NameAr,
                NameCkb = demo.NameCkb,
                NameEn = demo.NameEn,
                RegistrationNumber = demo.RegistrationNumber,
                Governorates = [.. demo.Governorates],
                FocusAreas = [.. demo.FocusAreas],
                ContactName = demo.NameEn + " contact",
                ContactEmail = "contact@" + demo.Reference.ToLowerInvariant() + ".demo",
                ContactPhone = "+9647700000" + demo.Reference[^3..],
                Status = demo.Status,
                AppliedAt = clock.GetUtcNow().AddDays(-30),
                DecidedAt = demo.Status == OrganisationStatus.Accredited ? clock.GetUtcNow().AddDays(-20) : null,
                AccreditedAt = demo.Status == OrganisationStatus.Accredited ? clock.GetUtcNow().AddDays(-20) : null,
                DescriptionAr = demo.NameAr,
                DescriptionCkb = demo.NameCkb,
                DescriptionEn = demo.NameEn,
                IsDemo = true,
            });
            created = true;
        }

        await db.SaveChangesAsync();

        foreach (var account in Accounts)
        {
            if (await users.FindByEmailAsync(account.Email) is not null)
            {
                continue;
            }

            Guid? organisationId = account.OrganisationReference is null
                ? null
                : await db.Organisations.Where(o => o.Reference == account.OrganisationReference).Select(o => (Guid?)o.Id).FirstAsync();
            var user = new PortalUser
            {
                UserName = account.Email,
                Email = account.Email,
                EmailConfirmed = true,
                DisplayName = account.DisplayName,
                OrganisationId = organisationId,
                PreferredCulture = "ar",
                CreatedAt = clock.GetUtcNow(),
                IsDemo = true,
            };
            var result = await users.CreateAsync(user, options.Password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("Demo account could not be created: " + string.Join(", ", result.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(user, account.Role);
            created = true;
        }

        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Ihec.Portal.Demo");
        if (created)
        {
            logger.LogInformation("Demo data seeded");
        }

        var lifetime = services.GetRequiredService<IHostApplicationLifetime>();
        var server = services.GetService<IServer>();
        var accountOptions = services.GetRequiredService<IOptions<AccountOptions>>().Value;
        lifetime.ApplicationStarted.Register(() => Console.WriteLine(Banner(server, options.Password, accountOptions)));
    }

    /// <summary>The console text at start-up; what it says about two-factor follows the settings.</summary>
    internal static string Banner(IServer? server, string password, AccountOptions accounts)
    {
        var addresses = server?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("IHEC–CSO portal is running on its embedded defaults (SQLite, demo data).");
        foreach (var address in addresses)
        {
            text.AppendLine($"  Open {address}   (Arabic; add ?culture=ckb or ?culture=en)");
        }

        var twoFactor = !accounts.RequireTwoFactorForStaff ? "two-factor is not required for anyone"
            : accounts.DemoAccountsSkipTwoFactor ? "two-factor is off for demo accounts only"
            : "IHEC staff accounts must set up an authenticator app at their first sign-in";
        text.AppendLine($"Demo accounts (password for all: {password}; {twoFactor}):");
        foreach (var account in Accounts)
        {
            text.AppendLine($"  {account.Role,-15} {account.Email}");
        }

        return text.ToString();
    }
}
