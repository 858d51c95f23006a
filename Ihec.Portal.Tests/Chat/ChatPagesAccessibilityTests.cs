using System.Text;
using Ihec.Portal.Tests.EndToEnd;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Ihec.Portal.Tests.Chat;

/// <summary>
/// The chat pages in a browser, in each language: a member starts a conversation through the form (and sees the form's
/// errors first), the media unit sees it in the queue; axe finds no serious or critical violation in any of these states.
/// </summary>
[Collection(PlaywrightCollection.Name)]
public sealed class ChatPagesAccessibilityTests(PlaywrightPortal browser)
{
    [Theory]
    [InlineData("ar")]
    [InlineData("ckb")]
    [InlineData("en")]
    public async Task A_member_starts_a_conversation_and_the_media_unit_sees_it_with_no_serious_violations(string language)
    {
        var topic = $"Accessibility {language} {Guid.NewGuid():N}"[..30];
        var problems = new StringBuilder();
        await using var member = await browser.NewContextAsync(Principal.CsoMember);
        var page = await member.NewPageAsync();
        var url = PlaywrightPortal.WithCulture("/chat", language);
        await PlaywrightPortal.OpenAsync(page, url);

        // Sent without a topic: the error summary and the field's message are part of the page to scan.
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.Locator("#error-summary").WaitForAsync();
        await Scan(page, $"{url}, form with errors");

        await page.Locator("#topic").FillAsync(topic);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.Locator("#started-notice").WaitForAsync();
        await Assertions.Expect(page.Locator("table td", new PageLocatorOptions { HasTextString = topic })).ToHaveCountAsync(1);
        await Scan(page, $"{url}, started");

        await using var media = await browser.NewContextAsync(Principal.IhecMedia);
        var queue = await media.NewPageAsync();
        var queueUrl = PlaywrightPortal.WithCulture("/ihec/chat", language);
        await PlaywrightPortal.OpenAsync(queue, queueUrl);
        await Assertions.Expect(queue.Locator("table td", new PageLocatorOptions { HasTextString = topic })).ToHaveCountAsync(1);
        await Scan(queue, queueUrl);

        Assert.True(problems.Length == 0, problems.ToString());

        async Task Scan(IPage scanned, string description)
        {
            var scan = await browser.ScanAsync(scanned, description);
            foreach (var violation in scan.Violations)
            {
                problems.AppendLine($"{description}: {violation.Id} ({violation.Impact}) {violation.Help} at "
                                    + string.Join(", ", violation.Nodes.Take(3).Select(n => n.Html)));
            }
        }
    }
}
