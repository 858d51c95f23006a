using Ihec.Portal.Shared.Statistics;

namespace Ihec.Portal.Features.Statistics;

public enum StationOutcome
{
    /// <summary>A result that passed every invariant (live, or the stored last good copy).</summary>
    Found,
    /// <summary>The engine has no such station in this election.</summary>
    NotFound,
    /// <summary>The engine could not be reached or sent a bad payload, and the portal has no good copy.</summary>
    Unavailable,
}

/// <param name="FromStore">The figures are the portal's last good copy because the engine's answer could not be used.</param>
/// <param name="RejectedViolations">What was wrong with the engine's latest payload, when it broke an invariant.</param>
public sealed record StationLookupResult(
    StationOutcome Outcome, StationResult? Station, bool FromStore, DateTimeOffset? StoredAt, IReadOnlyList<InvariantViolation> RejectedViolations, bool IsDemo);

/// <summary>One page of a governorate's station results, as the engine serves them (only results that pass every check).</summary>
public sealed record StationListPage(IReadOnlyList<StationResult> Stations, int Total, int Page, int Pages);

/// <summary>One station's result: from the engine when it answers with a good payload, else the last good stored copy.</summary>
public sealed class StationLookup(ITallyEngine engine, TallySnapshotStore store, DataQualityAlerts alerts)
{
    public async Task<StationLookupResult> FindAsync(string electionId, string stationCode, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<InvariantViolation> rejected = [];
        try
        {
            var answer = await engine.GetStationAsync(electionId, stationCode, cancellationToken);
            if (answer.Status == FetchStatus.NotFound)
            {
                return new(StationOutcome.NotFound, null, false, null, [], engine.IsDemo);
            }

            var station = answer.Value!;
            var entities = (await store.GetAsync<List<ElectoralEntity>>(SnapshotKinds.Entities, electionId, cancellationToken))?.Value;
            var violations = TallyInvariants.CheckStation(station, entities).ToList();
            if (station.StationCode != stationCode)
            {
                violations.Add(new InvariantViolation(ViolationKind.BadCode, station.StationCode, "stationCode"));
            }

            if (violations.Count == 0)
            {
                await store.SaveStationsAsync(electionId, [station], cancellationToken);
                await alerts.ResolveAsync(SnapshotKinds.Station, electionId, stationCode, cancellationToken);
                return new(StationOutcome.Found, station, false, null, [], engine.IsDemo);
            }

            rejected = violations;
            await alerts.RaiseAsync(AlertKind.InvariantBroken, SnapshotKinds.Station, electionId, stationCode,
                string.Join("; ", violations), violations, cancellationToken: cancellationToken);
        }
        catch (TallyEngineUnavailableException ex)
        {
            await alerts.RaiseAsync(AlertKind.Unreachable, SnapshotKinds.Station, electionId, null, ex.Message, httpStatus: ex.StatusCode, cancellationToken: cancellationToken);
        }
        catch (TallyPayloadException ex)
        {
            await alerts.RaiseAsync(AlertKind.Malformed, SnapshotKinds.Station, electionId, stationCode, ex.Message, cancellationToken: cancellationToken);
        }

        var stored = await store.GetStationAsync(electionId, stationCode, cancellationToken);
        return stored is { } good
            ? new(StationOutcome.Found, good.Station, true, good.StoredAt, rejected, engine.IsDemo)
            : new(StationOutcome.Unavailable, null, false, null, rejected, engine.IsDemo);
    }

    public const int BrowsePageSize = 50;

    /// <summary>
    /// A governorate's stations, a page at a time, for browsing where the portal has no centre registry; null when the
    /// engine cannot answer. A station that breaks an invariant is left out (the refresher reports it to IHEC staff).
    /// </summary>
    public async Task<StationListPage?> BrowseAsync(string electionId, string governorate, int page, CancellationToken cancellationToken = default)
    {
        try
        {
            var answer = await engine.GetStationsAsync(electionId, governorate, Math.Max(1, page), BrowsePageSize, cancellationToken);
            if (answer.Status != FetchStatus.Ok)
            {
                return null;
            }

            var entities = (await store.GetAsync<List<ElectoralEntity>>(SnapshotKinds.Entities, electionId, cancellationToken))?.Value;
            var good = answer.Value!.Items.Where(s => TallyInvariants.CheckStation(s, entities).Count == 0).ToList();
            var pages = Math.Max(1, (answer.Value.Total + BrowsePageSize - 1) / BrowsePageSize);
            return new StationListPage(good, answer.Value.Total, answer.Value.Page, pages);
        }
        catch (Exception ex) when (ex is TallyEngineUnavailableException or TallyPayloadException)
        {
            return null;
        }
    }
}
