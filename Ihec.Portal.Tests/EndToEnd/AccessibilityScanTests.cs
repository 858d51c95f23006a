using System.Text;
using Deque.AxeCore.Commons;
using Ihec.Portal.Tests.Infrastructure;
using Ihec.Portal.Tests.Integration;

namespace Ihec.Portal.Tests.EndToEnd;

/// <summary>
/// An axe scan of every page each principal may open (the <see cref="PortalRoutes"/> rows whose outcome is Allowed),
/// in Arabic, Sorani and English. Serious and critical violations fail (WCAG 2.2 AA is the target; DESIGN.md);
/// the message lists each violation's rule, the elements (CSS targets and markup) and what to fix. Every page is
/// fetched with the principal's cookies and its status checked. A page is opened in Chromium and scanned unless the
/// server's markup of both its parts, shell and content, was already opened and scanned (<see cref="ServerMarkup"/>);
/// there axe runs on every distinct content and every distinct shell around it, not again on a page whose two parts
/// were both scanned already (see <see cref="PlaywrightPortal.ScanAsync"/>). What this can miss: a page whose DOM after
/// its scripts differs from another's with the same server markup (the scripts are the same assets for both).
/// </summary>
[Collection(PlaywrightScanCollection.Name)]
public sealed class AccessibilityScanTests(PlaywrightPortal browser)
{
    private static readonly string[] Languages = ["ar", "ckb", "en"];

    public static TheoryData<string, string> PrincipalsAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var principal in Principals.All)
        {
            foreach (var language in Languages)
            {
                data.Add(principal.ToString(), language);
            }
        }

        return data;
    }

    // One test per principal and language, visiting that principal's pages in one browser page: a context per
    // scanned page made the suite several times slower on two cores. The message names every page that failed.
    [Theory]
    [MemberData(nameof(PrincipalsAndLanguages))]
    public async Task Every_page_the_principal_may_open_has_no_serious_or_critical_violations(string principal, string language)
    {
        var who = Enum.Parse<Principal>(principal);
        var rows = PortalRoutes.PagesAllowedFor(who).ToList();
        Assert.NotEmpty(rows);
        await using var context = await browser.NewContextAsync(who);
        var page = await context.NewPageAsync();
        var brokenAssets = new List<string>();
        page.Response += (_, r) =>
        {
            if (r.Status >= 400 && r.Request.ResourceType is "stylesheet" or "script" or "font" or "image")
            {
                brokenAssets.Add($"{r.Status} {r.Url} (on {page.Url})");
            }
        };

        var problems = new List<string>();
        var opened = 0;
        foreach (var row in rows)
        {
            var url = PlaywrightPortal.WithCulture(row.UrlFor(browser.Portal), language);
            // Fetched first with the context's cookies (no redirect followed): its status, and whether its markup was
            // scanned already. Only a page with markup not scanned yet is opened in the browser and scanned.
            var fetched = await context.APIRequest.GetAsync(url, new() { MaxRedirects = 0 });
            if (fetched.Status != row.AllowedStatus)
            {
                problems.Add($"{url}: expected the page ({row.AllowedStatus}), got {fetched.Status} {fetched.Headers.GetValueOrDefault("location")}");
                continue;
            }

            var markup = ServerMarkup.Fingerprint(await fetched.TextAsync());
            if (browser.ScannedAlready(markup) is not { } scan)
            {
                opened++;
                var response = await PlaywrightPortal.OpenAsync(page, url);
                if (response.Status != row.AllowedStatus || page.Url != browser.BaseUrl + url)
                {
                    problems.Add($"{url}: expected the page ({row.AllowedStatus}), got {response.Status} at {page.Url}");
                    continue;
                }

                scan = await browser.ScanAsync(page, $"{url} as {principal}");
                browser.Scanned(markup, scan);
            }

            if (scan.Violations.Count > 0)
            {
                problems.Add($"{url}: " + Describe(scan));
            }
        }

        Console.WriteLine($"Accessibility scan, {principal}, {language}: {rows.Count} pages fetched, {opened} opened in Chromium");

        problems.AddRange(brokenAssets.Select(a => "asset failed: " + a));
        Assert.True(problems.Count == 0,
            $"{principal}, {language}: {problems.Count} problem(s) on {rows.Count} page(s)\n" + string.Join("\n", problems));
    }

    // The scan must still see a violation on a page whose other part was scanned already: a button without a name
    // (critical) put into the content of a page, then into the shell around a content scanned a moment before.
    [Fact]
    public async Task A_violation_in_either_part_of_an_otherwise_scanned_page_is_found()
    {
        await using var context = await browser.NewContextAsync(Principal.Anonymous);
        var page = await context.NewPageAsync();
        const string url = "/library?culture=en";

        await PlaywrightPortal.OpenAsync(page, url);
        await browser.ScanAsync(page, "library, as it is");
        await page.EvaluateAsync("() => document.querySelector('main').append(document.createElement('button'))");
        var inContent = await browser.ScanAsync(page, "library, nameless button in main");
        Assert.Contains(inContent.Violations, v => v.Id == "button-name");

        await PlaywrightPortal.OpenAsync(page, url);
        await page.EvaluateAsync("() => document.querySelector('header').append(document.createElement('button'))");
        var inShell = await browser.ScanAsync(page, "library, nameless button in the header");
        Assert.Contains(inShell.Violations, v => v.Id == "button-name");
    }

    private static string Describe(AxeScan scan)
    {
        var text = new StringBuilder($"{scan.Violations.Count} serious/critical axe violation(s), scanned on {scan.ScannedOn}:\n");
        foreach (var violation in scan.Violations)
        {
            text.AppendLine($"- {violation.Id} ({violation.Impact}): {violation.Help} <{violation.HelpUrl}>");
            foreach (var node in violation.Nodes.Take(5))
            {
                text.AppendLine($"    at {node.Target}: {node.Html}");
                foreach (var check in (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []))
                {
                    text.AppendLine($"      {check.Id}: {check.Message}");
                }
            }
        }

        return text.ToString();
    }
}
