using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Ihec.Portal.Tests.EndToEnd;

/// <summary>
/// The Leaflet maps in headless Chromium with every request off the portal refused (no internet tiles, nothing from a
/// CDN): the governorates drawn from the bundled boundaries, the clusters from the server, the page still readable
/// without script, and the pin picker filling the report form's coordinates.
/// </summary>
[Collection(PlaywrightCollection.Name)]
public sealed class ViolationMapBrowserTests(PlaywrightPortal browser)
{
    private readonly List<string> refused = [];

    private async Task<IPage> OfflinePageAsync(IBrowserContext context)
    {
        await context.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith(browser.BaseUrl, StringComparison.Ordinal))
            {
                await route.ContinueAsync();
            }
            else
            {
                lock (refused)
                {
                    refused.Add(route.Request.Url);
                }

                await route.AbortAsync();
            }
        });
        return await context.NewPageAsync();
    }

    // The page's digits are Latin in every language (so are the map's); group separators differ.
    private static int Number(string text) => int.Parse(Regex.Replace(text, "[^0-9]", ""), CultureInfo.InvariantCulture);

    private async Task AssertAccessibleAsync(IPage page, string description)
    {
        var scan = await browser.ScanAsync(page, description);
        var text = new StringBuilder();
        foreach (var violation in scan.Violations)
        {
            text.AppendLine($"- {violation.Id} ({violation.Impact}): {violation.Help}");
            foreach (var node in violation.Nodes.Take(3))
            {
                text.AppendLine($"    {string.Join(" ", node.Target)}");
            }
        }

        Assert.True(scan.Violations.Count == 0, $"{description}:\n{text}");
    }

    [Theory]
    [InlineData(Principal.IhecMonitoring, "/violations/map", "ar")]
    [InlineData(Principal.Anonymous, "/map", "en")]
    [InlineData(Principal.CsoMember, "/violations/map", "ckb")]
    public async Task The_map_draws_the_governorates_and_the_clusters_without_internet_tiles(Principal who, string path, string language)
    {
        await using var context = await browser.NewContextAsync(who);
        var page = await OfflinePageAsync(context);
        var response = await PlaywrightPortal.OpenAsync(page, PlaywrightPortal.WithCulture(path, language));
        Assert.Equal(200, response.Status);

        var map = page.Locator("[data-violation-map]");
        await page.Locator("[data-violation-map][data-state=ready]").WaitForAsync(new() { Timeout = 30_000 });
        Assert.True(await map.IsVisibleAsync());
        // Leaflet draws left to right whatever the page's direction.
        Assert.Equal(language == "en" ? "ltr" : "rtl", await page.Locator("html").GetAttributeAsync("dir"));
        Assert.Equal("ltr", await map.GetAttributeAsync("dir"));

        // The 18 governorates from the bundled file, shaded with the server map's classes; no tile was asked for.
        Assert.Equal(18, await map.Locator(".leaflet-overlay-pane path.map-area").CountAsync());
        Assert.True(await map.Locator(".leaflet-overlay-pane path.map-shade-0").CountAsync() < 18, "Some governorate should be shaded by a count.");
        Assert.Equal(0, await map.Locator("img.leaflet-tile").CountAsync());

        // The clusters add up to the page's count of reports (the demo data has some for every one of these users).
        var clusters = map.Locator(".map-cluster");
        Assert.True(await clusters.CountAsync() > 0, "No cluster was drawn.");
        var total = 0;
        foreach (var label in await clusters.AllInnerTextsAsync())
        {
            total += Number(label);
        }

        var counted = await page.Locator("#violations-map-counts-caption ~ tbody td").AllInnerTextsAsync();
        Assert.Equal(counted.Sum(Number), total);
        // The server-drawn map gives way; its caption and legend stay, and the table is still there.
        Assert.False(await page.Locator("figure.governorate-map svg").IsVisibleAsync());
        Assert.True(await page.Locator("figure.governorate-map .map-legend").IsVisibleAsync());

        // Selecting a cluster zooms in and fetches the new view's clusters.
        var first = await page.EvaluateAsync<int>("() => Number(new URL(performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('clusters.json')).at(-1)).searchParams.get('zoom'))");
        var next = await page.RunAndWaitForRequestAsync(() => clusters.First.ClickAsync(), r => r.Url.Contains("clusters.json", StringComparison.Ordinal));
        var zoom = int.Parse(System.Web.HttpUtility.ParseQueryString(new Uri(next.Url).Query)["zoom"]!, CultureInfo.InvariantCulture);
        Assert.True(zoom > first, $"zoom {zoom} after {first}");
        await page.Locator("[data-violation-map][data-state=ready]").WaitForAsync();

        Assert.Empty(refused);
        await AssertAccessibleAsync(page, $"{path} in {language} as {who} with the map drawn");
    }

    [Fact]
    public async Task Without_script_the_map_page_shows_the_drawn_map_and_the_tables()
    {
        await using var context = await browser.NewContextAsync(Principal.Anonymous, "en-GB", o => o.JavaScriptEnabled = false);
        var page = await context.NewPageAsync();
        var response = await PlaywrightPortal.OpenAsync(page, "/map?culture=en");
        Assert.Equal(200, response.Status);
        Assert.False(await page.Locator("[data-violation-map]").IsVisibleAsync());
        Assert.True(await page.Locator("figure.governorate-map svg").IsVisibleAsync());
        Assert.Equal(18, await page.Locator("#violations-map-counts-caption ~ tbody tr").CountAsync());
        Assert.True(await page.Locator("form[role=search] select#category").IsVisibleAsync());
    }

    [Fact]
    public async Task The_pin_picker_fills_the_coordinates_and_typed_coordinates_move_the_pin()
    {
        await using var context = await browser.NewContextAsync(Principal.CsoMember, "ar-IQ");
        var page = await OfflinePageAsync(context);
        await PlaywrightPortal.OpenAsync(page, "/violations/new?culture=ar");
        var picker = page.Locator("[data-pin-picker]");
        await page.Locator("[data-pin-picker][data-state=ready]").WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal(18, await picker.Locator(".leaflet-overlay-pane path.map-area").CountAsync());

        // A click in the middle of the map (central Iraq) fills both fields with a point inside Iraq.
        await picker.ClickAsync();
        var latitude = double.Parse(await page.InputValueAsync("#latitude"), CultureInfo.InvariantCulture);
        var longitude = double.Parse(await page.InputValueAsync("#longitude"), CultureInfo.InvariantCulture);
        Assert.InRange(latitude, 29, 37.5);
        Assert.InRange(longitude, 38.5, 49);
        Assert.False(string.IsNullOrWhiteSpace(await page.Locator("#pin-status").InnerTextAsync()));
        Assert.Equal(1, await picker.Locator("path.map-pin").CountAsync());

        // Typing moves the pin (the field's change event).
        var pinBefore = await picker.Locator("path.map-pin").GetAttributeAsync("d");
        await page.FillAsync("#latitude", "30.5085");
        await page.FillAsync("#longitude", "47.7804");
        await page.Locator("#longitude").BlurAsync();
        await page.WaitForFunctionAsync("d => document.querySelector('[data-pin-picker] path.map-pin').getAttribute('d') !== d", pinBefore);

        Assert.Empty(refused);
        await AssertAccessibleAsync(page, "/violations/new in ar with the pin picker");
    }
}
