namespace Ihec.Portal.Features.Accounts;

public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>IHEC staff and administrators must use an authenticator app. On by default.</summary>
    public bool RequireTwoFactorForStaff { get; set; } = true;

    /// <summary>
    /// Demo data only: lets seeded demo accounts sign in without two-factor. Never affects a real account,
    /// and the sign-in page says when it is on.
    /// </summary>
    public bool DemoAccountsSkipTwoFactor { get; set; }

    /// <summary>How often an open interactive session re-checks that its user may still be signed in.</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an invitation link stays valid.</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How many 30-second steps before and after the current one an authenticator code may come from (clock drift,
    /// typing time). 1 by default: a code is accepted for about a minute and a half; 0 accepts the current step only.
    /// </summary>
    public int AuthenticatorStepsTolerance { get; set; } = 1;

    public int MaxFailedAccessAttempts { get; set; } = 5;
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}
