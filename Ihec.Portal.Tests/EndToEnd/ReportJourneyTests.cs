using Ihec.Portal.Features.Reports;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Ihec.Portal.Tests.EndToEnd;

/// <summary>
/// A CSO report from draft to public endorsement in the browser, in the Sorani interface: a member drafts it with an
/// image, the organisation's administrator publishes it, a member of another organisation reads it, an IHEC editor
/// endorses it, and an anonymous reader finds it through search and in the Atom feed.
/// </summary>
[Collection(PlaywrightCollection.Name)]
public sealed class ReportJourneyTests(PlaywrightPortal browser)
{
    /// <summary>A valid 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    [Fact]
    public async Task A_sorani_draft_with_an_image_is_published_read_by_another_organisation_endorsed_and_found_by_the_public()
    {
        var unique = Guid.NewGuid().ToString("N")[..6];
        var word = "چاودێریکەر" + unique;
        var title = $"ڕاپۆرتی چاودێری بنکەکانی دەنگدان لە سلێمانی {unique}";

        // 1. A member drafts it in Sorani and adds a photo.
        await using var memberContext = await browser.NewContextAsync(Principal.CsoMember);
        var member = await memberContext.NewPageAsync();
        await PlaywrightPortal.OpenAsync(member, "/reports/mine/new?culture=ckb");
        Assert.Equal("ckb", await member.Locator("html").GetAttributeAsync("lang"));
        await member.Locator("#title").FillAsync(title);
        await member.Locator("#summary").FillAsync("تێبینییەکانی تیمەکانمان لە ڕۆژی دەنگدان.");
        await member.Locator("#body").FillAsync($"## تێبینییەکان\n\nهەموو بنکەکان لە کاتی خۆیدا کرانەوە. {word}");
        await member.Locator("#language").SelectOptionAsync("ckb");
        await member.Locator("#topic-polling").CheckAsync();
        await member.Locator("#gov-IQ-SU").CheckAsync();
        // Autosave keeps the new report before any button is pressed: the form and the address switch to the draft.
        await member.WaitForURLAsync("**/reports/mine/*/edit?culture=ckb");
        await Microsoft.Playwright.Assertions.Expect(member.Locator("#autosave-status")).ToContainTextAsync("خۆکارانە پاشەکەوت کرا");
        await member.Locator("form:has(#title) button[type=submit]").ClickAsync();
        await member.WaitForURLAsync("**/reports/mine/*?done=Saved");
        var manage = new Uri(member.Url).AbsolutePath;
        await using (var db = browser.Portal.CreateDbContext())
        {
            // The Save button changed the autosaved draft; it did not file a second report.
            Assert.Equal(1, await db.Set<Ihec.Portal.Features.Reports.CsoReport>().CountAsync(r => r.Title == title));
        }

        await member.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "wênе.png", MimeType = "image/png", Buffer = Png });
        await member.Locator("form:has(#file) button[type=submit]").ClickAsync();
        await member.WaitForURLAsync("**done=FileAdded");
        var snippet = await member.Locator("#files-heading ~ ul code").First.InnerTextAsync();
        var imageUrl = System.Text.RegularExpressions.Regex.Match(snippet, @"/reports/files/[0-9a-f-]{36}").Value;
        Assert.NotEmpty(imageUrl);

        await PlaywrightPortal.OpenAsync(member, manage + "/edit?culture=ckb");
        await member.Locator("#body").FillAsync($"## تێبینییەکان\n\n![وێنەی بنکەیەکی دەنگدان]({imageUrl})\n\nهەموو بنکەکان لە کاتی خۆیدا کرانەوە. {word}");
        await member.Locator("form:has(#title) button[type=submit]").ClickAsync();
        await member.WaitForURLAsync("**/reports/mine/*?done=Saved");

        // The preview is what readers will see: the photo is shown and has loaded.
        var previewImage = member.Locator(".report-preview img");
        await previewImage.WaitForAsync();
        Assert.Equal("وێنەی بنکەیەکی دەنگدان", await previewImage.GetAttributeAsync("alt"));
        Assert.True(await previewImage.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));
        // Members write; only the administrator publishes.
        Assert.Equal(0, await member.Locator("input[name=_handler][value=publish]").CountAsync());

        // 2. The organisation's administrator publishes it and asks for public listing.
        await using var adminContext = await browser.NewContextAsync(Principal.CsoAdmin);
        var admin = await adminContext.NewPageAsync();
        await PlaywrightPortal.OpenAsync(admin, manage + "?culture=ckb");
        await admin.Locator("form:has(input[value=publish]) button[type=submit]").ClickAsync();
        await admin.WaitForURLAsync("**done=Published");
        await admin.Locator("form:has(input[value=request-listing]) button[type=submit]").ClickAsync();
        await admin.WaitForURLAsync("**done=ListingRequested");
        string slug;
        await using (var db = browser.Portal.CreateDbContext())
        {
            slug = (await db.Set<CsoReport>().AsNoTracking().SingleAsync(r => r.Title == title)).Slug;
        }

        // Not yet public.
        await using var visitorContext = await browser.NewContextAsync(Principal.Anonymous);
        var visitor = await visitorContext.NewPageAsync();
        Assert.Equal(404, (await PlaywrightPortal.OpenAsync(visitor, $"/reports/{slug}?culture=ckb")).Status);

        // 3. A member of another organisation signs in and reads it.
        await using var otherContext = await browser.NewContextAsync(Principal.Anonymous);
        var other = await otherContext.NewPageAsync();
        await PlaywrightPortal.OpenAsync(other, "/account/login?culture=ckb");
        await other.Locator("#email").FillAsync("member@kirkuk-women.demo");
        await other.Locator("#password").FillAsync(PortalFactory.DemoPassword);
        await other.Locator("form[method=post] button[type=submit]").ClickAsync();
        await other.Locator("form[action='/account/logout']").WaitForAsync();
        await PlaywrightPortal.OpenAsync(other, "/reports?culture=ckb");
        await other.Locator($"a:text-is('{title}')").ClickAsync();
        await other.WaitForURLAsync($"**/reports/{slug}");
        // Enhanced navigation changes the address before the new page is in place: wait for its heading.
        await other.Locator("h1", new() { HasText = title }).WaitForAsync();
        Assert.True(await other.Locator("article img").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));

        // 4. An IHEC editor endorses it.
        await using var editorContext = await browser.NewContextAsync(Principal.IhecEditor);
        var editor = await editorContext.NewPageAsync();
        await PlaywrightPortal.OpenAsync(editor, "/ihec/reports?culture=ckb");
        await editor.Locator($"a:text-is('{title}')").ClickAsync();
        await editor.WaitForURLAsync("**/ihec/reports/*");
        await editor.Locator("form:has(input[value=endorse]) button[type=submit]").ClickAsync();
        await editor.WaitForURLAsync("**done=Endorsed");

        // 5. An anonymous reader finds it by search and in the feed.
        await PlaywrightPortal.OpenAsync(visitor, "/reports?culture=ckb");
        await visitor.Locator("#q").FillAsync(word);
        await visitor.Locator("form[role=search] button[type=submit]").ClickAsync();
        await visitor.WaitForURLAsync("**q=*");
        await visitor.Locator($"a:text-is('{title}')").ClickAsync();
        await visitor.WaitForURLAsync($"**/reports/{slug}");
        await visitor.Locator("h1", new() { HasText = title }).WaitForAsync();
        Assert.Contains("پشتگیریکراو", await visitor.Locator("article").InnerTextAsync());
        var feed = await visitor.APIRequest.GetAsync("/reports/feed.atom");
        Assert.Contains(title, await feed.TextAsync());
    }
}
