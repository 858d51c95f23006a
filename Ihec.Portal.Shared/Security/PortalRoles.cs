namespace Ihec.Portal.Shared.Security;

/// <summary>The roles in DESIGN.md. Pages never check these directly: they ask for a policy.</summary>
public static class PortalRoles
{
    public const string CsoMember = nameof(CsoMember);
    public const string CsoAdmin = nameof(CsoAdmin);
    public const string IhecRelations = nameof(IhecRelations);
    public const string IhecMedia = nameof(IhecMedia);
    public const string IhecAntiRumour = nameof(IhecAntiRumour);
    public const string IhecMonitoring = nameof(IhecMonitoring);
    public const string IhecEditor = nameof(IhecEditor);
    public const string Administrator = nameof(Administrator);

    public static readonly IReadOnlyList<string> All =
    [
        CsoMember, CsoAdmin, IhecRelations, IhecMedia, IhecAntiRumour, IhecMonitoring, IhecEditor, Administrator,
    ];

    /// <summary>Roles held by IHEC staff (and the administrator), who must use two-factor sign-in.</summary>
    public static readonly IReadOnlyList<string> Staff =
    [
        IhecRelations, IhecMedia, IhecAntiRumour, IhecMonitoring, IhecEditor, Administrator,
    ];

    public static readonly IReadOnlyList<string> Cso = [CsoMember, CsoAdmin];

    public static bool IsStaffRole(string role) => Staff.Contains(role);
}
