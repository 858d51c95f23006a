namespace Ihec.Portal.Shared.Security;

public static class PortalClaims
{
    /// <summary>The organisation a CSO user belongs to.</summary>
    public const string OrganisationId = "ihec:org";
    /// <summary>Present when a staff account must enrol an authenticator before using the portal.</summary>
    public const string TwoFactorSetupRequired = "ihec:2fa-setup";
    public const string DisplayName = "ihec:name";
}
