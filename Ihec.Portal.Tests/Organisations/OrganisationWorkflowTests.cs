using Ihec.Portal.Shared.Organisations;

namespace Ihec.Portal.Tests.Organisations;

public sealed class OrganisationWorkflowTests
{
    [Theory]
    [InlineData(OrganisationStatus.Submitted, OrganisationDecision.Accept, OrganisationStatus.Accredited)]
    [InlineData(OrganisationStatus.Submitted, OrganisationDecision.Refuse, OrganisationStatus.Refused)]
    [InlineData(OrganisationStatus.Submitted, OrganisationDecision.RequestInformation, OrganisationStatus.InformationRequested)]
    [InlineData(OrganisationStatus.InformationRequested, OrganisationDecision.Accept, OrganisationStatus.Accredited)]
    [InlineData(OrganisationStatus.InformationRequested, OrganisationDecision.Refuse, OrganisationStatus.Refused)]
    [InlineData(OrganisationStatus.Accredited, OrganisationDecision.Suspend, OrganisationStatus.Suspended)]
    [InlineData(OrganisationStatus.Suspended, OrganisationDecision.Reinstate, OrganisationStatus.Accredited)]
    public void Allowed_decision_moves_the_organisation_to_its_new_status(OrganisationStatus from, OrganisationDecision decision, OrganisationStatus to)
    {
        Assert.True(OrganisationWorkflow.IsAllowed(from, decision));
        Assert.Equal(to, OrganisationWorkflow.Apply(from, decision));
    }

    [Theory]
    [InlineData(OrganisationStatus.Submitted, OrganisationDecision.Suspend)]
    [InlineData(OrganisationStatus.Submitted, OrganisationDecision.Reinstate)]
    [InlineData(OrganisationStatus.InformationRequested, OrganisationDecision.RequestInformation)]
    [InlineData(OrganisationStatus.InformationRequested, OrganisationDecision.Suspend)]
    [InlineData(OrganisationStatus.Accredited, OrganisationDecision.Accept)]
    [InlineData(OrganisationStatus.Accredited, OrganisationDecision.Refuse)]
    [InlineData(OrganisationStatus.Accredited, OrganisationDecision.Reinstate)]
    [InlineData(OrganisationStatus.Suspended, OrganisationDecision.Accept)]
    [InlineData(OrganisationStatus.Suspended, OrganisationDecision.Suspend)]
    [InlineData(OrganisationStatus.Refused, OrganisationDecision.Accept)]
    [InlineData(OrganisationStatus.Refused, OrganisationDecision.Reinstate)]
    public void Forbidden_decision_is_not_offered_and_cannot_be_applied(OrganisationStatus from, OrganisationDecision decision)
    {
        Assert.False(OrganisationWorkflow.IsAllowed(from, decision));
        Assert.DoesNotContain(decision, OrganisationWorkflow.AllowedDecisions(from));
        Assert.Throws<InvalidOperationException>(() => OrganisationWorkflow.Apply(from, decision));
    }

    [Fact]
    public void A_refused_application_is_final()
    {
        Assert.Empty(OrganisationWorkflow.AllowedDecisions(OrganisationStatus.Refused));
    }

    [Theory]
    [InlineData(OrganisationDecision.Refuse, true)]
    [InlineData(OrganisationDecision.RequestInformation, true)]
    [InlineData(OrganisationDecision.Suspend, true)]
    [InlineData(OrganisationDecision.Accept, false)]
    [InlineData(OrganisationDecision.Reinstate, false)]
    public void Refusing_asking_for_information_and_suspending_need_a_reason(OrganisationDecision decision, bool required)
    {
        Assert.Equal(required, OrganisationWorkflow.RequiresReason(decision));
    }

    [Theory]
    [InlineData(OrganisationStatus.Accredited, true)]
    [InlineData(OrganisationStatus.Submitted, false)]
    [InlineData(OrganisationStatus.InformationRequested, false)]
    [InlineData(OrganisationStatus.Refused, false)]
    [InlineData(OrganisationStatus.Suspended, false)]
    public void Only_members_of_an_accredited_organisation_may_sign_in(OrganisationStatus status, bool maySignIn)
    {
        Assert.Equal(maySignIn, OrganisationWorkflow.MembersMaySignIn(status));
    }

    [Fact]
    public void Applicant_may_correct_only_when_asked_and_the_application_then_waits_again()
    {
        Assert.Equal(OrganisationStatus.Submitted, OrganisationWorkflow.AfterApplicantUpdate(OrganisationStatus.InformationRequested));
        foreach (var status in Enum.GetValues<OrganisationStatus>().Where(s => s != OrganisationStatus.InformationRequested))
        {
            Assert.False(OrganisationWorkflow.ApplicantMayUpdate(status));
            Assert.Throws<InvalidOperationException>(() => OrganisationWorkflow.AfterApplicantUpdate(status));
        }
    }

    [Fact]
    public void Queue_puts_applications_waiting_for_IHEC_first_then_those_waiting_for_the_applicant()
    {
        var rank = OrganisationWorkflow.QueueRank.Compile();
        var ordered = Enum.GetValues<OrganisationStatus>().OrderBy(s => rank(new Organisation { Status = s })).ToList();

        Assert.Equal([OrganisationStatus.Submitted, OrganisationStatus.InformationRequested], ordered.Take(2));
        Assert.All(Enum.GetValues<OrganisationStatus>(), s => Assert.Equal(OrganisationWorkflow.IsPending(s), ordered.IndexOf(s) < 2));
    }
}
