using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Shared.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ihec.Portal.Features.Statistics;

/// <summary>A last good payload with what a reader must know about it: as of when, and whether newer data could not be used.</summary>
public sealed record Snapshot<T>(T Value, DateTimeOffset AsOf, DateTimeOffset CheckedAt, DateTimeOffset? FailedAt, bool IsDemo, bool IsStale);

/// <summary>Reads and writes the last good snapshots. Only <see cref="TallyRefresher"/> and station look-ups write.</summary>
public sealed class TallySnapshotStore(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock, IOptions<TallyEngineOptions> options, ITallyEngine engine)
{
    public async Task<Snapshot<T>?> GetAsync<T>(string kind, string electionId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<TallySnapshot>().AsNoTracking()
            .FirstOrDefaultAsync(s => s.Kind == kind && s.ElectionId == electionId && s.IsDemo == engine.IsDemo, cancellationToken);
        return row is null ? null : ToSnapshot<T>(row);
    }

    public Snapshot<T> ToSnapshot<T>(TallySnapshot row)
    {
        var stale = (row.FailedAt is { } failed && failed >= row.CheckedAt) || clock.GetUtcNow() - row.CheckedAt > options.Value.StaleAfter;
        return new Snapshot<T>(TallyJson.Parse<T>(row.Json), row.AsOf, row.CheckedAt, row.FailedAt, row.IsDemo, stale);
    }

    /// <summary>The last good result of a station, if the portal has one.</summary>
    public async Task<(StationResult Station, DateTimeOffset StoredAt)?> GetStationAsync(string electionId, string stationCode, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<StoredStationResult>().AsNoTracking()
            .FirstOrDefaultAsync(s => s.ElectionId == electionId && s.StationCode == stationCode && s.IsDemo == engine.IsDemo, cancellationToken);
        return row is null ? null : (TallyJson.Parse<StationResult>(row.Json), row.StoredAt);
    }

    /// <summary>
    /// Forgets every snapshot and stored station from the other kind of engine, so that demo figures are never shown
    /// as the real engine's (or the other way round) after <c>TallyEngine:Mode</c> changes.
    /// </summary>
    public async Task ForgetOtherModeAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Set<TallySnapshot>().Where(s => s.IsDemo != engine.IsDemo).ExecuteDeleteAsync(cancellationToken);
        await db.Set<StoredStationResult>().Where(s => s.IsDemo != engine.IsDemo).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Stores good station results, replacing older versions of the same stations.</summary>
    public async Task SaveStationsAsync(string electionId, IReadOnlyCollection<StationResult> stations, CancellationToken cancellationToken = default)
    {
        if (stations.Count == 0)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var codes = stations.Select(s => s.StationCode).ToList();
        var existing = stations.Count > 50
            ? await db.Set<StoredStationResult>().Where(s => s.ElectionId == electionId).ToDictionaryAsync(s => s.StationCode, StringComparer.Ordinal, cancellationToken)
            : await db.Set<StoredStationResult>().Where(s => s.ElectionId == electionId && codes.Contains(s.StationCode)).ToDictionaryAsync(s => s.StationCode, StringComparer.Ordinal, cancellationToken);
        foreach (var station in stations)
        {
            var json = TallyJson.Write(station);
            if (existing.TryGetValue(station.StationCode, out var row))
            {
                if (row.Json != json || row.IsDemo != engine.IsDemo)
                {
                    row.Json = json;
                    row.Governorate = station.Governorate;
                    row.Office = station.Office;
                    row.StoredAt = now;
                    row.IsDemo = engine.IsDemo;
                }
            }
            else
            {
                db.Add(new StoredStationResult
                {
                    ElectionId = electionId, StationCode = station.StationCode, Governorate = station.Governorate,
                    Office = station.Office, Json = json, StoredAt = now, IsDemo = engine.IsDemo,
                });
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance stored the same stations a moment earlier; theirs is as good as ours.
        }
    }
}
