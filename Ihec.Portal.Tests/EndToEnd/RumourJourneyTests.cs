using Ihec.Portal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Ihec.Portal.Tests.EndToEnd;

/// <summary>
/// From intake to a published fact-check in the browser, by keyboard and in different languages: a CSO member reports
/// a rumour in Sorani, the anti-rumour unit answers it in Arabic, and a visitor reads the answer in English.
/// </summary>
[Collection(PlaywrightCollection.Name)]
public sealed class RumourJourneyTests(PlaywrightPortal browser)
{
    [Fact]
    public async Task A_reported_rumour_is_answered_and_the_answer_is_public_and_shown_to_the_reporter()
    {
        var unique = Guid.NewGuid().ToString("N")[..6];
        var claim = $"دەنگدان لە هەولێر بۆ ڕۆژی دواتر دواخرا {unique}";

        // 1. The member reports it, in Sorani, using the keyboard for the choices.
        await using var memberContext = await browser.NewContextAsync(Principal.CsoMember);
        var member = await memberContext.NewPageAsync();
        await PlaywrightPortal.OpenAsync(member, "/rumours/new?culture=ckb");
        Assert.Equal("ckb", await member.Locator("html").GetAttributeAsync("lang"));
        await member.Locator("#claim").FillAsync(claim);
        await member.Locator("#platform-Facebook").FocusAsync();
        await member.Keyboard.PressAsync("Space");
        await member.Locator("#target-Voters").FocusAsync();
        await member.Keyboard.PressAsync("Space");
        await member.Locator("#reach").SelectOptionAsync("UnderTenThousand");
        await member.Locator("#language").SelectOptionAsync("ckb");
        await member.Locator("#links").FillAsync("https://www.facebook.com/example/posts/77");
        await member.Locator("#kind-Disinformation").CheckAsync();
        await member.Locator("form[enctype='multipart/form-data'] button[type=submit]").ClickAsync();
        await member.WaitForURLAsync("**/rumours?filed=*");
        var notice = await member.Locator("#filed-notice").InnerTextAsync();
        var reference = System.Text.RegularExpressions.Regex.Match(notice, @"R-\d{6}").Value;
        Assert.NotEmpty(reference);

        // 2. The unit finds it in the queue and publishes its answer, in Arabic, with an English version.
        await using var analystContext = await browser.NewContextAsync(Principal.IhecAntiRumour);
        var analyst = await analystContext.NewPageAsync();
        await PlaywrightPortal.OpenAsync(analyst, $"/ihec/rumours?culture=ar&q={reference}");
        await analyst.Locator($"a:text-is('{reference}')").ClickAsync();
        await analyst.WaitForURLAsync("**/ihec/rumours/*");
        Assert.Contains(claim, await analyst.Locator("main").InnerTextAsync());
        await analyst.Locator("#verdict-False").CheckAsync();
        await analyst.Locator("#verdict-reason").FillAsync("مكتب أربيل أكد أن الاقتراع جرى في موعده.");
        await analyst.Locator("#claim-ar").FillAsync($"تأجيل الاقتراع في أربيل إلى اليوم التالي {unique}");
        await analyst.Locator("#response-ar").FillAsync("هذا الادعاء كاذب: جرى الاقتراع في أربيل في موعده.");
        await analyst.Locator("#claim-en").FillAsync($"Voting in Erbil was postponed to the next day {unique}");
        await analyst.Locator("#response-en").FillAsync("This claim is false: voting in Erbil took place as scheduled.");
        await analyst.Locator("form:has(#response-ar) button[type=submit]").ClickAsync();
        await analyst.WaitForURLAsync("**done=Respond*");

        // 3. A visitor reads it at its permalink in English, with its ClaimReview metadata.
        var slug = reference.ToLowerInvariant();
        await using var visitorContext = await browser.NewContextAsync(Principal.Anonymous, "en-GB");
        var visitor = await visitorContext.NewPageAsync();
        var response = await PlaywrightPortal.OpenAsync(visitor, $"/fact-checks/{slug}?culture=en");
        Assert.Equal(200, response.Status);
        Assert.Contains($"Voting in Erbil was postponed to the next day {unique}", await visitor.Locator("h1").InnerTextAsync());
        Assert.Contains("False", await visitor.Locator("#verdict").InnerTextAsync());
        Assert.Contains("ClaimReview", await visitor.Locator("script[type='application/ld+json']").TextContentAsync());

        // 4. The reporter's list links to the answer.
        await PlaywrightPortal.OpenAsync(member, "/rumours?culture=ckb");
        var row = member.Locator("tbody tr", new() { HasText = reference });
        await row.Locator($"a[href='/fact-checks/{slug}']").ClickAsync();
        await member.WaitForURLAsync($"**/fact-checks/{slug}");
        // No Sorani version was written: the Arabic answer is shown, marked as such.
        Assert.Contains("جرى الاقتراع في أربيل في موعده", await member.Locator(".fact-check-response").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("ar", await member.Locator(".fact-check-response").GetAttributeAsync("lang"));
        Assert.Equal(1, await member.Locator(".notice-info").CountAsync());
    }
}
