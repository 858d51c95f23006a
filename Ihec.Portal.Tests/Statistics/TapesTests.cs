using System.Globalization;
using System.Net;
using System.Text;
using Ihec.Portal.Features.Statistics;
using Ihec.Portal.Shared.Statistics;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Tests.Statistics;

/// <summary>Results tapes through the pages, over the embedded demo engine.</summary>
public sealed class TapesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly DemoTallyData.ElectionData Cor = DemoTallyData.Instance.For(DemoTallyData.CouncilOfRepresentatives)!;

    internal static Dictionary<string, string> Figures(StationResult station, Func<string, long, long>? change = null)
    {
        change ??= (_, v) => v;
        var fields = new Dictionary<string, string>
        {
            ["Input.Registered"] = change("registered", station.RegisteredVoters).ToString(CultureInfo.InvariantCulture),
            ["Input.Cast"] = change("cast", station.BallotsCast).ToString(CultureInfo.InvariantCulture),
            ["Input.Valid"] = change("valid", station.ValidVotes).ToString(CultureInfo.InvariantCulture),
            ["Input.Invalid"] = change("invalid", station.InvalidVotes).ToString(CultureInfo.InvariantCulture),
        };
        foreach (var v in station.Entities)
        {
            fields["vote-" + v.EntityId] = change(v.EntityId, v.Votes).ToString(CultureInfo.InvariantCulture);
        }

        return fields;
    }

    private static async Task<string> EnterTapeAsync(HttpClient client, StationResult station, Dictionary<string, string> fields)
    {
        var response = await client.SubmitFormAsync($"/tapes/new?election=cor-2025&station={station.StationCode}&culture=en", "tape", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.RedirectPath()!;
        Assert.Matches("^/tapes/[0-9a-f-]{36}$", location);
        return location;
    }

    [Fact]
    public async Task A_tape_that_matches_the_engine_is_recorded_as_matching_and_audited()
    {
        var member = await factory.SignedInClientAsync("member@tammuz.demo");
        var station = Cor.Stations[10];

        var location = await EnterTapeAsync(member, station, Figures(station));

        var page = await member.GetDocumentAsync(location + "?culture=en");
        Assert.Contains("Every figure on the tape matches", page.Body!.TextContent);
        await using var db = factory.CreateDbContext();
        var id = location.Split('/')[^1];
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "tape.submit" && a.EntityId == id));
    }

    [Fact]
    public async Task Every_difference_is_listed_with_both_figures_and_the_tape_own_inconsistencies()
    {
        var member = await factory.SignedInClientAsync("member@tammuz.demo");
        var station = Cor.StationsByCode["110203-04"];
        var entity = station.Entities.First(e => e.Votes > 0).EntityId;
        // One more vote for one entity: the entity differs, and the tape's own sums no longer agree.
        var fields = Figures(station, (key, v) => key == entity ? v + 1 : v);

        var location = await EnterTapeAsync(member, station, fields);

        var page = await member.GetDocumentAsync(location + "?culture=en");
        var text = page.Body!.TextContent;
        Assert.Contains("Differs", text);
        var row = page.QuerySelectorAll("#comparison-caption ~ tbody tr").Single(r => r.ClassList.Contains("diff-row-differs"));
        Assert.Equal(["+1", "≠ Different"], row.QuerySelectorAll("td").Skip(2).Select(td => td.TextContent.Trim()));
        Assert.Contains($"the entities' votes add up to {station.ValidVotes + 1:N0}, but valid votes are {station.ValidVotes:N0}", text);
    }

    [Fact]
    public async Task A_retried_submission_with_the_same_client_key_files_one_tape()
    {
        var member = await factory.SignedInClientAsync("admin@tammuz.demo");
        var station = Cor.Stations[20];
        var fields = Figures(station);
        fields["Input.ClientKey"] = "retry-" + Guid.NewGuid().ToString("N");

        var first = await EnterTapeAsync(member, station, fields);
        var second = await EnterTapeAsync(member, station, fields);

        Assert.Equal(first, second);
        await using var db = factory.CreateDbContext();
        Assert.Equal(1, await db.Set<ResultsTapeRecord>().CountAsync(t => t.ClientKey == fields["Input.ClientKey"]));
    }

    [Fact]
    public async Task Missing_or_bad_figures_are_refused_with_messages_tied_to_their_fields()
    {
        var member = await factory.SignedInClientAsync("member@tammuz.demo");
        var station = Cor.Stations[30];
        var fields = Figures(station);
        fields["Input.Cast"] = "";
        fields["Input.Valid"] = "12a";

        var response = await member.SubmitFormAsync($"/tapes/new?election=cor-2025&station={station.StationCode}&culture=en", "tape", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Equal("true", page.QuerySelector("#cast")?.GetAttribute("aria-invalid"));
        Assert.Equal("cast-error", page.QuerySelector("#cast")?.GetAttribute("aria-describedby"));
        Assert.Contains("This field is required", page.QuerySelector("#cast-error")?.TextContent);
        Assert.Contains("whole number", page.QuerySelector("#valid-error")?.TextContent);
        Assert.Equal("12a", page.QuerySelector("#valid")?.GetAttribute("value"));
    }

    [Fact]
    public async Task A_csv_with_bad_rows_imports_nothing_and_lists_each_bad_row_in_the_reader_language()
    {
        var member = await factory.SignedInClientAsync("member@kirkuk-women.demo");
        var csv = "stationCode,registeredVoters,ballotsCast,validVotes,invalidVotes,e-101\n" +
                  $"{Cor.Stations[40].StationCode},,{Cor.Stations[40].BallotsCast},{Cor.Stations[40].ValidVotes},{Cor.Stations[40].InvalidVotes},\n" +
                  "1234-5,,1,1,0,\n" +
                  $"{Cor.Stations[41].StationCode},,abc,1,0,\n";

        var response = await member.SubmitFormAsync("/tapes/import?culture=en", "import",
            new Dictionary<string, string> { ["Input.Election"] = "cor-2025" }, [("file", "tapes.csv", Encoding.UTF8.GetBytes(csv))]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("No tape was imported: 2 lines", page.QuerySelector("[role=alert]")?.TextContent);
        var rows = page.QuerySelectorAll("#import-errors-caption ~ tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent).ToList()).ToList();
        Assert.Contains(rows, r => r[0] == "3" && r[2].Contains("\"1234-5\" is not in the form 110203-04"));
        Assert.Contains(rows, r => r[0] == "4" && r[1] == "ballotsCast" && r[2].Contains("\"abc\" in column \"ballotsCast\" is not a whole number"));
        await using var db = factory.CreateDbContext();
        Assert.False(await db.Set<ResultsTapeRecord>().AnyAsync(t => t.StationCode == Cor.Stations[40].StationCode));
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("en")]
    public async Task A_csv_with_an_unclosed_quote_is_refused_with_a_message_that_names_it_and_its_line(string language)
    {
        var member = await factory.SignedInClientAsync("member@kirkuk-women.demo");
        var csv = "stationCode,ballotsCast,validVotes,invalidVotes\r\n\"110203-04\",1,1,0\r\n110203-05,\"1,1,0\r\n110203-06,1,1,0\r\n";

        var response = await member.SubmitFormAsync($"/tapes/import?culture={language}", "import",
            new Dictionary<string, string> { ["Input.Election"] = "cor-2025" }, [("file", "tapes.csv", Encoding.UTF8.GetBytes(csv))]);

        var page = await response.ParseAsync();
        var row = Assert.Single(page.QuerySelectorAll("#import-errors-caption ~ tbody tr")).QuerySelectorAll("td").Select(td => td.TextContent).ToList();
        Assert.Equal("3", row[0]);
        Assert.Equal(ResourceText.Get("Features/Statistics/StatisticsText", language, "CsvProblem_UnclosedQuote", "3"), row[2]);
    }

    [Fact]
    public async Task Imported_tapes_are_compared_the_organisation_sees_them_and_ihec_sees_the_discrepancy()
    {
        var member = await factory.SignedInClientAsync("member@kirkuk-women.demo");
        var template = Encoding.UTF8.GetString(await member.GetByteArrayAsync("/tapes/template.csv?election=cor-2025")).TrimStart('\uFEFF');
        Assert.StartsWith("stationCode,registeredVoters,ballotsCast,validVotes,invalidVotes,e-101,e-102,", template);
        var good = Cor.Stations.First(s => s.Governorate == "IQ-KI");
        var odd = Cor.Stations.Last(s => s.Governorate == "IQ-KI");
        var header = template.TrimEnd();
        var ids = header.Split(',').Skip(5).ToList();
        string Row(StationResult s, long invalidDelta) =>
            $"{s.StationCode},{s.RegisteredVoters},{s.BallotsCast},{s.ValidVotes},{s.InvalidVotes + invalidDelta}," +
            string.Join(',', ids.Select(id => s.Entities.FirstOrDefault(e => e.EntityId == id)?.Votes.ToString(CultureInfo.InvariantCulture) ?? ""));
        var csv = "\uFEFF" + header + "\r\n" + Row(good, 0) + "\r\n" + Row(odd, 2) + "\r\n";

        var response = await member.SubmitFormAsync("/tapes/import?culture=en", "import",
            new Dictionary<string, string> { ["Input.Election"] = "cor-2025" }, [("file", "tapes.csv", Encoding.UTF8.GetBytes(csv))]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/tapes?imported=2", response.RedirectPath());
        var own = await (await member.GetAsync("/tapes?differences=true&culture=en")).Content.ReadAsStringAsync();
        Assert.Contains(odd.StationCode, own);
        Assert.DoesNotContain(good.StationCode, own);

        var ihec = await factory.SignedInClientAsync("monitoring@demo.ihec.iq");
        var list = await ihec.GetDocumentAsync("/ihec/tapes?election=cor-2025&governorate=IQ-KI&culture=en");
        var row = list.QuerySelectorAll("#tapes-caption ~ tbody tr").Single(r => r.TextContent.Contains(odd.StationCode));
        Assert.Contains("Kirkuk Women's Participation Association", row.TextContent);
        Assert.Contains("Differs", row.TextContent);
        Assert.DoesNotContain("member@kirkuk-women.demo", list.Body!.TextContent);
        Assert.Contains(list.QuerySelectorAll("#summary-caption ~ tbody tr"), r => r.TextContent.Contains("Kirkuk"));
        var detail = await ihec.GetDocumentAsync(row.QuerySelector("a")!.GetAttribute("href") + "?culture=en");
        Assert.Contains("Invalid votes", detail.QuerySelectorAll(".diff-row-differs th").Select(th => th.TextContent));
    }

    [Fact]
    public async Task Organisations_never_see_each_other_tapes()
    {
        var tammuz = await factory.SignedInClientAsync("member@tammuz.demo");
        var station = Cor.Stations[50];
        var location = await EnterTapeAsync(tammuz, station, Figures(station, (k, v) => k == "invalid" ? v + 1 : v));

        var kirkuk = await factory.SignedInClientAsync("member@kirkuk-women.demo");
        var other = await kirkuk.GetAsync(location);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.DoesNotContain(station.StationCode, await kirkuk.GetStringAsync("/tapes"));
        Assert.Contains(station.StationCode, await (await tammuz.GetAsync("/tapes")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await tammuz.GetAsync(location)).StatusCode);
    }

    [Theory]
    [InlineData("/tapes", null, "/account/login")]
    [InlineData("/tapes", "monitoring@demo.ihec.iq", "/account/access-denied")]
    [InlineData("/tapes/new", "admin@demo.ihec.iq", "/account/access-denied")]
    [InlineData("/tapes/import", null, "/account/login")]
    [InlineData("/tapes/template.csv?election=cor-2025", null, "/account/login")]
    [InlineData("/ihec/tapes", "member@tammuz.demo", "/account/access-denied")]
    [InlineData("/ihec/tapes", "relations@demo.ihec.iq", "/account/access-denied")]
    [InlineData("/ihec/tapes", null, "/account/login")]
    [InlineData("/tapes", "admin@tammuz.demo", null)]
    [InlineData("/tapes/new", "member@erbil-access.demo", null)]
    [InlineData("/tapes/import", "member@tammuz.demo", null)]
    [InlineData("/ihec/tapes", "monitoring@demo.ihec.iq", null)]
    public async Task Tape_pages_follow_their_policies(string url, string? email, string? redirect)
    {
        var client = email is null ? factory.CreateBrowserLikeClient() : await factory.SignedInClientAsync(email);

        var response = await client.GetAsync(url);

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
