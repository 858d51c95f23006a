using System.Collections.Concurrent;
using Ihec.Portal.Shared.Statistics;

namespace Ihec.Portal.Features.Statistics;

/// <summary>One page of a governorate's polling centres.</summary>
public sealed record CentreListPage(IReadOnlyList<PollingCentre> Centres, int Total, int Page, int Pages);

/// <summary>
/// The last good polling-centre registry of each election, read from its snapshot once per refresh and kept in memory
/// (it is tens of thousands of centres): centres by governorate, paged, and a centre by its code.
/// </summary>
public sealed class CentreDirectory(TallySnapshotStore store, TallyRefresher refresher)
{
    public const int PageSize = 50;

    private readonly ConcurrentDictionary<string, (long Version, Index? Index)> cache = new(StringComparer.Ordinal);

    /// <summary>Whether the portal has a registry for the election (an engine without one answers 404 on <c>/centres</c>).</summary>
    public async Task<bool> HasRegistryAsync(string electionId, CancellationToken cancellationToken = default) =>
        await GetIndexAsync(electionId, cancellationToken) is not null;

    public async Task<CentreListPage?> ListAsync(string electionId, string governorate, int page, CancellationToken cancellationToken = default)
    {
        if (await GetIndexAsync(electionId, cancellationToken) is not { } index)
        {
            return null;
        }

        var centres = index.ByGovernorate[governorate].ToList();
        var pages = Math.Max(1, (centres.Count + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        return new CentreListPage(centres.Skip((page - 1) * PageSize).Take(PageSize).ToList(), centres.Count, page, pages);
    }

    public async Task<PollingCentre?> FindAsync(string electionId, string centreCode, CancellationToken cancellationToken = default) =>
        (await GetIndexAsync(electionId, cancellationToken))?.ByCode.GetValueOrDefault(centreCode);

    private async Task<Index?> GetIndexAsync(string electionId, CancellationToken cancellationToken)
    {
        var version = refresher.Version;
        if (cache.TryGetValue(electionId, out var hit) && hit.Version == version)
        {
            return hit.Index;
        }

        var snapshot = await store.GetAsync<CentreRegistry>(SnapshotKinds.Centres, electionId, cancellationToken);
        var index = snapshot is null ? null : new Index(
            snapshot.Value.Centres.ToLookup(c => c.Governorate, StringComparer.Ordinal),
            snapshot.Value.Centres.ToDictionary(c => c.CentreCode, StringComparer.Ordinal));
        if (cache.Count > 20)
        {
            // Election ids come from the address: never let arbitrary ones grow the cache.
            cache.Clear();
        }

        cache[electionId] = (version, index);
        return index;
    }

    private sealed record Index(ILookup<string, PollingCentre> ByGovernorate, IReadOnlyDictionary<string, PollingCentre> ByCode);
}
