using System.Net;
using Ihec.Portal.Features.Statistics;
using Ihec.Portal.Shared.Statistics;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ihec.Portal.Tests.Statistics;

/// <summary>The portal over HTTP against <see cref="FakeTallyEngine"/>, reading the centre registry two centres a page.</summary>
public sealed class RegistryEngineFactory : FakeEnginePortalFactory
{
    protected override IDictionary<string, string?> EngineSettings => new Dictionary<string, string?>
    {
        ["TallyEngine:CircuitBreakerMinimumThroughput"] = "100000",
        // The registry is what is tested here: the stations need not be loaded and checked at every refresh.
        ["TallyEngine:VerifyStations"] = "false",
        ["TallyEngine:CentrePageSize"] = "2",
    };
}

public sealed class CentreRegistryTests(RegistryEngineFactory factory) : IClassFixture<RegistryEngineFactory>
{
    private const string Election = DemoTallyData.CouncilOfRepresentatives;

    // Five real centres of the served data set (Baghdad/Rusafa), so that their stations have results.
    private static readonly IReadOnlyList<PollingCentre> Good =
        FakeTallyEngine.Data.For(Election)!.Centres.Where(c => c.Office == "IQ-BG-RUSAFA").Take(5).ToList();

    private List<(string Path, string? IfNoneMatch, int Status)> CentreRequests() =>
        factory.Engine.Requests.Where(r => r.Path.StartsWith($"/api/v1/elections/{Election}/centres", StringComparison.Ordinal))
            .Select(r => (r.Path, r.IfNoneMatch, r.Status)).ToList();

    private async Task<CentreRegistry?> StoredRegistryAsync() =>
        (await factory.Services.GetRequiredService<TallySnapshotStore>().GetAsync<CentreRegistry>(SnapshotKinds.Centres, Election))?.Value;

    private async Task<List<DataQualityAlert>> OpenCentreAlertsAsync()
    {
        await using var db = factory.CreateDbContext();
        return await db.Set<DataQualityAlert>().Where(a => a.ResolvedAt == null && a.Source == SnapshotKinds.Centres && a.ElectionId == Election).ToListAsync();
    }

    [Fact]
    public async Task The_registry_is_read_page_by_page_kept_by_ETag_and_a_broken_page_keeps_the_last_good_one_with_an_alert()
    {
        // 1. An engine without a registry (404): no registry, no alert, and stations are browsed by governorate as before.
        factory.Engine.HasRegistry = false;
        await factory.RefreshAsync();
        Assert.Null(await StoredRegistryAsync());
        Assert.Empty(await OpenCentreAlertsAsync());
        Assert.Contains(CentreRequests(), r => r.Status == 404);
        var anonymous = factory.CreateClient();
        var withoutRegistry = await anonymous.GetDocumentAsync($"/statistics/stations?election={Election}&governorate=IQ-BG&culture=en");
        Assert.StartsWith("Polling stations in Baghdad", withoutRegistry.QuerySelector("#gov-stations-caption")!.TextContent);
        Assert.Null(withoutRegistry.QuerySelector("#centres-caption"));

        // 2. The registry, five centres two a page: three pages, all kept as one registry.
        factory.Engine.Requests.Clear();
        factory.Engine.HasRegistry = true;
        factory.Engine.Centres = Good;
        factory.Engine.CentresETag = "\"c1\"";
        await factory.RefreshAsync();
        Assert.Equal(
            [$"/api/v1/elections/{Election}/centres?page=1&pageSize=2", $"/api/v1/elections/{Election}/centres?page=2&pageSize=2", $"/api/v1/elections/{Election}/centres?page=3&pageSize=2"],
            CentreRequests().Select(r => r.Path));
        Assert.Equal(Good.Select(c => c.CentreCode), (await StoredRegistryAsync())!.Centres.Select(c => c.CentreCode));
        var browse = await anonymous.GetDocumentAsync($"/statistics/stations?election={Election}&governorate=IQ-BG&culture=en");
        Assert.StartsWith("Polling centres in Baghdad: 5 centres", browse.QuerySelector("#centres-caption")!.TextContent);

        // 3. Unchanged: the first page is asked for with its ETag, the engine answers 304 and no other page is read.
        factory.Engine.Requests.Clear();
        await factory.RefreshAsync();
        Assert.Equal([($"/api/v1/elections/{Election}/centres?page=1&pageSize=2", "\"c1\"", 304)], CentreRequests());

        // 4. A new version whose second page breaks the contract: a message per broken centre, nothing of it stored.
        var missing = Good[2] with { Latitude = null };
        var outside = Good[3] with { Latitude = 30.5, Longitude = 47.8 }; // Basra, not Baghdad
        var duplicate = Good[4] with { CentreCode = Good[0].CentreCode, Stations = [] };
        factory.Engine.Centres = [Good[0], Good[1], missing, outside, duplicate];
        factory.Engine.CentresETag = "\"c2\"";
        await factory.RefreshAsync();
        var alert = Assert.Single(await OpenCentreAlertsAsync());
        Assert.Equal(AlertKind.InvariantBroken, alert.Kind);
        Assert.Equal(
            [(ViolationKind.MissingCoordinates, Good[2].CentreCode), (ViolationKind.OutsideGovernorate, Good[3].CentreCode), (ViolationKind.DuplicateCode, Good[0].CentreCode)],
            DataQualityAlerts.Violations(alert).Select(v => (v.Kind, v.Subject)));
        Assert.Equal(TallyJson.Write(Good), TallyJson.Write((await StoredRegistryAsync())!.Centres));
        var stillGood = await anonymous.GetDocumentAsync($"/statistics/stations?election={Election}&centre={Good[3].CentreCode}&culture=en");
        Assert.Contains(Good[3].Stations[0].StationCode, stillGood.QuerySelector("#centre-stations-caption")!.ParentElement!.TextContent);
        var staff = await factory.SignedInClientAsync("monitoring@demo.ihec.iq");
        var alerts = await (await staff.GetAsync("/ihec/statistics/alerts?culture=en")).Content.ReadAsStringAsync();
        Assert.Contains("Polling-centre registry", alerts);
        Assert.Contains($"{Good[2].CentreCode}: the centre has no latitude or longitude.", alerts);
        Assert.Contains($"{Good[3].CentreCode}: the centre&#x27;s coordinates are outside its governorate.", alerts.Replace("'", "&#x27;"));
        Assert.Contains($"{Good[0].CentreCode}: the code appears twice in the registry.", alerts);

        // 5. A good version again: stored, and the alert closes.
        factory.Engine.Centres = Good.Take(4).ToList();
        factory.Engine.CentresETag = "\"c3\"";
        await factory.RefreshAsync();
        Assert.Empty(await OpenCentreAlertsAsync());
        Assert.Equal(4, (await StoredRegistryAsync())!.Centres.Count);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/statistics/stations?election={Election}&governorate=IQ-BG")).StatusCode);
    }
}
