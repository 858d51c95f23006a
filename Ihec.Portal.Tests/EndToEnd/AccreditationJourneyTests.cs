using Ihec.Portal.Tests.Infrastructure;
using Ihec.Portal.Tests.Organisations;
using Microsoft.Playwright;
using MimeKit;

namespace Ihec.Portal.Tests.EndToEnd;

/// <summary>
/// The foundation's whole journey in the browser, in each language: an organisation applies, the IHEC relations
/// division accepts it, its contact person activates the administrator account and invites a member, and both sign in.
/// </summary>
[Collection(PlaywrightCollection.Name)]
public sealed class AccreditationJourneyTests(PlaywrightPortal browser)
{
    private const string Password = "Journey-password-2026";

    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    [Theory]
    [InlineData("ar", "rtl")]
    [InlineData("ckb", "rtl")]
    [InlineData("en", "ltr")]
    public async Task Organisation_applies_is_accepted_invites_a_member_and_both_sign_in(string language, string direction)
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var contactEmail = $"journey-{unique}@example.org";
        var memberEmail = $"journey-member-{unique}@example.org";
        var nameEn = $"Journey Observers {unique}";

        // 1. The organisation applies, without an account; the page names the address, and the reference comes by e-mail.
        await using (var visitor = await browser.NewContextAsync(Principal.Anonymous))
        {
            var page = await visitor.NewPageAsync();
            await PlaywrightPortal.OpenAsync(page, $"/organisations/apply?culture={language}");
            await AssertLanguageAsync(page, language, direction);
            await page.Locator("#name-ar").FillAsync($"مراقبو الرحلة {unique}");
            await page.Locator("#name-ckb").FillAsync($"چاودێرانی گەشت {unique}");
            await page.Locator("#name-en").FillAsync(nameEn);
            await page.Locator("#registration").FillAsync($"NGO-J-{unique}");
            await page.Locator("#gov-IQ-KI").CheckAsync();
            await page.Locator("#focus-Observation").CheckAsync();
            await page.Locator("#contact-name").FillAsync($"Journey Contact {unique}");
            await page.Locator("#contact-email").FillAsync(contactEmail);
            await page.Locator("#contact-phone").FillAsync("0770 555 0101");
            await page.Locator("#document").SetInputFilesAsync(new FilePayload { Name = "registration.pdf", MimeType = "application/pdf", Buffer = Pdf });
            await page.Locator("#declaration").CheckAsync();
            await page.Locator("form[enctype='multipart/form-data'] button[type=submit]").ClickAsync();

            await page.WaitForURLAsync("**/organisations/apply/submitted?to=*");
            Assert.Equal(contactEmail, (await page.Locator("#sent-to").TextContentAsync())!.Trim());
            Assert.DoesNotMatch(OrganisationFlows.ReferencePattern(), await page.Locator("main").TextContentAsync() ?? "");
            await AssertLanguageAsync(page, language, direction);
        }

        var reference = OrganisationFlows.ReferenceMailedTo(browser.Portal, contactEmail);
        Assert.Contains(reference, MailTo(contactEmail, reference).TextBody);

        // 2. The relations division finds it in the queue and accepts it.
        await using (var relations = await browser.NewContextAsync(Principal.IhecRelations))
        {
            var page = await relations.NewPageAsync();
            await PlaywrightPortal.OpenAsync(page, $"/ihec/organisations?culture={language}");
            await page.Locator("#q").FillAsync(reference);
            await page.Locator("#q").PressAsync("Enter");
            await page.WaitForURLAsync("**q=*");
            await page.Locator($"a:text-is('{reference}')").ClickAsync();
            await page.WaitForURLAsync("**/ihec/organisations/*");
            await AssertLanguageAsync(page, language, direction);
            await page.Locator("#decision-Accept").CheckAsync();
            await page.Locator("#decision-title ~ form button[type=submit], form:has(#decision-Accept) button[type=submit]").First.ClickAsync();
            await page.Locator("#invitation-title").WaitForAsync();
        }

        // 3. The contact person follows the invitation, chooses a password and signs in as the organisation's administrator.
        await using (var admin = await browser.NewContextAsync(Principal.Anonymous))
        {
            var page = await admin.NewPageAsync();
            await ActivateAndSignInAsync(page, contactEmail, language, direction);
            await PlaywrightPortal.OpenAsync(page, "/my-organisation");
            await AssertLanguageAsync(page, language, direction);
            Assert.NotNull(await page.Locator("a[href='/my-organisation/members']").ElementHandleAsync());

            // 4. The administrator invites a member, in the member's language.
            await page.Locator("a[href='/my-organisation/members']").ClickAsync();
            await page.WaitForURLAsync("**/my-organisation/members");
            await page.Locator("#invite-name").FillAsync($"Journey Member {unique}");
            await page.Locator("#invite-email").FillAsync(memberEmail);
            await page.Locator("#invite-language").SelectOptionAsync(language);
            await page.Locator("form:has(#invite-email) button[type=submit]").ClickAsync();
            await page.Locator($"td:has-text('{memberEmail}')").WaitForAsync();
        }

        // 5. The member activates the account and signs in: the organisation's page, without the administrator's tools.
        await using (var member = await browser.NewContextAsync(Principal.Anonymous))
        {
            var page = await member.NewPageAsync();
            await ActivateAndSignInAsync(page, memberEmail, language, direction);
            await PlaywrightPortal.OpenAsync(page, "/my-organisation");
            await AssertLanguageAsync(page, language, direction);
            Assert.Equal(0, await page.Locator("a[href='/my-organisation/members']").CountAsync());
            Assert.Contains(memberEmail, await page.Locator("main").InnerTextAsync());
        }
    }

    private async Task ActivateAndSignInAsync(IPage page, string email, string language, string direction)
    {
        // The invitation is in the person's language; its link works in a browser that has never seen the portal.
        var link = PortalFactory.LinkIn(MailTo(email, "/account/invitation"));
        await PlaywrightPortal.OpenAsync(page, PlaywrightPortal.WithCulture(link, language));
        await AssertLanguageAsync(page, language, direction);
        await page.Locator("#password").FillAsync(Password);
        await page.Locator("#confirm").FillAsync(Password);
        await page.Locator("form:has(#confirm) button[type=submit]").ClickAsync();

        await page.WaitForURLAsync("**/account/login*");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(Password);
        await page.Locator("#password").PressAsync("Enter");
        await page.Locator("form[action='/account/logout']").WaitForAsync();
        await AssertLanguageAsync(page, language, direction);
    }

    private static async Task AssertLanguageAsync(IPage page, string language, string direction)
    {
        Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal(direction, await page.Locator("html").GetAttributeAsync("dir"));
    }

    private MimeMessage MailTo(string address, string text) => OrganisationFlows.MailTo(browser.Portal, address, text);
}
