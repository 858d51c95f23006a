using System.Text;
using Ihec.Portal.Tests.EndToEnd;
using Ihec.Portal.Tests.Infrastructure;
using Ihec.Portal.Tests.Integration;

namespace Ihec.Portal.Tests.Violations;

/// <summary>
/// The violation pages' own axe scan, in the three languages, as the principals who use them (the full scan in
/// <see cref="AccessibilityScanTests"/> covers them too, with every other page): the forms with their errors shown,
/// the lists, a report as its organisation and as a reviewer, and the public map.
/// </summary>
[Collection(PlaywrightCollection.Name)]
public sealed class ViolationAccessibilityTests(PlaywrightPortal browser)
{
    private static readonly Principal[] Users = [Principal.Anonymous, Principal.CsoMember, Principal.IhecMonitoring];

    [Theory]
    [InlineData("ar")]
    [InlineData("ckb")]
    [InlineData("en")]
    public async Task Violation_pages_have_no_serious_or_critical_violations(string language)
    {
        var problems = new List<string>();
        foreach (var who in Users)
        {
            var rows = PortalRoutes.PagesAllowedFor(who)
                .Where(r => r.Pattern.StartsWith("/violations", StringComparison.Ordinal) || r.Pattern.StartsWith("/ihec/violations", StringComparison.Ordinal) || r.Pattern == "/map")
                .ToList();
            Assert.NotEmpty(rows);
            await using var context = await browser.NewContextAsync(who);
            var page = await context.NewPageAsync();
            foreach (var row in rows)
            {
                var url = PlaywrightPortal.WithCulture(row.UrlFor(browser.Portal), language);
                var response = await PlaywrightPortal.OpenAsync(page, url);
                if (response.Status != row.AllowedStatus)
                {
                    problems.Add($"{url} as {who}: got {response.Status}");
                    continue;
                }

                await ScanAsync(page, $"{url} as {who}", problems);
                if (row.Pattern == "/violations/new")
                {
                    // The form sent back with errors: the summary, the messages beside the fields, what was typed.
                    await page.FillAsync("#latitude", "35.6892");
                    await page.FillAsync("#longitude", "51.3890");
                    await page.ClickAsync("button[type=submit].btn-primary");
                    await page.Locator("#error-summary").WaitForAsync();
                    await ScanAsync(page, $"{url} with errors as {who}", problems);
                }
            }
        }

        Assert.True(problems.Count == 0, $"{language}:\n" + string.Join("\n", problems));
    }

    private async Task ScanAsync(Microsoft.Playwright.IPage page, string description, List<string> problems)
    {
        var scan = await browser.ScanAsync(page, description);
        if (scan.Violations.Count == 0)
        {
            return;
        }

        var text = new StringBuilder($"{description}: {scan.Violations.Count} violation(s)\n");
        foreach (var violation in scan.Violations)
        {
            text.AppendLine($"- {violation.Id} ({violation.Impact}): {violation.Help}");
            foreach (var node in violation.Nodes.Take(5))
            {
                text.AppendLine($"    at {node.Target}: {node.Html}");
            }
        }

        problems.Add(text.ToString());
    }
}
