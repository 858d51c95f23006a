using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text;
using Ihec.Portal.Features.Statistics;
using Ihec.Portal.Tests.Infrastructure;

namespace Ihec.Portal.Tests.Statistics;

/// <summary>The public statistics, the station look-up and the alerts page over the embedded demo engine.</summary>
public sealed class StatisticsPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("ar", "إحصاءات الانتخابات", "بيانات تجريبية", "بغداد – الرصافة")]
    [InlineData("ckb", "ئامارەکانی هەڵبژاردن", "داتای نموونە", "بەغدا – ڕوسافە")]
    [InlineData("en", "Election statistics", "Demo data", "Baghdad – Rusafa")]
    public async Task Public_statistics_show_registration_turnout_and_results_with_their_times_in_each_language(string culture, string title, string demo, string rusafa)
    {
        var response = await factory.CreateClient().GetAsync($"/statistics?culture={culture}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Equal(culture, page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(title, Assert.Single(page.QuerySelectorAll("h1")).TextContent);
        Assert.Contains(demo, page.Body!.TextContent);
        Assert.Contains(rusafa, page.Body.TextContent);
        Assert.Equal(["registration", "turnout", "results"], page.QuerySelectorAll("section > h2").Select(h => h.Id!));
        // Each section says as of when; every table has a caption and header cells with a scope.
        Assert.True(page.QuerySelectorAll(".as-of time").Length >= 3);
        var tables = page.QuerySelectorAll("table");
        Assert.True(tables.Length >= 5);
        Assert.All(tables, t => Assert.NotNull(t.QuerySelector("caption")));
        Assert.All(page.QuerySelectorAll("th"), th => Assert.NotNull(th.GetAttribute("scope")));
        // Charts have a text alternative and never stand alone.
        Assert.All(page.QuerySelectorAll(".bar-chart [role=img]"), chart => Assert.False(string.IsNullOrWhiteSpace(chart.GetAttribute("aria-label"))));
    }

    [Theory]
    [InlineData("ar", "بغداد", "البصرة")]
    [InlineData("ckb", "بەغدا", "بەسرە")]
    [InlineData("en", "Baghdad", "Basra")]
    public async Task Registration_by_governorate_is_a_choropleth_of_all_18_governorates_beside_its_table(string culture, string baghdad, string basra)
    {
        var page = await factory.CreateClient().GetDocumentAsync($"/statistics?culture={culture}");

        var map = page.QuerySelector("section[aria-labelledby=registration] .governorate-map")!;
        var svg = map.QuerySelector("svg[role=img]")!;
        Assert.False(string.IsNullOrWhiteSpace(page.GetElementById(svg.GetAttribute("aria-labelledby")!.Split(' ')[1])!.TextContent));
        var areas = map.QuerySelectorAll("path.map-area");
        Assert.Equal(18, areas.Length);
        Assert.Equal(Ihec.Portal.Shared.Organisations.Governorates.Codes.Order(), areas.Select(a => a.GetAttribute("data-code")!).Order());
        Assert.All(areas, a => Assert.Matches(@"^M\d+ \d+(L\d+ \d+)+Z", a.GetAttribute("d")));
        Assert.Contains(areas, a => a.QuerySelector("title")!.TextContent.StartsWith(baghdad + ":", StringComparison.Ordinal));
        Assert.Contains(areas, a => a.QuerySelector("title")!.TextContent.StartsWith(basra + ":", StringComparison.Ordinal));
        Assert.NotNull(map.ParentElement!.QuerySelector("#registration-caption"));

        // Each area's value is the governorate's total (offices added together), and a larger value is never a lighter shade.
        var culture2 = Ihec.Portal.Infrastructure.Localisation.Cultures.CultureFor(culture); // the portal's display policy
        var values = areas.Select(a => (
            Value: long.Parse(a.QuerySelector("title")!.TextContent.Split(": ")[1], System.Globalization.NumberStyles.Number, culture2),
            Shade: int.Parse(a.GetAttribute("class")!.Split(' ').Single(c => c.StartsWith("map-shade-", StringComparison.Ordinal))["map-shade-".Length..],
                System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.All(values, v => Assert.InRange(v.Shade, 1, 5));
        Assert.All(values, a => Assert.All(values.Where(b => b.Value > a.Value), b => Assert.True(b.Shade >= a.Shade)));
        Assert.Equal(5, map.QuerySelectorAll(".map-legend li").Length);
    }

    [Theory]
    [InlineData(44.366, 33.315, "IQ-BG")]   // Baghdad
    [InlineData(44.392, 35.468, "IQ-KI")]   // Kirkuk (IQ-TS in Natural Earth)
    [InlineData(47.783, 30.508, "IQ-BA")]   // Basra
    [InlineData(44.009, 36.191, "IQ-AR")]   // Erbil
    [InlineData(43.130, 36.340, "IQ-NI")]   // Mosul
    [InlineData(44.325, 32.000, "IQ-NA")]   // Najaf
    [InlineData(35.930, 31.950, null)]      // Amman, outside Iraq
    [InlineData(51.389, 35.689, null)]      // Tehran, outside Iraq
    public void The_bundled_boundaries_place_a_point_in_its_governorate(double lon, double lat, string? code)
    {
        var boundaries = factory.Services.GetRequiredService<Ihec.Portal.Infrastructure.Geography.GovernorateBoundaries>();

        Assert.Equal(18, boundaries.Codes.Count);
        Assert.Equal(code, boundaries.GovernorateAt(lon, lat));
    }

    [Fact]
    public async Task Anonymous_csv_downloads_are_served_from_the_output_cache_and_signed_in_users_never_are()
    {
        var client = factory.CreateClient();
        await client.GetAsync("/statistics/pc-2023/turnout.csv");

        var cached = await client.GetAsync("/statistics/pc-2023/turnout.csv");

        Assert.NotNull(cached.Headers.Age);
        var member = await factory.SignedInClientAsync("member@tammuz.demo");
        await member.GetAsync("/statistics/pc-2023/turnout.csv");
        Assert.Null((await member.GetAsync("/statistics/pc-2023/turnout.csv")).Headers.Age);
    }

    [Fact]
    public async Task The_election_picker_chooses_the_election_and_an_unknown_one_is_said_so()
    {
        var client = factory.CreateClient();

        var pc = await client.GetDocumentAsync("/statistics?election=pc-2023&culture=en");
        Assert.Equal("Provincial Council Elections 2023", pc.QuerySelector("h2.election-heading")?.TextContent);
        Assert.Contains("Final results", pc.Body!.TextContent);

        var area = await client.GetDocumentAsync("/statistics?election=cor-2025&area=IQ-KI&culture=en");
        Assert.Equal("Results in Kirkuk", area.QuerySelector("#area-results")?.TextContent);

        var unknown = await client.GetDocumentAsync("/statistics?election=nope&culture=en");
        Assert.Contains("There is no election with this code", unknown.Body!.TextContent);
    }

    [Theory]
    [InlineData("registration.csv", 20)]
    [InlineData("turnout.csv", 20)]
    [InlineData("results-by-entity.csv", 18)]
    [InlineData("results.csv", 19 * 18)]
    public async Task Csv_downloads_are_utf8_with_a_bom_and_one_row_per_figure(string file, int rows)
    {
        var response = await factory.CreateClient().GetAsync($"/statistics/cor-2025/{file}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("-demo.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(rows + 1, lines.Length);
        if (file != "results-by-entity.csv")
        {
            Assert.Contains(lines, l => l.StartsWith("IQ-BG,IQ-BG-KARKH,بغداد – الكرخ,", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Csv_registration_totals_add_up_and_an_unknown_election_is_not_found()
    {
        var client = factory.CreateClient();
        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync("/statistics/pc-2023/registration.csv?culture=en"));
        var data = DemoTallyData.Instance.For("pc-2023")!.Registration;

        Assert.StartsWith("\uFEFFGovernorate code,Electoral office,Governorate,Registered voters", csv);
        Assert.Contains($",Total,{data.Totals.RegisteredVoters},", csv);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/statistics/nope/registration.csv")).StatusCode);
    }

    [Fact]
    public async Task National_registration_in_the_embedded_mode_is_Iraqs_of_2025()
    {
        var page = await factory.CreateClient().GetDocumentAsync("/statistics?election=cor-2025&culture=en");

        Assert.Contains("21,404,291", page.QuerySelector("section[aria-labelledby=registration]")!.TextContent);
    }

    [Fact]
    public async Task Station_results_are_public_and_browsable_by_governorate_and_centre_without_script()
    {
        var anonymous = factory.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/statistics/stations")).StatusCode);

        // Governorate → its centres, a page at a time, from the registry.
        var cor = DemoTallyData.Instance.For("cor-2025")!;
        var baghdad = cor.Centres.Where(c => c.Governorate == "IQ-BG").ToList();
        var first = await anonymous.GetDocumentAsync("/statistics/stations?election=cor-2025&governorate=IQ-BG&culture=en");
        var form = first.QuerySelectorAll("form").Single(f => f.QuerySelector("select#governorate") is not null);
        Assert.Equal("get", form.GetAttribute("method"));
        var pages = (baghdad.Count + CentreDirectory.PageSize - 1) / CentreDirectory.PageSize;
        Assert.Equal($"Polling centres in Baghdad: {baghdad.Count:N0} centres (page 1 of {pages})", first.QuerySelector("#centres-caption")!.TextContent);
        Assert.Equal(CentreDirectory.PageSize, first.QuerySelectorAll("#centres-caption ~ tbody tr").Length);
        var next = first.QuerySelector("nav.pagination a")!.GetAttribute("href")!;
        Assert.Contains("page=2", next);
        var second = await anonymous.GetDocumentAsync(next);
        Assert.Equal(baghdad[CentreDirectory.PageSize].CentreCode, second.QuerySelector("#centres-caption ~ tbody tr th a")!.TextContent);

        // Centre → its stations with their results, each linking to the station's full result.
        var centre = await anonymous.GetDocumentAsync("/statistics/stations?election=cor-2025&centre=110203&culture=en");
        var rows = centre.QuerySelectorAll("#centre-stations-caption ~ tbody tr");
        var stations = cor.Centres.Single(c => c.CentreCode == "110203").Stations;
        Assert.Equal(stations.Select(s => s.StationCode), rows.Select(r => r.QuerySelector("th a")!.TextContent));
        var station = cor.StationsByCode["110203-04"];
        Assert.Equal(station.BallotsCast.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en")), rows[3].QuerySelectorAll("td")[1].TextContent);
        Assert.Equal("/statistics/stations?election=cor-2025&code=110203-04", rows[3].QuerySelector("th a")!.GetAttribute("href"));

        // An Arabic-only centre shows its Arabic name in the other languages.
        var arabicOnly = baghdad.First(c => c.Name.En.Length == 0);
        var other = await anonymous.GetDocumentAsync($"/statistics/stations?election=cor-2025&centre={arabicOnly.CentreCode}&culture=ckb");
        Assert.Contains(arabicOnly.Name.Ar, other.QuerySelector("#centre-heading")!.TextContent);

        var member = await factory.SignedInClientAsync("member@tammuz.demo");
        var found = await member.GetDocumentAsync("/statistics/stations?election=cor-2025&code=110203-04&culture=en");
        Assert.Contains("This result passes every consistency check", found.Body!.TextContent);
        Assert.Contains("Baghdad – Rusafa", found.Body.TextContent);

        var bad = await member.GetDocumentAsync("/statistics/stations?election=cor-2025&code=11020304&culture=en");
        Assert.Equal("true", bad.QuerySelector("#code")?.GetAttribute("aria-invalid"));
        Assert.Contains("must look like 110203-04", bad.QuerySelector("#code-error")?.TextContent);

        var missing = await member.GetDocumentAsync("/statistics/stations?election=cor-2025&code=999999-01&culture=en");
        Assert.Contains("There is no result for this station", missing.Body!.TextContent);

        var staff = await factory.SignedInClientAsync("media@demo.ihec.iq");
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/statistics/stations")).StatusCode);
    }

    [Theory]
    [InlineData(null, "/account/login")]
    [InlineData("member@tammuz.demo", "/account/access-denied")]
    [InlineData("admin@tammuz.demo", "/account/access-denied")]
    [InlineData("monitoring@demo.ihec.iq", null)]
    [InlineData("editor@demo.ihec.iq", null)]
    [InlineData("admin@demo.ihec.iq", null)]
    public async Task Data_quality_alerts_are_for_ihec_staff_only(string? email, string? redirect)
    {
        var client = email is null ? factory.CreateBrowserLikeClient() : await factory.SignedInClientAsync(email);

        var response = await client.GetAsync("/ihec/statistics/alerts");

        if (redirect is null)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.StartsWith(redirect, response.RedirectPath());
        }
    }
}
