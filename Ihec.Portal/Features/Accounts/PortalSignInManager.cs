using System.Security.Claims;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Shared.Organisations;
using Ihec.Portal.Shared.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ihec.Portal.Features.Accounts;

/// <summary>
/// Admits only IHEC staff and members of accredited organisations. The same check runs when a cookie or
/// an open circuit is revalidated, so suspending an organisation ends its members' sessions.
/// </summary>
public sealed class PortalSignInManager(
    UserManager<PortalUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<PortalUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<PortalUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<PortalUser> confirmation,
    IDbContextFactory<PortalDbContext> dbFactory)
    : SignInManager<PortalUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(PortalUser user)
    {
        if (user.IsDeactivated || !await base.CanSignInAsync(user))
        {
            return false;
        }

        var roles = await UserManager.GetRolesAsync(user);
        if (roles.Any(PortalRoles.IsStaffRole))
        {
            return true;
        }

        if (user.OrganisationId is not { } organisationId || !roles.Any(PortalRoles.Cso.Contains))
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        var status = await db.Organisations.Where(o => o.Id == organisationId).Select(o => (OrganisationStatus?)o.Status).FirstOrDefaultAsync();
        return status is { } s && OrganisationWorkflow.MembersMaySignIn(s);
    }

    public override async Task<PortalUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is not null && await CanSignInAsync(user) ? user : null;
    }
}

public sealed class PortalClaimsPrincipalFactory(
    UserManager<PortalUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options,
    IOptions<AccountOptions> accountOptions)
    : UserClaimsPrincipalFactory<PortalUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PortalClaims.DisplayName, user.DisplayName));
        if (user.OrganisationId is { } org)
        {
            identity.AddClaim(new Claim(PortalClaims.OrganisationId, org.ToString()));
        }

        var roles = await UserManager.GetRolesAsync(user);
        if (TwoFactorPolicy.MustEnrol(user, roles, accountOptions.Value))
        {
            identity.AddClaim(new Claim(PortalClaims.TwoFactorSetupRequired, "true"));
        }

        return identity;
    }
}

public static class TwoFactorPolicy
{
    public static bool IsRequired(PortalUser user, IEnumerable<string> roles, AccountOptions options) =>
        options.RequireTwoFactorForStaff
        && roles.Any(PortalRoles.IsStaffRole)
        && !(user.IsDemo && options.DemoAccountsSkipTwoFactor);

    /// <summary>Staff who must use two-factor but have not enrolled an authenticator yet.</summary>
    public static bool MustEnrol(PortalUser user, IEnumerable<string> roles, AccountOptions options) =>
        IsRequired(user, roles, options) && !user.TwoFactorEnabled;
}
