using Ihec.Portal.Features.Organisations;
using Ihec.Portal.Infrastructure.Auditing;
using Ihec.Portal.Shared.Organisations;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ihec.Portal.Tests.EndToEnd;

/// <summary>A member with a page open in the browser is thrown out when IHEC suspends the organisation.</summary>
[Collection(PlaywrightCollection.Name)]
public sealed class SuspensionSignOutTests(PlaywrightPortal browser)
{
    [Fact(Skip = "Known defect, stop 10: in Chromium the open page (its session-guard circuit is up) does not leave for "
                 + "/account/session-ended within 90 s of the suspension, so neither the immediate revocation nor the one-minute "
                 + "circuit revalidation reaches it. Server-rendered requests are refused (SuspensionTests). Un-skip when fixed.")]
    public async Task Suspending_an_organisation_ends_its_member_open_session_in_the_browser()
    {
        const string email = "member@erbil-access.demo";
        await using var context = await browser.NewContextAsync(Principal.Anonymous);
        var page = await context.NewPageAsync();
        await PlaywrightPortal.OpenAsync(page, "/account/login?culture=ckb");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(PortalFactory.DemoPassword);
        await page.Locator("#password").PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));

        await PlaywrightPortal.OpenAsync(page, "/my-organisation");
        // The session guard runs in the page's live connection once it is up.
        await page.Locator("[data-session-guard=active]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        Guid organisationId;
        await using (var db = browser.Portal.CreateDbContext())
        {
            organisationId = await db.Organisations.Where(o => o.Reference == "CSO-DEMO-0003").Select(o => o.Id).SingleAsync();
        }

        var relations = new AuditActor(null, "relations@demo.ihec.iq", "127.0.0.1");
        using (var scope = browser.Portal.Services.CreateScope())
        {
            var organisations = scope.ServiceProvider.GetRequiredService<OrganisationService>();
            var suspended = await organisations.DecideAsync(organisationId, new DecisionForm
            {
                Decision = OrganisationDecision.Suspend,
                Reason = "End-to-end test of suspension.",
                ExpectedStatus = OrganisationStatus.Accredited,
            }, relations);
            Assert.True(suspended.Succeeded);
        }

        try
        {
            // No reload: the open page leaves by itself for the page that ends the session.
            await page.WaitForURLAsync("**/account/session-ended", new() { Timeout = 90_000 });
            await PlaywrightPortal.OpenAsync(page, "/my-organisation");
            Assert.Contains("/account/login", page.Url);
        }
        finally
        {
            using var scope = browser.Portal.Services.CreateScope();
            var organisations = scope.ServiceProvider.GetRequiredService<OrganisationService>();
            await organisations.DecideAsync(organisationId, new DecisionForm
            {
                Decision = OrganisationDecision.Reinstate,
                ExpectedStatus = OrganisationStatus.Suspended,
            }, relations);
        }
    }
}
