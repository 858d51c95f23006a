namespace Ihec.Portal.Shared.Security;

/// <summary>Authorisation policy names. Each page and endpoint names exactly one.</summary>
public static class PortalPolicies
{
    /// <summary>
    /// Any signed-in user, including IHEC staff who must still enrol an authenticator: the account's own pages and
    /// signing out. Every other policy refuses those staff until they have enrolled.
    /// </summary>
    public const string Account = nameof(Account);
    /// <summary>Any signed-in user: a member of an accredited organisation or IHEC staff (enrolled in two-factor when required).</summary>
    public const string SignedIn = nameof(SignedIn);
    /// <summary>A member (or administrator) of an accredited organisation.</summary>
    public const string CsoMember = nameof(CsoMember);
    /// <summary>The administrator of an accredited organisation.</summary>
    public const string CsoAdmin = nameof(CsoAdmin);
    /// <summary>Any IHEC staff role.</summary>
    public const string IhecStaff = nameof(IhecStaff);
    public const string IhecRelations = nameof(IhecRelations);
    public const string IhecMedia = nameof(IhecMedia);
    /// <summary>Takes part in chat: a member of an accredited organisation, or IHEC's media unit.</summary>
    public const string ChatParticipant = nameof(ChatParticipant);
    public const string IhecAntiRumour = nameof(IhecAntiRumour);
    public const string IhecMonitoring = nameof(IhecMonitoring);
    /// <summary>Opens the violations map: IHEC's monitoring (every report) or a member of an accredited organisation (its own).</summary>
    public const string ViolationMap = nameof(ViolationMap);
    public const string IhecEditor = nameof(IhecEditor);
    public const string Administrator = nameof(Administrator);
}
