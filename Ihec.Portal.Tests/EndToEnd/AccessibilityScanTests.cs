using System.Text;
using Deque.AxeCore.Commons;
using Ihec.Portal.Tests.Infrastructure;
using Ihec.Portal.Tests.Integration;

namespace Ihec.Portal.Tests.EndToEnd;

/// <summary>
/// An axe scan of every page each principal may open (the <see cref="PortalRoutes"/> rows whose outcome is Allowed),
/// in Arabic, Sorani and English. Serious and critical violations fail (WCAG 2.2 AA is the target; DESIGN.md).
/// </summary>
[Collection(PlaywrightCollection.Name)]
public sealed class AccessibilityScanTests(PlaywrightPortal browser)
{
    private static readonly string[] Languages = ["ar", "ckb", "en"];

    public static TheoryData<string, string, string> ReachablePages()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var principal in Principals.All)
        {
            foreach (var row in PortalRoutes.PagesAllowedFor(principal))
            {
                foreach (var language in Languages)
                {
                    data.Add(principal.ToString(), row.Key, language);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ReachablePages))]
    public async Task Page_has_no_serious_or_critical_accessibility_violations(string principal, string route, string language)
    {
        var row = PortalRoutes.Row(route);
        await using var context = await browser.NewContextAsync(Enum.Parse<Principal>(principal));
        var page = await context.NewPageAsync();
        var brokenAssets = new List<string>();
        page.Response += (_, r) =>
        {
            if (r.Status >= 400 && r.Request.ResourceType is "stylesheet" or "script" or "font" or "image")
            {
                brokenAssets.Add($"{r.Status} {r.Url}");
            }
        };
        var url = PlaywrightPortal.WithCulture(row.UrlFor(browser.Portal), language);

        var response = await PlaywrightPortal.OpenAsync(page, url);

        Assert.Equal(row.AllowedStatus, response.Status);
        Assert.Equal(browser.BaseUrl + url, page.Url); // not sent elsewhere (sign-in, access denied)
        var scan = await browser.ScanAsync(page, $"{url} as {principal}");
        Assert.True(scan.Violations.Count == 0, Describe(scan));
        Assert.Empty(brokenAssets);
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
