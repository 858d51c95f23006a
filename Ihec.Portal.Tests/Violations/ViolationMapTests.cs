using System.Globalization;
using System.Net;
using System.Text.Json;
using Ihec.Portal.Features.Violations;
using Ihec.Portal.Shared.Violations;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Ihec.Portal.Tests.Violations.ViolationFlows;

namespace Ihec.Portal.Tests.Violations;

/// <summary>
/// The violations maps through HTTP: who sees which reports (page, map data, exports), the public map's coarsening and
/// anonymity, and the filters applied alike to the table, the map data and the exports.
/// </summary>
public sealed class ViolationMapTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static List<KeyValuePair<string, string>> WithCategory(List<KeyValuePair<string, string>> fields, ViolationCategory category)
    {
        fields.RemoveAll(f => f.Key == "Input.Category");
        fields.Add(new("Input.Category", category.ToString()));
        return fields;
    }

    private static async Task<List<double[]>> ClustersAsync(HttpClient client, string path, string query, int zoom, string? bbox = null)
    {
        var url = $"{path}?zoom={zoom}" + (bbox is null ? "" : "&bbox=" + bbox) + (query.Length > 0 ? "&" + query : "");
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("clusters").EnumerateArray().Select(c => c.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToList();
    }

    private static int Total(IEnumerable<double[]> clusters) => (int)clusters.Sum(c => c[2]);

    private static List<string> CsvLines(string csv) => csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();

    [Fact]
    public async Task An_organisation_sees_only_its_own_reports_on_the_map_in_its_data_and_in_its_exports()
    {
        var tammuz = await factory.SignedInClientAsync(TammuzMember);
        // Samawah (Muthanna), a position no other test uses.
        var secret = await ReportAsync(factory, await FileAsync(tammuz, Report("بلاغ تموز على الخريطة", governorate: "IQ-MU", latitude: "31.318811", longitude: "45.280633")));
        var kirkuk = await factory.SignedInClientAsync(KirkukMember);
        var own = await ReportAsync(factory, await FileAsync(kirkuk, Report("بلاغ كركوك على الخريطة", governorate: "IQ-KI", latitude: "35.4681", longitude: "44.3922")));

        await using var db = factory.CreateDbContext();
        var kirkukCount = await db.Set<ViolationReport>().CountAsync(r => r.OrganisationId == own.OrganisationId);
        var everyCount = await db.Set<ViolationReport>().CountAsync();

        var page = await kirkuk.GetDocumentAsync("/violations/map?culture=en");
        var text = page.QuerySelector("main")!.TextContent;
        Assert.Contains(own.Reference, text);
        Assert.DoesNotContain(secret.Reference, text);
        Assert.DoesNotContain("31.3188", text);
        // The counts table: nothing in Muthanna for Kirkuk's organisation.
        Assert.Equal("0", page.QuerySelectorAll("#violations-map-counts-caption ~ tbody tr").First(r => r.QuerySelector("th")!.TextContent == "Muthanna").QuerySelector("td")!.TextContent);
        // Its organisation's column is not shown: it is all its own.
        Assert.DoesNotContain(page.QuerySelectorAll("#rows-caption ~ thead th"), th => th.TextContent == "Organisation");

        // Map data: the whole country adds up to its own reports; a close look at the other organisation's pin finds nothing.
        Assert.Equal(kirkukCount, Total(await ClustersAsync(kirkuk, "/violations/map/clusters.json", "", 6)));
        Assert.Empty(await ClustersAsync(kirkuk, "/violations/map/clusters.json", "", 16, "45.27,31.31,45.29,31.33"));
        Assert.Single(await ClustersAsync(tammuz, "/violations/map/clusters.json", "", 16, "45.27,31.31,45.29,31.33"));

        var csv = CsvLines(await kirkuk.GetStringAsync("/violations/map/violations.csv"));
        Assert.Equal(kirkukCount, csv.Count - 1);
        Assert.DoesNotContain(csv, l => l.Contains(secret.Reference, StringComparison.Ordinal) || l.Contains("31.318811", StringComparison.Ordinal));
        Assert.Contains(csv, l => l.StartsWith(own.Reference + ",", StringComparison.Ordinal));
        Assert.DoesNotContain("organisation", csv[0]);

        using (var geo = JsonDocument.Parse(await kirkuk.GetStringAsync("/violations/map/violations.geojson")))
        {
            var features = geo.RootElement.GetProperty("features").EnumerateArray().ToList();
            Assert.Equal(kirkukCount, features.Count);
            Assert.DoesNotContain(features, f => f.GetProperty("properties").GetProperty("reference").GetString() == secret.Reference);
        }

        // Monitoring sees every report, with its organisation.
        var reviewer = await factory.SignedInClientAsync(Reviewer);
        var all = CsvLines(await reviewer.GetStringAsync("/violations/map/violations.csv?culture=en"));
        Assert.Equal(everyCount, all.Count - 1);
        Assert.EndsWith(",organisation", all[0]);
        Assert.Contains(all, l => l.StartsWith(secret.Reference + ",", StringComparison.Ordinal) && l.Contains("31.318811", StringComparison.Ordinal));
        Assert.Equal(everyCount, Total(await ClustersAsync(reviewer, "/violations/map/clusters.json", "", 6)));

        // Staff outside monitoring get none of it.
        var analyst = await factory.SignedInClientAsync("antirumour@demo.ihec.iq");
        (await analyst.GetAsync("/violations/map/violations.csv")).AssertForbidden();
        // The map's data is a JSON endpoint: a 403 problem rather than the access-denied page (PortalApiTests).
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync("/violations/map/clusters.json")).StatusCode);
    }

    [Fact]
    public async Task The_public_map_data_is_verified_and_consented_only_on_the_grid_and_without_identity()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        // Near Amarah (Maysan): positions of their own in this class.
        var shown = await ReportAsync(factory, await FileAsync(member, Report("علني بعد التحقق", governorate: "IQ-MA", latitude: "31.836712", longitude: "47.144388")));
        var unverified = await ReportAsync(factory, await FileAsync(member, Report("غير متحقق منه", governorate: "IQ-MA", latitude: "31.8467", longitude: "47.1543")));
        var reviewer = await factory.SignedInClientAsync(Reviewer);
        Assert.Equal(HttpStatusCode.Redirect, (await ReviewAsync(reviewer, shown.Id, "state", new() { ["StateInput.State"] = nameof(ViolationState.Verified) })).StatusCode);

        var anonymous = factory.CreateBrowserLikeClient();
        // However close one looks, the point is where the grid puts it, never where it was pinned.
        var close = await ClustersAsync(anonymous, "/map/clusters.json", "", 20, "47.10,31.80,47.20,31.90");
        var cluster = Assert.Single(close);
        Assert.Equal([31.84, 47.14, 1], cluster);
        // A box around the exact pin that does not hold its grid point finds nothing: the box cannot locate the pin.
        Assert.Empty(await ClustersAsync(anonymous, "/map/clusters.json", "", 20, "47.1440,31.8363,47.1448,31.8371"));
        // Asking for another state changes nothing: the public map is verified reports only.
        Assert.Equal(close, await ClustersAsync(anonymous, "/map/clusters.json", "state=Submitted", 20, "47.10,31.80,47.20,31.90"));

        var body = await (await anonymous.GetAsync("/map/clusters.json?zoom=6")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("31.8367", body);
        Assert.DoesNotContain(shown.Reference, body);

        var page = await anonymous.GetDocumentAsync("/map?culture=en&state=Submitted&governorate=IQ-MA");
        var text = page.QuerySelector("main")!.TextContent;
        Assert.Contains("31.84", text);
        Assert.DoesNotContain("31.85", text); // the unverified report's grid point
        Assert.DoesNotContain("31.8367", text);
        Assert.DoesNotContain("Tammuz", text);
        Assert.DoesNotContain(shown.Reference, text);
        Assert.DoesNotContain(unverified.Reference, text);
        Assert.Null(page.QuerySelector("select#state"));
        Assert.Equal("1", page.QuerySelectorAll("#violations-map-counts-caption ~ tbody tr").First(r => r.QuerySelector("th")!.TextContent == "Maysan").QuerySelector("td")!.TextContent);
    }

    [Fact]
    public async Task Filters_apply_alike_to_the_table_the_map_data_and_the_exports()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        // Diwaniyah (Qadisiyah): one report of intimidation and one of vote buying.
        var intimidation = await ReportAsync(factory, await FileAsync(member,
            WithCategory(Report("ترهيب في الديوانية", governorate: "IQ-QA", latitude: "31.9889", longitude: "44.9270"), ViolationCategory.Intimidation)));
        var buying = await ReportAsync(factory, await FileAsync(member, Report("شراء أصوات في الديوانية", governorate: "IQ-QA", latitude: "31.9950", longitude: "44.9300")));
        var reviewer = await factory.SignedInClientAsync(Reviewer);
        Assert.Equal(HttpStatusCode.Redirect, (await ReviewAsync(reviewer, intimidation.Id, "state", new() { ["StateInput.State"] = nameof(ViolationState.Verified) })).StatusCode);

        await using var db = factory.CreateDbContext();
        var expected = await db.Set<ViolationReport>()
            .Where(r => r.Category == ViolationCategory.Intimidation && (r.PinGovernorate ?? r.Governorate) == "IQ-QA").Select(r => r.Number).ToListAsync();
        Assert.Contains(intimidation.Number, expected);

        const string query = "category=Intimidation&governorate=IQ-QA";
        var page = await reviewer.GetDocumentAsync("/violations/map?culture=en&" + query);
        var rows = page.QuerySelectorAll("#rows-caption ~ tbody tr").Select(r => r.QuerySelector("td a")!.TextContent).ToList();
        Assert.Equal(expected.Select(ViolationReport.FormatReference).Order(), rows.Order());
        Assert.DoesNotContain(buying.Reference, rows);
        // The form shows the filter, and the downloads carry it.
        Assert.Equal("Intimidation", page.QuerySelector("select#category option[selected]")!.GetAttribute("value"));
        Assert.Contains(page.QuerySelectorAll("a[download]"), a => a.GetAttribute("href") == "/violations/map/violations.csv?" + query);

        Assert.Equal(expected.Count, Total(await ClustersAsync(reviewer, "/violations/map/clusters.json", query, 6)));
        var csv = CsvLines(await reviewer.GetStringAsync("/violations/map/violations.csv?" + query));
        Assert.Equal(expected.Select(ViolationReport.FormatReference).Order(), csv.Skip(1).Select(l => l[..l.IndexOf(',')]).Order());
        using (var geo = JsonDocument.Parse(await reviewer.GetStringAsync("/violations/map/violations.geojson?" + query)))
        {
            Assert.All(geo.RootElement.GetProperty("features").EnumerateArray(),
                f => Assert.Equal("Intimidation", f.GetProperty("properties").GetProperty("category").GetString()));
            Assert.Equal(expected.Count, geo.RootElement.GetProperty("features").GetArrayLength());
        }

        // State: the submitted vote buying report, not the verified intimidation.
        var submitted = CsvLines(await reviewer.GetStringAsync("/violations/map/violations.csv?state=Submitted&governorate=IQ-QA"));
        Assert.Contains(submitted, l => l.StartsWith(buying.Reference + ",", StringComparison.Ordinal));
        Assert.DoesNotContain(submitted, l => l.StartsWith(intimidation.Reference + ",", StringComparison.Ordinal));

        // Dates (Iraq's days): the reports happened yesterday; from tomorrow there is nothing, up to yesterday they are all there.
        var iraqToday = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(3)).DateTime);
        var tomorrow = iraqToday.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var yesterday = iraqToday.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Empty(await ClustersAsync(reviewer, "/violations/map/clusters.json", $"governorate=IQ-QA&from={tomorrow}", 6));
        Assert.Single(CsvLines(await reviewer.GetStringAsync($"/violations/map/violations.csv?governorate=IQ-QA&from={tomorrow}")));
        var upToYesterday = CsvLines(await reviewer.GetStringAsync($"/violations/map/violations.csv?governorate=IQ-QA&from={yesterday}&to={yesterday}"));
        Assert.Contains(upToYesterday, l => l.StartsWith(buying.Reference + ",", StringComparison.Ordinal));

        // The public map applies the same filters to what it may show.
        var anonymous = factory.CreateBrowserLikeClient();
        var publicCsv = CsvLines(await anonymous.GetStringAsync("/map/violations.csv?" + query));
        Assert.All(publicCsv.Skip(1), l => Assert.Contains(",Intimidation,IQ-QA,", l));
        Assert.Contains(publicCsv, l => l.EndsWith(",31.99,44.93," + CurrentElection, StringComparison.Ordinal));
        Assert.Equal(publicCsv.Count - 1, Total(await ClustersAsync(anonymous, "/map/clusters.json", query, 6)));
        Assert.Single(CsvLines(await anonymous.GetStringAsync($"/map/violations.csv?{query}&to=2020-01-01")));
    }

    [Fact]
    public async Task Map_data_stays_small_however_far_one_zooms_in()
    {
        var reviewer = await factory.SignedInClientAsync(Reviewer);
        // All of Iraq at street level: the grid grows so the answer stays within the cell limit.
        var clusters = await ClustersAsync(reviewer, "/violations/map/clusters.json", "", 20, "38,29,49,38");
        Assert.InRange(clusters.Count, 0, ViolationService.MaxClusterCells);
        // Nonsense in the map's data parameters is refused naming them (PortalApiTests); the page's filters stay lenient.
        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.GetAsync("/violations/map/clusters.json?zoom=abc&bbox=nonsense")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync("/violations/map?page=abc&category=nonsense&from=yesterday")).StatusCode);
    }
}
