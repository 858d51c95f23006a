using System.Text;
using Ihec.Portal.Tests.EndToEnd;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Ihec.Portal.Tests.Announcements;

/// <summary>
/// Announcements in a browser, in each language and by keyboard: the media unit sends one (the form's errors first, then
/// the preview), a member sees the unread count, opens it, and the unit sees the reader; axe finds no serious or critical
/// violation in any of these states.
/// </summary>
[Collection(PlaywrightCollection.Name)]
public sealed class AnnouncementAccessibilityTests(PlaywrightPortal browser)
{
    [Theory]
    [InlineData("ar")]
    [InlineData("ckb")]
    [InlineData("en")]
    public async Task The_unit_sends_an_announcement_a_member_reads_it_and_the_unit_sees_the_reader_with_no_serious_violations(string language)
    {
        var title = $"Accessibility {language} {Guid.NewGuid():N}"[..30];
        var problems = new StringBuilder();
        await using var media = await browser.NewContextAsync(Principal.IhecMedia);
        var compose = await media.NewPageAsync();
        var composeUrl = PlaywrightPortal.WithCulture("/ihec/announcements/new", language);
        await PlaywrightPortal.OpenAsync(compose, composeUrl);

        // Sent empty: the error summary and the fields' messages are part of the page to scan.
        await compose.Locator("main form button[value=send]").ClickAsync();
        await compose.Locator("#error-summary").WaitForAsync();
        await Scan(compose, $"{composeUrl}, form with errors");

        // Filled in by keyboard alone: typing, then Space on the radio buttons.
        await compose.Locator("#title").FillAsync(title);
        await compose.Locator("#body").FillAsync("Polling staff training moves to **Saturday**.\n\n- Bring your badge.");
        await compose.Locator("#importance-Urgent").FocusAsync();
        await compose.Keyboard.PressAsync("Space");
        await compose.Locator("#audience-All").FocusAsync();
        await compose.Keyboard.PressAsync("Space");
        await compose.Locator("main form button[value=preview]").FocusAsync();
        await compose.Keyboard.PressAsync("Enter");
        await compose.Locator("#reach").WaitForAsync();
        await Scan(compose, $"{composeUrl}, preview");

        await compose.Locator("main form button[value=send]").FocusAsync();
        await compose.Keyboard.PressAsync("Enter");
        await compose.Locator("#sent-notice").WaitForAsync();
        await Scan(compose, "the sent announcement");
        var id = compose.Url.Split('/').Last().Split('?')[0];

        await using var member = await browser.NewContextAsync(Principal.CsoMember);
        var inbox = await member.NewPageAsync();
        var inboxUrl = PlaywrightPortal.WithCulture("/announcements", language);
        await PlaywrightPortal.OpenAsync(inbox, inboxUrl);
        await Assertions.Expect(inbox.Locator("nav.main-nav a[href='/announcements'] .nav-count")).ToBeVisibleAsync();
        await Assertions.Expect(inbox.Locator($"#announcements a[href='/announcements/{id}']")).ToHaveTextAsync(title);
        await Scan(inbox, inboxUrl);

        await inbox.Locator($"#announcements a[href='/announcements/{id}']").FocusAsync();
        await inbox.Keyboard.PressAsync("Enter");
        await Assertions.Expect(inbox.Locator("main h1")).ToHaveTextAsync(title);
        await Scan(inbox, $"/announcements/{id}");

        var detailUrl = PlaywrightPortal.WithCulture($"/ihec/announcements/{id}", language);
        await PlaywrightPortal.OpenAsync(compose, detailUrl);
        await Assertions.Expect(compose.Locator("#readers tbody tr")).ToHaveCountAsync(1);
        await Scan(compose, detailUrl);

        var listUrl = PlaywrightPortal.WithCulture("/ihec/announcements", language);
        await PlaywrightPortal.OpenAsync(compose, listUrl);
        await Scan(compose, listUrl);

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
