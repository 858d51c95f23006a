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
}
