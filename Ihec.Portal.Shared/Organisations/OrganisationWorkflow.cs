using System.Linq.Expressions;

namespace Ihec.Portal.Shared.Organisations;

/// <summary>Which decisions the IHEC relations division may take on an organisation in a given state.</summary>
public static class OrganisationWorkflow
{
    public static IReadOnlyList<OrganisationDecision> AllowedDecisions(OrganisationStatus status) => status switch
    {
        OrganisationStatus.Submitted =>
            [OrganisationDecision.Accept, OrganisationDecision.Refuse, OrganisationDecision.RequestInformation],
        OrganisationStatus.InformationRequested =>
            [OrganisationDecision.Accept, OrganisationDecision.Refuse],
        OrganisationStatus.Accredited => [OrganisationDecision.Suspend],
        OrganisationStatus.Suspended => [OrganisationDecision.Reinstate],
        _ => [],
    };

    public static bool IsAllowed(OrganisationStatus status, OrganisationDecision decision) =>
        AllowedDecisions(status).Contains(decision);

    /// <summary>Refusing, asking for information and suspending must say why.</summary>
    public static bool RequiresReason(OrganisationDecision decision) =>
        decision is OrganisationDecision.Refuse or OrganisationDecision.RequestInformation or OrganisationDecision.Suspend;

    public static OrganisationStatus Apply(OrganisationStatus status, OrganisationDecision decision)
    {
        if (!IsAllowed(status, decision))
        {
            throw new InvalidOperationException($"Decision {decision} is not allowed from {status}.");
        }

        return decision switch
        {
            OrganisationDecision.Accept => OrganisationStatus.Accredited,
            OrganisationDecision.Refuse => OrganisationStatus.Refused,
            OrganisationDecision.RequestInformation => OrganisationStatus.InformationRequested,
            OrganisationDecision.Suspend => OrganisationStatus.Suspended,
            OrganisationDecision.Reinstate => OrganisationStatus.Accredited,
            _ => throw new ArgumentOutOfRangeException(nameof(decision)),
        };
    }

    /// <summary>Members may sign in only while their organisation is accredited.</summary>
    public static bool MembersMaySignIn(OrganisationStatus status) => status == OrganisationStatus.Accredited;

    /// <summary>The applicant may correct the application only while IHEC has asked for more information.</summary>
    public static bool ApplicantMayUpdate(OrganisationStatus status) => status == OrganisationStatus.InformationRequested;

    /// <summary>A corrected application waits for a decision again.</summary>
    public static OrganisationStatus AfterApplicantUpdate(OrganisationStatus status) =>
        ApplicantMayUpdate(status)
            ? OrganisationStatus.Submitted
            : throw new InvalidOperationException($"The applicant cannot update an application that is {status}.");

    /// <summary>Still an application (not yet accredited or refused): waiting for IHEC or for the applicant.</summary>
    public static bool IsPending(OrganisationStatus status) =>
        status is OrganisationStatus.Submitted or OrganisationStatus.InformationRequested;

    /// <summary>
    /// The relations division's queue order: applications waiting for IHEC first, then those waiting for the applicant,
    /// then suspended, accredited and refused organisations. An expression, so the database sorts by it.
    /// </summary>
    public static readonly Expression<Func<Organisation, int>> QueueRank = o =>
        o.Status == OrganisationStatus.Submitted ? 0
        : o.Status == OrganisationStatus.InformationRequested ? 1
        : o.Status == OrganisationStatus.Suspended ? 2
        : o.Status == OrganisationStatus.Accredited ? 3
        : 4;
}
