using System.Net;
using System.Text.Json;
using Ihec.Portal.Features.Violations;
using Ihec.Portal.Shared.Statistics;
using Ihec.Portal.Shared.Violations;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Ihec.Portal.Tests.Violations.ViolationFlows;

namespace Ihec.Portal.Tests.Violations;

/// <summary>
/// The election a violation belongs to (issue #3): chosen from the tally engine's list on the form, checked on the server,
/// shown on the report's pages, and a filter of the maps, their data, their exports and the review queue.
/// </summary>
public sealed class ViolationElectionTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static List<KeyValuePair<string, string>> Without(List<KeyValuePair<string, string>> fields, string key)
    {
        fields.RemoveAll(f => f.Key == key);
        return fields;
    }

    private static List<string> CsvLines(string csv) => csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();

    [Fact]
    public async Task The_form_offers_the_engines_elections_by_name_in_the_current_language_and_proposes_the_current_one()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var english = await member.GetDocumentAsync("/violations/new?culture=en");
        var options = english.QuerySelectorAll("#election option").Where(o => !string.IsNullOrEmpty(o.GetAttribute("value"))).ToList();
        Assert.Equal([CurrentElection, EarlierElection], options.Select(o => o.GetAttribute("value")));
        Assert.Equal("Council of Representatives Elections 2025", options[0].TextContent);
        Assert.Equal("Provincial Council Elections 2023", options[1].TextContent);
        // Polling on 11 November 2025 is nearer today than December 2023: the form proposes it.
        Assert.Equal(CurrentElection, english.QuerySelector("#election option[selected]")!.GetAttribute("value"));
        Assert.NotNull(english.QuerySelector("label[for=election]"));

        var arabic = await member.GetDocumentAsync("/violations/new?culture=ar");
        Assert.Contains(arabic.QuerySelectorAll("#election option"), o => o.TextContent == "انتخابات مجالس المحافظات 2023");
        var sorani = await member.GetDocumentAsync("/violations/new?culture=ckb");
        Assert.Contains(sorani.QuerySelectorAll("#election option"), o => o.TextContent == "هەڵبژاردنی ئەنجومەنی نوێنەران 2025"); // the engine writes ٢٠٢٥: shown with the portal's Latin digits
    }

    [Fact]
    public async Task A_report_filed_with_an_election_is_stored_with_it_and_shown_to_the_organisation_and_the_reviewers()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var report = await ReportAsync(factory, await FileAsync(member, Report("مخالفة في انتخابات المجالس", election: EarlierElection)));
        Assert.Equal(EarlierElection, report.ElectionId);

        var own = await member.GetDocumentAsync($"/violations/{report.Id}?culture=en");
        Assert.Equal("Provincial Council Elections 2023", own.QuerySelector("#report-election")!.TextContent);
        var reviewer = await factory.SignedInClientAsync(Reviewer);
        var review = await reviewer.GetDocumentAsync($"/ihec/violations/{report.Id}?culture=ar");
        Assert.Equal("انتخابات مجالس المحافظات 2023", review.QuerySelector("#report-election")!.TextContent);
    }

    [Theory]
    [InlineData("en", "This election is not in IHEC's list")]
    [InlineData("ar", "هذه الانتخابات ليست في قائمة المفوضية")]
    public async Task An_unknown_election_is_refused_with_a_localised_message_and_everything_typed_is_kept(string culture, string message)
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var description = "مخالفة بانتخابات غير معروفة " + culture;
        var fields = Without(Report(description, election: "xx-1999"), "Input.District");
        fields.Add(new("Input.District", "المنصور"));
        var response = await member.SubmitFormAsync($"/violations/new?culture={culture}", "report-violation", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains(message, page.QuerySelector("#election-error")!.TextContent);
        Assert.NotNull(page.QuerySelector("#error-summary a[href$='#election']"));
        Assert.Equal(description, page.QuerySelector("#description")!.TextContent);
        Assert.Equal("المنصور", page.QuerySelector("#district")!.GetAttribute("value"));
        Assert.Equal("33.3152", page.QuerySelector("#latitude")!.GetAttribute("value"));
        await using var db = factory.CreateDbContext();
        Assert.False(await db.Set<ViolationReport>().AnyAsync(r => r.Description == description));

        // Chosen from the list, the same form files.
        var corrected = Without(fields, "Input.ElectionId");
        corrected.Add(new("Input.ElectionId", CurrentElection));
        var filed = await ReportAsync(factory, await FileAsync(member, corrected));
        Assert.Equal(CurrentElection, filed.ElectionId);
    }

    [Fact]
    public async Task A_report_without_an_election_is_refused()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var response = await PostAsync(member, Without(Report("مخالفة بلا انتخابات"), "Input.ElectionId"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await response.ParseAsync()).QuerySelector("#error-summary a[href$='#election']"));
    }

    [Fact]
    public async Task The_map_table_its_data_and_its_exports_filtered_by_election_hold_only_that_elections_reports()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        // Amarah (Maysan), a place no other test of this class uses: one report in each election.
        var earlier = await ReportAsync(factory, await FileAsync(member, Report("مخالفة ٢٠٢٣ في العمارة", governorate: "IQ-MA", latitude: "31.8356", longitude: "47.1448", election: EarlierElection)));
        var current = await ReportAsync(factory, await FileAsync(member, Report("مخالفة ٢٠٢٥ في العمارة", governorate: "IQ-MA", latitude: "31.8400", longitude: "47.1500")));
        var reviewer = await factory.SignedInClientAsync(Reviewer);
        Assert.Equal(HttpStatusCode.Redirect, (await ReviewAsync(reviewer, earlier.Id, "state", new() { ["StateInput.State"] = nameof(ViolationState.Verified) })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ReviewAsync(reviewer, current.Id, "state", new() { ["StateInput.State"] = nameof(ViolationState.Verified) })).StatusCode);

        await using var db = factory.CreateDbContext();
        var expected = await db.Set<ViolationReport>().Where(r => r.ElectionId == EarlierElection && (r.PinGovernorate ?? r.Governorate) == "IQ-MA")
            .Select(r => r.Number).ToListAsync();
        Assert.Equal([earlier.Number], expected);

        const string query = "governorate=IQ-MA&election=" + EarlierElection;
        var page = await reviewer.GetDocumentAsync("/violations/map?culture=en&" + query);
        var rows = page.QuerySelectorAll("#rows-caption ~ tbody tr").ToList();
        Assert.Equal([earlier.Reference], rows.Select(r => r.QuerySelector("td a")!.TextContent));
        Assert.Contains(rows[0].QuerySelectorAll("td"), td => td.TextContent == "Provincial Council Elections 2023");
        Assert.Equal(EarlierElection, page.QuerySelector("select#election option[selected]")!.GetAttribute("value"));
        Assert.Contains(page.QuerySelectorAll("a[download]"), a => a.GetAttribute("href") == "/violations/map/violations.csv?" + query);

        using (var clusters = JsonDocument.Parse(await reviewer.GetStringAsync("/violations/map/clusters.json?zoom=6&" + query)))
        {
            Assert.Equal(1, clusters.RootElement.GetProperty("clusters").EnumerateArray().Sum(c => c[2].GetInt32()));
        }

        var csv = CsvLines(await reviewer.GetStringAsync("/violations/map/violations.csv?" + query));
        var header = csv[0].Split(',');
        Assert.Contains("election", header);
        Assert.Equal([earlier.Reference], csv.Skip(1).Select(l => l[..l.IndexOf(',')]));
        Assert.Equal(EarlierElection, csv[1].Split(',')[Array.IndexOf(header, "election")]);
        var both = CsvLines(await reviewer.GetStringAsync("/violations/map/violations.csv?governorate=IQ-MA"));
        Assert.Contains(both, l => l.StartsWith(current.Reference + ",", StringComparison.Ordinal));
        using (var geo = JsonDocument.Parse(await reviewer.GetStringAsync("/violations/map/violations.geojson?" + query)))
        {
            var features = geo.RootElement.GetProperty("features").EnumerateArray().ToList();
            Assert.Equal([earlier.Reference], features.Select(f => f.GetProperty("properties").GetProperty("reference").GetString()));
            Assert.Equal(EarlierElection, features[0].GetProperty("properties").GetProperty("election").GetString());
        }

        // The public map: the same filter over what it may show.
        var anonymous = factory.CreateBrowserLikeClient();
        var publicCsv = CsvLines(await anonymous.GetStringAsync("/map/violations.csv?" + query));
        Assert.Equal(2, publicCsv.Count);
        Assert.EndsWith("," + EarlierElection, publicCsv[1]);
        var publicCurrent = CsvLines(await anonymous.GetStringAsync("/map/violations.csv?governorate=IQ-MA&election=" + CurrentElection));
        Assert.Equal(2, publicCurrent.Count);
        Assert.EndsWith("," + CurrentElection, publicCurrent[1]);
        using (var clusters = JsonDocument.Parse(await anonymous.GetStringAsync("/map/clusters.json?zoom=6&" + query)))
        {
            Assert.Equal(1, clusters.RootElement.GetProperty("clusters").EnumerateArray().Sum(c => c[2].GetInt32()));
        }

        // An election nobody reported in matches nothing; it is not an error.
        Assert.Single(CsvLines(await reviewer.GetStringAsync("/violations/map/violations.csv?governorate=IQ-MA&election=zz-2099")));
    }

    [Fact]
    public async Task The_review_queue_filters_by_election_and_shows_each_reports_election()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var earlier = await FileAsync(member, Report("مخالفة للقائمة ٢٠٢٣", election: EarlierElection));
        var current = await FileAsync(member, Report("مخالفة للقائمة ٢٠٢٥"));
        var reviewer = await factory.SignedInClientAsync(Reviewer);

        var filtered = await reviewer.GetDocumentAsync("/ihec/violations?culture=en&election=" + EarlierElection);
        var references = filtered.QuerySelectorAll("tbody tr td:nth-child(2) a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Contains(earlier, references);
        Assert.DoesNotContain(current, references);
        await using (var db = factory.CreateDbContext())
        {
            Assert.Equal(await db.Set<ViolationReport>().CountAsync(r => r.ElectionId == EarlierElection), references.Count);
        }

        Assert.Equal(EarlierElection, filtered.QuerySelector("#election option[selected]")!.GetAttribute("value"));
        Assert.All(filtered.QuerySelectorAll("tbody tr"), tr => Assert.Contains(tr.QuerySelectorAll("td"), td => td.TextContent == "Provincial Council Elections 2023"));

        var all = (await reviewer.GetDocumentAsync("/ihec/violations?culture=en")).QuerySelectorAll("tbody tr td:nth-child(2) a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Contains(earlier, all);
        Assert.Contains(current, all);
    }

    [Fact]
    public async Task The_demo_reports_belong_to_the_demo_engines_current_election()
    {
        await using var db = factory.CreateDbContext();
        var demo = await db.Set<ViolationReport>().Where(r => r.IsDemo).Select(r => r.ElectionId).ToListAsync();
        Assert.NotEmpty(demo);
        Assert.All(demo, id => Assert.Equal(CurrentElection, id));
    }

    private static ElectionChoice Choice(string id, int year, int month, int day, ElectionStatus status) =>
        new(id, null, new DateOnly(year, month, day), status);

    [Fact]
    public void The_proposed_election_is_the_one_in_progress_else_the_one_whose_polling_date_is_nearest()
    {
        var today = new DateOnly(2026, 11, 30);
        var past = Choice("past", 2025, 11, 11, ElectionStatus.Certified);
        var older = Choice("older", 2023, 12, 18, ElectionStatus.Certified);
        Assert.Equal("past", ViolationElections.DefaultOf([older, past], today));

        // A campaign under way wins over a nearer certified election.
        var campaign = Choice("campaign", 2027, 6, 1, ElectionStatus.Campaign);
        var justCertified = Choice("certified", 2026, 11, 20, ElectionStatus.Certified);
        Assert.Equal("campaign", ViolationElections.DefaultOf([justCertified, campaign], today));

        // Equally near: the coming one.
        var before = Choice("before", 2026, 11, 20, ElectionStatus.Certified);
        var after = Choice("after", 2026, 12, 10, ElectionStatus.Planned);
        Assert.Equal("after", ViolationElections.DefaultOf([before, after], today));

        // Not dated (only known from reports): the first.
        Assert.Equal("x", ViolationElections.DefaultOf([new ElectionChoice("x", null, null, null)], today));
        Assert.Null(ViolationElections.DefaultOf([], today));
    }
}

/// <summary>The tally engine never answered: the report form still works, with the elections reports already carry.</summary>
public sealed class ViolationElectionFallbackTests(ViolationElectionFallbackTests.UnreachableEngineFactory factory)
    : IClassFixture<ViolationElectionFallbackTests.UnreachableEngineFactory>
{
    public sealed class UnreachableEngineFactory : PortalFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["TallyEngine:Mode"] = "Http",
            ["TallyEngine:BaseUrl"] = "http://127.0.0.1:9/",
            ["TallyEngine:ApiKey"] = "unreachable-test-key",
            ["TallyEngine:RefreshInBackground"] = "false",
            ["TallyEngine:AttemptTimeout"] = "00:00:00.5",
            ["TallyEngine:TotalTimeout"] = "00:00:02",
            ["TallyEngine:MaxRetries"] = "1",
        };
    }

    [Fact]
    public async Task Without_the_engines_list_the_elections_already_used_are_offered_and_accepted_and_others_refused()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var form = await member.GetDocumentAsync("/violations/new?culture=en");
        // The demo reports carry the demo engine's current election: it is what the form can offer.
        Assert.Equal([CurrentElection], form.QuerySelectorAll("#election option").Select(o => o.GetAttribute("value")).Where(v => !string.IsNullOrEmpty(v)));
        Assert.Contains("could not be loaded", form.QuerySelector("#election-hint")!.TextContent);

        var refused = await PostAsync(member, Report("مخالفة والمحرك متوقف", election: EarlierElection));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.ParseAsync();
        Assert.NotNull(page.QuerySelector("#error-summary a[href$='#election']"));
        Assert.Equal("مخالفة والمحرك متوقف", page.QuerySelector("#description")!.TextContent);

        var filed = await ReportAsync(factory, await FileAsync(member, Report("مخالفة والمحرك متوقف")));
        Assert.Equal(CurrentElection, filed.ElectionId);
    }
}
