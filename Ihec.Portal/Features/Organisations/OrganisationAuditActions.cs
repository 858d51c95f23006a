using Ihec.Portal.Shared.Organisations;

namespace Ihec.Portal.Features.Organisations;

/// <summary>The audit action codes this module writes; the audit page names them through <c>AdminText</c> (<c>Action_…</c>).</summary>
public static class OrganisationAuditActions
{
    public const string EntityType = "Organisation";
    public const string UserEntityType = "User";

    public const string Apply = "organisation.apply";
    public const string ApplicationUpdated = "organisation.application-updated";
    public const string Accept = "organisation.accept";
    public const string Refuse = "organisation.refuse";
    public const string RequestInformation = "organisation.request-information";
    public const string Suspend = "organisation.suspend";
    public const string Reinstate = "organisation.reinstate";
    public const string ProfileUpdated = "organisation.profile-updated";
    public const string MemberInvited = "organisation.member-invited";
    public const string InvitationResent = "organisation.invitation-resent";
    public const string MemberRemoved = "organisation.member-removed";

    /// <summary>The entries that make up an application's history on the relations division's detail page.</summary>
    public static readonly IReadOnlyList<string> History =
        [Apply, ApplicationUpdated, Accept, Refuse, RequestInformation, Suspend, Reinstate];

    public static string For(OrganisationDecision decision) => decision switch
    {
        OrganisationDecision.Accept => Accept,
        OrganisationDecision.Refuse => Refuse,
        OrganisationDecision.RequestInformation => RequestInformation,
        OrganisationDecision.Suspend => Suspend,
        OrganisationDecision.Reinstate => Reinstate,
        _ => throw new ArgumentOutOfRangeException(nameof(decision)),
    };
}
