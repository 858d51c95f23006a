using System.Net;
using Ihec.Portal.Tests.Infrastructure;

namespace Ihec.Portal.Tests.Accounts;

public sealed class TwoFactorEnrolmentTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Opening_the_enrolment_page_keeps_the_reader_signed_in()
    {
        var client = await factory.SignedInClientAsync("editor@demo.ihec.iq");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/manage/two-factor")).StatusCode);

        // This page ends a session whose security stamp is no longer valid, without waiting for the interval.
        await client.GetAsync("/account/session-ended");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/manage")).StatusCode);
    }
}
