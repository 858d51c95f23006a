using System.Net;
using Ihec.Portal.Shared.Organisations;
using Ihec.Portal.Tests.Infrastructure;
using static Ihec.Portal.Tests.Organisations.OrganisationFlows;

namespace Ihec.Portal.Tests.Organisations;

public sealed class SuspensionTests(FastRevalidationPortalFactory factory) : IClassFixture<FastRevalidationPortalFactory>
{
    [Fact]
    public async Task Suspended_organisation_member_loses_the_open_session_and_cannot_sign_in_until_reinstated()
    {
        var relations = await factory.SignedInClientAsync(Relations);
        var (organisation, admin, adminEmail) = await AccreditedOrganisationAsync(factory, relations);
        var (member, memberEmail) = await InviteAndActivateAsync(factory, admin);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/my-organisation")).StatusCode);

        var suspend = await DecideAsync(relations, organisation.Id, OrganisationDecision.Suspend, "Breach of the observers' code of conduct.");
        Assert.Equal(HttpStatusCode.Redirect, suspend.StatusCode);

        await Eventually.UntilResponseAsync(() => member.GetAsync("/my-organisation"), r => r.IsSignInRedirect(), "the member's session sent to sign in");
        await Eventually.UntilResponseAsync(() => admin.GetAsync("/my-organisation"), r => r.IsSignInRedirect(), "the administrator's session sent to sign in");
        await Assert.ThrowsAsync<InvalidOperationException>(() => factory.SignedInClientAsync(memberEmail, NewPassword));
        Assert.Contains("Breach of the observers' code of conduct.", MailTo(factory, adminEmail, "Breach").TextBody);
        var directory = await factory.CreateBrowserLikeClient().GetAsync($"/organisations/{organisation.Reference}");
        Assert.Equal(HttpStatusCode.NotFound, directory.StatusCode);

        var reinstate = await DecideAsync(relations, organisation.Id, OrganisationDecision.Reinstate);
        Assert.Equal(HttpStatusCode.Redirect, reinstate.StatusCode);

        var again = await factory.SignedInClientAsync(memberEmail, NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/my-organisation")).StatusCode);
    }

    [Fact]
    public async Task Suspension_requires_a_reason()
    {
        var relations = await factory.SignedInClientAsync(Relations);
        var (organisation, _, _) = await AccreditedOrganisationAsync(factory, relations);

        var response = await DecideAsync(relations, organisation.Id, OrganisationDecision.Suspend);

        Assert.Contains("Give the reason", (await response.ParseAsync()).QuerySelector("#reason-error")?.TextContent);
        Assert.Equal(OrganisationStatus.Accredited, (await FindByIdAsync(factory, organisation.Id)).Status);
    }
}
