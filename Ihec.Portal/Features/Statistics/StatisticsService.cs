using System.Collections.Concurrent;
using Ihec.Portal.Shared.Statistics;

namespace Ihec.Portal.Features.Statistics;

/// <summary>Everything the public statistics page shows for one election, each part with its own "as of" and staleness.</summary>
public sealed record StatisticsOverview(
    IReadOnlyList<Election> Elections,
    Election? Election,
    Snapshot<RegistrationReport>? Registration,
    Snapshot<TurnoutReport>? Turnout,
    Snapshot<List<ElectoralEntity>>? Entities,
    Snapshot<ResultsReport>? Results,
    bool ElectionsStale,
    bool IsDemo);

/// <summary>The figures pages and downloads show: always the last good snapshots, never a live call to the engine.</summary>
public sealed class StatisticsService(TallySnapshotStore store, TallyRefresher refresher, ITallyEngine engine, TimeProvider clock)
{
    // Public pages are read far more often than the engine changes: keep each election's figures briefly in memory.
    // (Blazor's server-rendered pages carry antiforgery state, so they are not output-cached; the CSV downloads are.)
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (long Version, DateTimeOffset At, StatisticsOverview Overview)> cache = new(StringComparer.Ordinal);

    public async Task<StatisticsOverview> GetOverviewAsync(string? electionId, CancellationToken cancellationToken = default)
    {
        await refresher.EnsureLoadedAsync(cancellationToken);
        var key = electionId ?? "";
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(key, out var hit) && hit.Version == refresher.Version && now - hit.At < CacheFor)
        {
            return hit.Overview;
        }

        var version = refresher.Version;
        var overview = await LoadAsync(electionId, cancellationToken);
        if (cache.Count > 100)
        {
            // Election ids come from the address: never let arbitrary ones grow the cache.
            cache.Clear();
        }

        cache[key] = (version, now, overview);
        return overview;
    }

    private async Task<StatisticsOverview> LoadAsync(string? electionId, CancellationToken cancellationToken)
    {
        var elections = await store.GetAsync<List<Election>>(SnapshotKinds.Elections, "", cancellationToken);
        var list = elections?.Value.OrderByDescending(e => e.PollingDate).ToList() ?? [];
        var election = list.FirstOrDefault(e => e.Id == electionId) ?? (electionId is null ? list.FirstOrDefault() : null);
        if (election is null)
        {
            return new(list, null, null, null, null, null, elections?.IsStale ?? false, engine.IsDemo);
        }

        return new(list, election,
            await store.GetAsync<RegistrationReport>(SnapshotKinds.Registration, election.Id, cancellationToken),
            await store.GetAsync<TurnoutReport>(SnapshotKinds.Turnout, election.Id, cancellationToken),
            await store.GetAsync<List<ElectoralEntity>>(SnapshotKinds.Entities, election.Id, cancellationToken),
            await store.GetAsync<ResultsReport>(SnapshotKinds.Results, election.Id, cancellationToken),
            elections?.IsStale ?? false,
            engine.IsDemo);
    }

    /// <summary>Share of a whole as a percentage, computed here (the wire never carries percentages); null when the whole is zero.</summary>
    public static double? Percent(long part, long whole) => whole <= 0 ? null : 100.0 * part / whole;

    /// <summary>Results summed over governorates, per entity, in descending order of votes.</summary>
    public static IReadOnlyList<(string EntityId, long Votes)> NationalVotes(ResultsReport results) =>
        results.ByGovernorate.SelectMany(g => g.Entities).GroupBy(e => e.EntityId, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Sum(e => e.Votes))).OrderByDescending(x => x.Item2).ThenBy(x => x.Key, StringComparer.Ordinal).ToList();
}
