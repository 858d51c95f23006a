using System.Globalization;
using System.Net;
using Ihec.Portal.Features.Statistics;
using Ihec.Portal.Shared.Statistics;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ihec.Portal.Tests.Statistics;

/// <summary>The portal over HTTP against <see cref="FakeTallyEngine"/>; the first refresh stores a good snapshot.</summary>
public sealed class FakeEngineFactory : FakeEnginePortalFactory
{
    public FakeEngineFactory()
    {
    }

    /// <summary>A portal whose database is <paramref name="database"/>, outside its data folder, so that it outlives this host.</summary>
    internal FakeEngineFactory(string database) => Database = database;

    public string? Database { get; }

    protected override IDictionary<string, string?> EngineSettings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                // Every scenario must reach the fake; the breaker itself is Polly's, configured in StatisticsModule.
                ["TallyEngine:CircuitBreakerMinimumThroughput"] = "100000",
                ["TallyEngine:StationPageSize"] = "1000",
            };
            if (Database is not null)
            {
                settings[RestartedFactory.DatabaseSetting] = RestartedFactory.ConnectionString(Database);
            }

            return settings;
        }
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await RefreshAsync();
    }
}

public sealed class TallyEngineFaultTests(FakeEngineFactory factory) : IClassFixture<FakeEngineFactory>
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly DemoTallyData.ElectionData Cor = FakeTallyEngine.Data.For(DemoTallyData.CouncilOfRepresentatives)!;

    private static string RegisteredTotal => Cor.Registration.Totals.RegisteredVoters.ToString("N0", English);
    private static string BallotsTotal => Cor.Turnout.BallotsCast.ToString("N0", English);

    private async Task<string> StatisticsPageAsync()
    {
        var response = await factory.CreateClient().GetAsync("/statistics?election=cor-2025&culture=en");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<List<DataQualityAlert>> OpenAlertsAsync()
    {
        await using var db = factory.CreateDbContext();
        return await db.Set<DataQualityAlert>().Where(a => a.ResolvedAt == null).ToListAsync();
    }

    private async Task InModeAsync(FakeTallyEngine.Behaviour mode, Func<Task> test)
    {
        factory.Engine.Mode = mode;
        try
        {
            await test();
        }
        finally
        {
            factory.Engine.Mode = FakeTallyEngine.Behaviour.Normal;
            await factory.RefreshAsync();
        }
    }

    [Fact]
    public async Task Engine_figures_are_shown_with_their_as_of_time_and_no_demo_label()
    {
        var html = await StatisticsPageAsync();

        Assert.Contains(RegisteredTotal, html);
        Assert.Contains(BallotsTotal, html);
        var times = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelectorAll("time").Select(t => DateTimeOffset.Parse(t.GetAttribute("datetime")!, CultureInfo.InvariantCulture));
        Assert.Contains(Cor.Registration.AsOf, times);
        Assert.Contains(Cor.Results.AsOf, times);
        Assert.DoesNotContain("Demo data", html);
        Assert.DoesNotContain("may not be the latest", html);
        Assert.All(factory.Engine.Requests, r => Assert.Equal(FakeTallyEngine.ApiKey, r.ApiKey));
    }

    [Fact]
    public async Task Unchanged_payloads_are_asked_for_with_their_etag_and_answered_not_modified()
    {
        var before = factory.Engine.Requests.Count;

        await factory.RefreshAsync();

        var refresh = factory.Engine.Requests.Skip(before).ToList();
        Assert.Contains(refresh, r => r.Path == "/api/v1/elections/cor-2025/results" && r.IfNoneMatch == "\"v1\"" && r.Status == 304);
        Assert.All(refresh, r => Assert.Equal(304, r.Status));
        // (Alerts about single stations close only when that station is next looked up.)
        Assert.DoesNotContain(await OpenAlertsAsync(), a => a.Source != SnapshotKinds.Station && (a.ElectionId == "cor-2025" || a.Source == SnapshotKinds.Elections));
    }

    [Theory]
    [InlineData(FakeTallyEngine.Behaviour.Timeout, AlertKind.Unreachable)]
    [InlineData(FakeTallyEngine.Behaviour.ServerError, AlertKind.Unreachable)]
    [InlineData(FakeTallyEngine.Behaviour.TooManyRequests, AlertKind.Unreachable)]
    [InlineData(FakeTallyEngine.Behaviour.MalformedJson, AlertKind.Malformed)]
    public async Task A_failing_engine_leaves_the_last_good_figures_on_screen_with_a_note_and_raises_an_alert(FakeTallyEngine.Behaviour mode, AlertKind kind)
    {
        await InModeAsync(mode, async () =>
        {
            await factory.RefreshAsync();

            var html = await StatisticsPageAsync();
            Assert.Contains(RegisteredTotal, html);
            Assert.Contains(BallotsTotal, html);
            Assert.Contains("These may not be the latest figures", html);
            Assert.Contains(await OpenAlertsAsync(), a => a.Kind == kind && a.Source == SnapshotKinds.Elections);

            var staff = await factory.SignedInClientAsync("monitoring@demo.ihec.iq");
            var alerts = await staff.GetAsync("/ihec/statistics/alerts?culture=en");
            Assert.Equal(HttpStatusCode.OK, alerts.StatusCode);
            Assert.Contains(kind == AlertKind.Malformed ? "Malformed data" : "System unreachable", await alerts.Content.ReadAsStringAsync());
        });

        // The next good answer closes the alert and the note goes away.
        Assert.DoesNotContain(await OpenAlertsAsync(), a => a.Kind == kind && a.Source == SnapshotKinds.Elections);
        Assert.DoesNotContain("These may not be the latest figures", await StatisticsPageAsync());
    }

    [Fact]
    public async Task Retries_wait_as_long_as_retry_after_asks()
    {
        await InModeAsync(FakeTallyEngine.Behaviour.TooManyRequests, async () =>
        {
            var before = factory.Engine.Requests.Count;

            await factory.RefreshAsync();

            var attempts = factory.Engine.Requests.Skip(before).Where(r => r.Path == "/api/v1/elections").ToList();
            Assert.Equal(2, attempts.Count);
            Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromMilliseconds(900), $"retried after {(attempts[1].At - attempts[0].At).TotalMilliseconds} ms");
            Assert.Equal(TimeSpan.FromSeconds(1), factory.Services.GetRequiredService<TallyRefresher>().RequestedDelay);
        });
    }

    [Fact]
    public async Task Results_that_break_an_invariant_are_kept_out_and_the_previous_results_stay()
    {
        await InModeAsync(FakeTallyEngine.Behaviour.BrokenResults, async () =>
        {
            await factory.RefreshAsync();

            var alert = Assert.Single(await OpenAlertsAsync(), a => a.Source == SnapshotKinds.Results && a.ElectionId == "cor-2025");
            Assert.Equal(AlertKind.InvariantBroken, alert.Kind);
            Assert.Contains(DataQualityAlerts.Violations(alert), v => v is { Kind: ViolationKind.EntitySumNotValid, Subject: "IQ-BG/IQ-BG-RUSAFA" });
            var html = await StatisticsPageAsync();
            var rusafa = Cor.Results.ByGovernorate[0].ValidVotes;
            Assert.Contains(rusafa.ToString("N0", English), html);
            Assert.DoesNotContain((rusafa + 1).ToString("N0", English), html);

            var staff = await factory.SignedInClientAsync("relations@demo.ihec.iq");
            var page = await (await staff.GetAsync("/ihec/statistics/alerts?culture=en")).Content.ReadAsStringAsync();
            Assert.Contains("the entities&#x27; votes add up to", page.Replace("'", "&#x27;"));
        });
    }

    [Fact]
    public async Task A_broken_station_is_kept_out_the_last_good_copy_is_shown_and_an_alert_is_raised()
    {
        var member = await factory.SignedInClientAsync("member@tammuz.demo");
        var good = await (await member.GetAsync("/statistics/stations?election=cor-2025&code=110203-04&culture=en")).Content.ReadAsStringAsync();
        Assert.Contains("This result passes every consistency check", good);
        var engineStation = Cor.StationsByCode["110203-04"];

        await InModeAsync(FakeTallyEngine.Behaviour.BrokenStation, async () =>
        {
            var html = await (await member.GetAsync("/statistics/stations?election=cor-2025&code=110203-04&culture=en")).Content.ReadAsStringAsync();

            Assert.Contains("This is the last good stored result for this station", html);
            Assert.Contains("valid plus invalid votes are 214, but ballots cast are 212", html);
            Assert.Contains(engineStation.BallotsCast.ToString("N0", English), html);
            Assert.Contains(await OpenAlertsAsync(), a => a is { Kind: AlertKind.InvariantBroken, Source: SnapshotKinds.Station, Subject: "110203-04" });

            // The refresh sees the same station in the station list: an alert, and the results still stand.
            await factory.RefreshAsync();
            Assert.Contains(await OpenAlertsAsync(), a => a is { Kind: AlertKind.InvariantBroken, Source: SnapshotKinds.Stations, ElectionId: "cor-2025" });
            Assert.DoesNotContain(await OpenAlertsAsync(), a => a.Source == SnapshotKinds.Results);
            Assert.Contains(RegisteredTotal, await StatisticsPageAsync());
        });
    }

    [Fact]
    public async Task Station_lookup_with_the_engine_down_uses_the_stored_copy_or_says_it_is_unavailable()
    {
        var member = await factory.SignedInClientAsync("member@kirkuk-women.demo");
        await member.GetAsync("/statistics/stations?election=cor-2025&code=110203-04");

        await InModeAsync(FakeTallyEngine.Behaviour.ServerError, async () =>
        {
            var stored = await (await member.GetAsync("/statistics/stations?election=cor-2025&code=110203-04&culture=en")).Content.ReadAsStringAsync();
            Assert.Contains("This is the last good stored result for this station", stored);

            // Every station the refresh loaded is stored; one it never saw has no copy to fall back on.
            var missing = await member.GetAsync("/statistics/stations?election=cor-2025&code=999999-01&culture=en");
            Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
            Assert.Contains("cannot be had right now", await missing.Content.ReadAsStringAsync());
        });
    }

    [Fact]
    public async Task A_tape_entered_while_the_engine_is_down_is_compared_with_the_stored_result_or_kept_for_later()
    {
        var member = await factory.SignedInClientAsync("member@tammuz.demo");
        var station = Cor.StationsByCode["110203-04"];
        var fields = new Dictionary<string, string>
        {
            ["Input.Cast"] = station.BallotsCast.ToString(CultureInfo.InvariantCulture),
            ["Input.Valid"] = station.ValidVotes.ToString(CultureInfo.InvariantCulture),
            ["Input.Invalid"] = (station.InvalidVotes + 1).ToString(CultureInfo.InvariantCulture),
        };
        foreach (var v in station.Entities)
        {
            fields["vote-" + v.EntityId] = v.Votes.ToString(CultureInfo.InvariantCulture);
        }

        await InModeAsync(FakeTallyEngine.Behaviour.ServerError, async () =>
        {
            var stored = await member.SubmitFormAsync("/tapes/new?election=cor-2025&station=110203-04&culture=en", "tape", fields);
            var page = await (await member.GetAsync(stored.RedirectPath() + "?culture=en")).Content.ReadAsStringAsync();
            Assert.Contains("compared with the station&#x27;s last good stored result", page);
            Assert.Contains("Differs", page);

            var unknown = await member.SubmitFormAsync("/tapes/new?election=cor-2025&station=999999-01&culture=en", "tape",
                new Dictionary<string, string> { ["Input.Cast"] = "10", ["Input.Valid"] = "9", ["Input.Invalid"] = "1" });
            var pending = await (await member.GetAsync(unknown.RedirectPath() + "?culture=en")).Content.ReadAsStringAsync();
            Assert.Contains("Awaiting comparison", pending);

            // While the engine is still down, the background pass leaves it waiting.
            await factory.Services.GetRequiredService<TapeService>().ComparePendingAsync();
            Assert.Contains("Awaiting comparison", await (await member.GetAsync(unknown.RedirectPath() + "?culture=en")).Content.ReadAsStringAsync());
        });

        // Once the engine answers, the pass that follows each refresh compares it, with nobody asking.
        Assert.True(await factory.Services.GetRequiredService<TapeService>().ComparePendingAsync() >= 1);
        var tapes = await (await member.GetAsync("/tapes?culture=en")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Awaiting comparison", tapes);
        Assert.Contains("Station not in the system", tapes);
    }

    [Fact]
    public async Task The_last_good_figures_survive_a_restart_with_the_engine_gone()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ihec-portal-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, "portal.db");
        try
        {
            // The first portal stores good figures, then stops, with its engine, before the second one starts.
            var first = new FakeEngineFactory(database);
            await first.InitializeAsync();
            Assert.Contains(RegisteredTotal, await (await first.CreateClient().GetAsync("/statistics?election=cor-2025&culture=en")).Content.ReadAsStringAsync());
            await ((IAsyncLifetime)first).DisposeAsync();

            await AssertLastGoodFiguresAfterRestartAsync(database);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task AssertLastGoodFiguresAfterRestartAsync(string database)
    {
        await using var restarted = new RestartedFactory(database);

        var before = await (await restarted.CreateClient().GetAsync("/statistics?election=cor-2025&culture=en")).Content.ReadAsStringAsync();
        Assert.Contains(RegisteredTotal, before);

        await restarted.Services.GetRequiredService<TallyRefresher>().RefreshAllAsync();

        var after = await (await restarted.CreateClient().GetAsync("/statistics?election=cor-2025&culture=en")).Content.ReadAsStringAsync();
        Assert.Contains(RegisteredTotal, after);
        Assert.Contains("These may not be the latest figures", after);
    }

    [Fact]
    public async Task Demo_figures_are_never_shown_as_the_engine_figures_after_switching_to_http()
    {
        await using var demo = new PortalFactory();
        var demoPage = await (await demo.CreateClient().GetAsync("/statistics?culture=en")).Content.ReadAsStringAsync();
        Assert.Contains("Demo data", demoPage);
        var demoMember = await demo.SignedInClientAsync("member@tammuz.demo");
        await demoMember.GetAsync("/statistics/stations?election=cor-2025&code=110203-04");

        await using var switched = new RestartedFactory(Path.Combine(demo.DataFolder, "portal.db"));

        var page = await (await switched.CreateClient().GetAsync("/statistics?culture=en")).Content.ReadAsStringAsync();
        Assert.Contains("No figures have arrived from the tally system yet", page);
        Assert.DoesNotContain(RegisteredTotal, page);
        var member = await switched.SignedInClientAsync("member@tammuz.demo");
        var station = await (await member.GetAsync("/statistics/stations?election=cor-2025&code=110203-04&culture=en")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("This result passes every consistency check", station);
    }

}

/// <summary>A second portal over an existing database, with an engine address where nothing listens.</summary>
internal sealed class RestartedFactory(string database) : PortalFactory
{
    /// <summary>
    /// The setting that points a portal at <paramref name="database"/>; its own data folder keeps the rest (the search
    /// index is derived data, one writer per instance).
    /// </summary>
    public const string DatabaseSetting = "Database:ConnectionString";

    public static string ConnectionString(string database) => $"Data Source={database}";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [DatabaseSetting] = ConnectionString(database),
        ["TallyEngine:Mode"] = "Http",
        ["TallyEngine:BaseUrl"] = "http://127.0.0.1:9/",
        ["TallyEngine:ApiKey"] = "k",
        ["TallyEngine:RefreshInBackground"] = "false",
        ["TallyEngine:AttemptTimeout"] = "00:00:00.5",
        ["TallyEngine:TotalTimeout"] = "00:00:02",
        ["TallyEngine:MaxRetries"] = "1",
    };
}
