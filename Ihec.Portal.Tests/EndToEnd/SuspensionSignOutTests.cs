using Ihec.Portal.Features.Organisations;
using Ihec.Portal.Infrastructure.Auditing;
using Ihec.Portal.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Ihec.Portal.Shared.Organisations;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ihec.Portal.Tests.EndToEnd;

/// <summary>
/// A member with a page open in the browser is thrown out when IHEC suspends the organisation (at once, on this
/// instance) and when the account's security stamp changes where no notice reaches the page (revalidation).
/// </summary>
[Collection(PlaywrightCollection.Name)]
public sealed class SuspensionSignOutTests(PlaywrightPortal browser)
{
    [Fact]
    public async Task Suspending_an_organisation_ends_its_member_open_session_in_the_browser()
    {
        await using var context = await browser.NewContextAsync(Principal.Anonymous);
        var page = await context.NewPageAsync();
        await OpenMyOrganisationAsync(page, "member@erbil-access.demo");


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
            await LeftAsync(page);
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

    [Fact]
    public async Task A_changed_security_stamp_ends_the_open_session_at_the_next_revalidation()
    {
        // As when the change is made on another instance: no notice reaches this one, only revalidation.
        const string email = "member@kirkuk-women.demo";
        await using var context = await browser.NewContextAsync(Principal.Anonymous);
        var page = await context.NewPageAsync();
        await OpenMyOrganisationAsync(page, email);

        using (var scope = browser.Portal.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = await users.FindByEmailAsync(email);
            Assert.NotNull(user);
            Assert.True((await users.UpdateSecurityStampAsync(user!)).Succeeded);
        }

        // The browser tests revalidate every few seconds (BrowserPortalFactory); the portal's default is a minute.
        await LeftAsync(page);
        await PlaywrightPortal.OpenAsync(page, "/my-organisation");
        Assert.Contains("/account/login", page.Url);
    }

    // The address changing is what counts, not the new page's last font arriving: on a loaded two-core machine the
    // load event of the next page has come after 30 s.
    private static readonly PageWaitForURLOptions LeftForSessionEnded = new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 };

    // On failure, says where the page is and whether its live connection is still up, for the next diagnosis.
    private static async Task LeftAsync(IPage page)
    {
        try
        {
            await page.WaitForURLAsync("**/account/session-ended", LeftForSessionEnded);
        }
        catch (TimeoutException exception)
        {
            var guard = await page.Locator("[data-session-guard=active]").CountAsync();
            var reconnect = await page.EvaluateAsync<string>(
                "() => { const m = document.getElementById('components-reconnect-modal'); return m ? m.className + ' ' + (m.open ?? '') : 'none'; }");
            throw new TimeoutException($"The page did not leave: at {page.Url}, session guard present: {guard}, reconnect dialog: {reconnect}.", exception);
        }
    }

    private static async Task OpenMyOrganisationAsync(IPage page, string email)
    {
        await PlaywrightPortal.OpenAsync(page, "/account/login?culture=ckb");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(PortalFactory.DemoPassword);
        await page.Locator("#password").PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));

        await PlaywrightPortal.OpenAsync(page, "/my-organisation");
        // The session guard runs in the page's live connection once it is up.
        await page.Locator("[data-session-guard=active]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }
}
