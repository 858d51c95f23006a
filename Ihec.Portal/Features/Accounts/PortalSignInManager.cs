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
    IDbContextFactory<PortalDbContext> dbFactory,
    UnknownAccountLockout unknownAccounts)
    : SignInManager<PortalUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>A hash of a random password, verified for addresses without an account so they cost what a real check costs.</summary>
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<PortalUser>().HashPassword(new PortalUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    /// <summary>
    /// Every failure answers alike, in about the same time: an unknown address has its password hashed and its
    /// failures counted toward a lockout like an account's (<see cref="UnknownAccountLockout"/>).
    /// </summary>
    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is not null)
        {
            return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        }

        if (unknownAccounts.IsLockedOut(userName))
        {
            return SignInResult.LockedOut;
        }

        UserManager.PasswordHasher.VerifyHashedPassword(new PortalUser(), DummyHash.Value, password);
        return lockoutOnFailure && unknownAccounts.Fail(userName) ? SignInResult.LockedOut : SignInResult.Failed;
    }

    /// <summary>
    /// The password is checked before the account's state (invited, deactivated, organisation suspended), so that a
    /// wrong password answers the same for every address; only someone who knows the password learns the state.
    /// </summary>
    public override async Task<SignInResult> CheckPasswordSignInAsync(PortalUser user, string password, bool lockoutOnFailure)
    {
        if (await IsLockedOut(user))
        {
            return await LockedOut(user);
        }

        bool correct;
        if (user.PasswordHash is null)
        {
            // An invited account without a password yet: the same work as any other wrong password.
            UserManager.PasswordHasher.VerifyHashedPassword(user, DummyHash.Value, password);
            correct = false;
        }
        else
        {
            correct = await UserManager.CheckPasswordAsync(user, password);
        }

        if (!correct)
        {
            if (lockoutOnFailure && UserManager.SupportsUserLockout)
            {
                await UserManager.AccessFailedAsync(user);
                if (await UserManager.IsLockedOutAsync(user))
                {
                    return await LockedOut(user);
                }
            }

            return SignInResult.Failed;
        }

        if (!await CanSignInAsync(user))
        {
            return SignInResult.NotAllowed;
        }

        if (!await UserManager.GetTwoFactorEnabledAsync(user))
        {
            await ResetLockout(user);
        }

        return SignInResult.Success;
    }

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
