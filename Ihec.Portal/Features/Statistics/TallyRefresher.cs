using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Infrastructure.Geography;
using Ihec.Portal.Shared.Statistics;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ihec.Portal.Features.Statistics;

/// <summary>
/// Pulls every payload from the engine, checks it against the contract's invariants and keeps it as the last good
/// snapshot only when it passes. A bad or missing payload leaves the previous snapshot in place, marks it as not
/// refreshed, and raises a data-quality alert. One refresh runs at a time.
/// </summary>
public sealed partial class TallyRefresher(
    ITallyEngine engine,
    IDbContextFactory<PortalDbContext> dbFactory,
    TallySnapshotStore store,
    DataQualityAlerts alerts,
    IOptions<TallyEngineOptions> options,
    TimeProvider clock,
    IServiceProvider services,
    GovernorateBoundaries boundaries,
    ILogger<TallyRefresher> logger)
{
    public const string CacheTag = "statistics";
    private readonly SemaphoreSlim gate = new(1, 1);
    private DateTimeOffset? lastAttempt;
    private bool engineUnreachable;
    private volatile bool completedOnce;
    private static readonly TimeSpan FirstLoadWait = TimeSpan.FromSeconds(15);

    /// <summary>Goes up after every refresh, so cached figures are re-read at once.</summary>
    public long Version => Interlocked.Read(ref version);

    private long version;

    /// <summary>How long the engine last asked us to wait before calling again (<c>Retry-After</c>).</summary>
    public TimeSpan? RequestedDelay { get; private set; }

    /// <summary>Refreshes the election list, then every election's entities, registration, turnout, centre registry and results.</summary>
    public async Task RefreshAllAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            lastAttempt = clock.GetUtcNow();
            RequestedDelay = null;
            engineUnreachable = false;
            await store.ForgetOtherModeAsync(cancellationToken);
            var elections = await RefreshAsync(SnapshotKinds.Elections, "",
                (etag, ct) => engine.GetElectionsAsync(etag, ct), TallyInvariants.CheckElections, _ => null, cancellationToken);
            if (engineUnreachable)
            {
                // Calling every other endpoint of an engine that is not answering only delays the next try:
                // every figure on screen is now "last good, newer data could not be reached".
                await MarkAllFailedAsync(cancellationToken);
                return;
            }

            foreach (var election in elections ?? [])
            {
                var id = election.Id;
                var entities = await RefreshAsync(SnapshotKinds.Entities, id,
                    (etag, ct) => engine.GetEntitiesAsync(id, etag, ct), TallyInvariants.CheckEntities, _ => null, cancellationToken);
                await RefreshAsync(SnapshotKinds.Registration, id,
                    (etag, ct) => engine.GetRegistrationAsync(id, etag, ct), r => TallyInvariants.CheckRegistration(r, id), r => r.AsOf, cancellationToken);
                await RefreshAsync(SnapshotKinds.Turnout, id,
                    (etag, ct) => engine.GetTurnoutAsync(id, etag, ct), t => TallyInvariants.CheckTurnout(t, id), t => t.AsOf, cancellationToken);
                await RefreshAsync(SnapshotKinds.Centres, id,
                    (etag, ct) => CentreRegistryPages.FetchAsync(engine, id, options.Value.CentrePageSize, etag, ct), r => CentreRegistryPages.Check(r, id, boundaries), _ => null, cancellationToken,
                    returnValue: false);
                await RefreshAsync(SnapshotKinds.Results, id,
                    (etag, ct) => engine.GetResultsAsync(id, etag, ct), r => TallyInvariants.CheckResults(r, entities, id), r => r.AsOf, cancellationToken,
                    verify: options.Value.VerifyStations ? (r, ct) => VerifyAgainstStationsAsync(r, entities, ct) : null);
            }
        }
        finally
        {
            completedOnce = true;
            Interlocked.Increment(ref version);
            gate.Release();
            await EvictPageCacheAsync();
        }
    }

    /// <summary>Runs a first refresh when the portal has never had any figures (a fresh install), unless one was just tried.</summary>
    public async Task EnsureLoadedAsync(CancellationToken cancellationToken = default)
    {
        if (!completedOnce)
        {
            // Right after start-up the first refresh may be half done: give it a moment rather than show half the figures.
            if (await gate.WaitAsync(FirstLoadWait, cancellationToken))
            {
                gate.Release();
            }
        }

        if (lastAttempt is { } last && clock.GetUtcNow() - last < TimeSpan.FromSeconds(30))
        {
            return;
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Set<TallySnapshot>().AnyAsync(s => s.Kind == SnapshotKinds.Elections && s.IsDemo == engine.IsDemo, cancellationToken))
            {
                return;
            }
        }

        await RefreshAllAsync(cancellationToken);
    }

    private async Task<T?> RefreshAsync<T>(
        string kind, string electionId,
        Func<string?, CancellationToken, Task<TallyFetch<T>>> fetch,
        Func<T, IReadOnlyList<InvariantViolation>> check,
        Func<T, DateTimeOffset?> asOf,
        CancellationToken cancellationToken,
        Func<T, CancellationToken, Task<IReadOnlyList<InvariantViolation>>>? verify = null, bool returnValue = true) where T : class
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<TallySnapshot>().FirstOrDefaultAsync(s => s.Kind == kind && s.ElectionId == electionId, cancellationToken);
        // The previous payload is parsed only for a caller that uses it (the registry is megabytes and nobody here does).
        T? Previous() => row is null || !returnValue ? null : TallyJson.Parse<T>(row.Json);
        var now = clock.GetUtcNow();
        try
        {
            var answer = await fetch(row?.ETag, cancellationToken);
            switch (answer.Status)
            {
                case FetchStatus.NotModified when row is not null:
                    row.CheckedAt = now;
                    row.FailedAt = null;
                    await db.SaveChangesAsync(cancellationToken);
                    await alerts.ResolveAsync(kind, electionId, cancellationToken: cancellationToken);
                    return Previous();
                case FetchStatus.NotFound:
                case FetchStatus.NotModified:
                    // Nothing published yet for this election (or a 304 to a request we did not make conditional).
                    return Previous();
            }

            var value = answer.Value!;
            var violations = check(value).ToList();
            if (violations.Count == 0 && verify is not null)
            {
                violations.AddRange(await verify(value, cancellationToken));
            }

            if (violations.Count > 0)
            {
                await MarkFailedAsync(db, row, now, cancellationToken);
                await alerts.RaiseAsync(AlertKind.InvariantBroken, kind, electionId, null,
                    string.Join("; ", violations.Take(20)), violations, cancellationToken: cancellationToken);
                return Previous();
            }

            if (row is null)
            {
                row = new TallySnapshot { Kind = kind, ElectionId = electionId };
                db.Add(row);
            }

            row.Json = TallyJson.Write(value);
            row.ETag = answer.ETag;
            row.AsOf = asOf(value) ?? now;
            row.StoredAt = now;
            row.CheckedAt = now;
            row.FailedAt = null;
            row.IsDemo = engine.IsDemo;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex)
            {
                // Another portal instance stored the same snapshot first.
                LogConcurrentStore(logger, kind, electionId, ex);
            }

            await alerts.ResolveAsync(kind, electionId, cancellationToken: cancellationToken);
            return value;
        }
        catch (TallyEngineUnavailableException ex)
        {
            engineUnreachable = true;
            if (ex.RetryAfter is { } wait && wait > (RequestedDelay ?? TimeSpan.Zero))
            {
                RequestedDelay = wait;
            }

            await MarkFailedAsync(db, row, now, cancellationToken);
            await alerts.RaiseAsync(AlertKind.Unreachable, kind, electionId, null, ex.Message, httpStatus: ex.StatusCode, cancellationToken: cancellationToken);
            return Previous();
        }
        catch (TallyPayloadException ex)
        {
            await MarkFailedAsync(db, row, now, cancellationToken);
            await alerts.RaiseAsync(AlertKind.Malformed, kind, electionId, null, ex.Message, cancellationToken: cancellationToken);
            return Previous();
        }
    }

    /// <summary>Loads every station of an election and checks each governorate's results against the sum of its stations.</summary>
    private async Task<IReadOnlyList<InvariantViolation>> VerifyAgainstStationsAsync(ResultsReport results, IReadOnlyList<ElectoralEntity>? entities, CancellationToken cancellationToken)
    {
        var electionId = results.ElectionId;
        var good = new List<StationResult>();
        var broken = new List<InvariantViolation>();
        var brokenAreas = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            var pageSize = options.Value.StationPageSize;
            for (var page = 1; page <= 10_000; page++)
            {
                var answer = await engine.GetStationsAsync(electionId, null, page, pageSize, cancellationToken);
                if (answer.Status != FetchStatus.Ok || answer.Value!.Items.Count == 0)
                {
                    break;
                }

                foreach (var station in answer.Value.Items)
                {
                    var violations = TallyInvariants.CheckStation(station, entities);
                    if (violations.Count == 0)
                    {
                        good.Add(station);
                    }
                    else
                    {
                        broken.AddRange(violations);
                        brokenAreas.Add(TallyInvariants.AreaKey(station.Governorate, station.Office));
                    }
                }

                if ((long)page * pageSize >= answer.Value.Total)
                {
                    break;
                }
            }
        }
        catch (TallyEngineUnavailableException ex)
        {
            // Without the stations the governorate totals cannot be checked; the results stand on their own invariants.
            await alerts.RaiseAsync(AlertKind.Unreachable, SnapshotKinds.Stations, electionId, null, ex.Message, httpStatus: ex.StatusCode, cancellationToken: cancellationToken);
            return [];
        }
        catch (TallyPayloadException ex)
        {
            await alerts.RaiseAsync(AlertKind.Malformed, SnapshotKinds.Stations, electionId, null, ex.Message, cancellationToken: cancellationToken);
            return [];
        }

        if (broken.Count > 0)
        {
            await alerts.RaiseAsync(AlertKind.InvariantBroken, SnapshotKinds.Stations, electionId, null,
                string.Join("; ", broken.Take(20)), broken, cancellationToken: cancellationToken);
        }
        else
        {
            await alerts.ResolveAsync(SnapshotKinds.Stations, electionId, cancellationToken: cancellationToken);
        }

        if (!engine.IsDemo)
        {
            // The embedded engine always answers: a stored copy of its tens of thousands of stations would never be read.
            await store.SaveStationsAsync(electionId, good, cancellationToken);
        }

        // Governorates with a broken station are already reported; the others must add up exactly.
        return TallyInvariants.CheckResultsAgainstStations(results, good.Where(s => !brokenAreas.Contains(TallyInvariants.AreaKey(s.Governorate, s.Office))));
    }

    private async Task MarkAllFailedAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await db.Set<TallySnapshot>().ExecuteUpdateAsync(s => s.SetProperty(x => x.FailedAt, now), cancellationToken);
    }

    private static async Task MarkFailedAsync(PortalDbContext db, TallySnapshot? row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (row is not null)
        {
            row.FailedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task EvictPageCacheAsync()
    {
        if (services.GetService<IOutputCacheStore>() is { } cache)
        {
            await cache.EvictByTagAsync(CacheTag, CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Snapshot {Kind} {ElectionId} was stored concurrently")]
    private static partial void LogConcurrentStore(ILogger logger, string kind, string electionId, Exception exception);
}

/// <summary>Refreshes the snapshots on <see cref="TallyEngineOptions.RefreshInterval"/>, or later when the engine asks us to wait.</summary>
public sealed partial class TallyRefreshService(TallyRefresher refresher, TapeService tapes, IOptions<TallyEngineOptions> options, TimeProvider clock, ILogger<TallyRefreshService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RefreshInBackground)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await refresher.RefreshAllAsync(stoppingToken);
                // Tapes filed while the engine could not answer are compared as soon as it can.
                await tapes.ComparePendingAsync(cancellationToken: stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The loop must outlive any surprise: the last good figures stay on screen meanwhile.
                LogRefreshFailed(logger, ex);
            }

            var delay = options.Value.RefreshInterval;
            if (refresher.RequestedDelay is { } requested && requested > delay)
            {
                delay = requested;
            }

            try
            {
                await Task.Delay(delay, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Tally refresh failed unexpectedly")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
