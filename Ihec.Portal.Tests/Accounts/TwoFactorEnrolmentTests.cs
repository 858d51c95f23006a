using System.Net;
using Ihec.Portal.Tests.Infrastructure;

namespace Ihec.Portal.Tests.Accounts;

public sealed class TwoFactorEnrolmentTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact(Skip = "Known bug (Accounts): the first visit to /account/manage/two-factor calls ResetAuthenticatorKeyAsync, "
                 + "which changes the security stamp without refreshing the sign-in, so the session ends at the next "
                 + "revalidation (at most Accounts:RevalidationInterval later; /account/session-ended checks at once). "
                 + "Un-skip once the page refreshes the sign-in after creating the key.")]
    public async Task Opening_the_enrolment_page_keeps_the_reader_signed_in()
    {
        var client = await factory.SignedInClientAsync("editor@demo.ihec.iq");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/manage/two-factor")).StatusCode);

        // This page ends a session whose security stamp is no longer valid, without waiting for the interval.
        await client.GetAsync("/account/session-ended");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/manage")).StatusCode);
    }
}
