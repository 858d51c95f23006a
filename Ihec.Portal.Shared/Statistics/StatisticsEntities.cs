namespace Ihec.Portal.Shared.Statistics;

/// <summary>The kinds of payload the portal keeps a last good snapshot of.</summary>
public static class SnapshotKinds
{
    public const string Elections = "elections";
    public const string Registration = "registration";
    public const string Turnout = "turnout";
    public const string Entities = "entities";
    public const string Results = "results";
    public const string Stations = "stations";
    public const string Station = "station";
    /// <summary>The polling-centre registry (all pages of <c>/centres</c>, kept as one <see cref="CentreRegistry"/>).</summary>
    public const string Centres = "centres";
}

/// <summary>
/// The last payload of one kind (for one election) that parsed and passed every invariant. It is replaced only by a
/// newer good payload, so the figures on screen survive an engine outage, a bad payload and a restart.
/// </summary>
public class TallySnapshot
{
    public long Id { get; set; }
    public string Kind { get; set; } = "";
    /// <summary>Empty for the election list.</summary>
    public string ElectionId { get; set; } = "";
    /// <summary>The payload as JSON in the contract's shape.</summary>
    public string Json { get; set; } = "";
    public string? ETag { get; set; }
    /// <summary>The payload's own "as of" time (for lists without one: when the portal received it).</summary>
    public DateTimeOffset AsOf { get; set; }
    public DateTimeOffset StoredAt { get; set; }
    /// <summary>When the engine last confirmed this snapshot is current (a new payload or 304 Not Modified).</summary>
    public DateTimeOffset CheckedAt { get; set; }
    /// <summary>When the last attempt to refresh it failed, if that is more recent than <see cref="CheckedAt"/>.</summary>
    public DateTimeOffset? FailedAt { get; set; }
    public bool IsDemo { get; set; }
}

/// <summary>The last good result of one polling station, for look-ups and tape comparison while the engine is away.</summary>
public class StoredStationResult
{
    public long Id { get; set; }
    public string ElectionId { get; set; } = "";
    public string StationCode { get; set; } = "";
    public string Governorate { get; set; } = "";
    public string? Office { get; set; }
    public string Json { get; set; } = "";
    public DateTimeOffset StoredAt { get; set; }
    /// <summary>From the embedded demo engine: never shown once the portal talks to the real engine.</summary>
    public bool IsDemo { get; set; }
}

public enum AlertKind
{
    /// <summary>The engine did not answer, timed out, or answered with an error.</summary>
    Unreachable,
    /// <summary>The payload was not valid JSON for the contract.</summary>
    Malformed,
    /// <summary>The payload parsed but broke an invariant.</summary>
    InvariantBroken,
}

/// <summary>
/// A data-quality alert for IHEC staff. Repeats of the same problem update one open alert (count, last seen) instead of
/// adding rows; a later good payload for the same source closes it.
/// </summary>
public class DataQualityAlert
{
    public long Id { get; set; }
    public AlertKind Kind { get; set; }
    /// <summary>The snapshot kind (<see cref="SnapshotKinds"/>) the payload was for.</summary>
    public string Source { get; set; } = "";
    public string ElectionId { get; set; } = "";
    /// <summary>The station, for a single station's payload.</summary>
    public string? Subject { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public int Occurrences { get; set; } = 1;
    public DateTimeOffset? ResolvedAt { get; set; }
    /// <summary>The broken invariants, as JSON (<see cref="InvariantViolation"/>[]), so the page can show them in the reader's language.</summary>
    public string? ViolationsJson { get; set; }
    /// <summary>The technical reason (status code, parser message), for the engine's operators.</summary>
    public string? Detail { get; set; }
    public int? HttpStatus { get; set; }
}

public enum TapeStatus
{
    /// <summary>Every figure on the tape equals the engine's.</summary>
    Matches,
    /// <summary>At least one difference or inconsistency.</summary>
    Differs,
    /// <summary>The engine has no result for the station.</summary>
    StationNotFound,
    /// <summary>The engine could not be reached and the portal had no stored result for the station: compare again later.</summary>
    Pending,
}

/// <summary>A results tape an organisation entered, and the outcome of its comparison with the engine.</summary>
public class ResultsTapeRecord
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public string SubmittedByUserId { get; set; } = "";
    public string SubmittedByName { get; set; } = "";
    public DateTimeOffset SubmittedAt { get; set; }
    /// <summary>The client's idempotency key: a retried submission with the same key files nothing new.</summary>
    public string ClientKey { get; set; } = "";
    public string ElectionId { get; set; } = "";
    public string StationCode { get; set; } = "";
    public string? Governorate { get; set; }
    public string? Office { get; set; }
    public long? RegisteredVoters { get; set; }
    public long BallotsCast { get; set; }
    public long ValidVotes { get; set; }
    public long InvalidVotes { get; set; }
    /// <summary>The tape's votes per entity (<see cref="EntityVotes"/>[] as JSON).</summary>
    public string EntitiesJson { get; set; } = "[]";
    public TapeStatus Status { get; set; }
    /// <summary>The differences found (<see cref="TapeDifference"/>[] as JSON).</summary>
    public string DifferencesJson { get; set; } = "[]";
    public int DifferenceCount { get; set; }
    public DateTimeOffset? ComparedAt { get; set; }
    /// <summary>When the engine's station result compared against was transmitted.</summary>
    public DateTimeOffset? EngineTransmittedAt { get; set; }
    /// <summary>Whether the comparison used the portal's stored copy because the engine was unreachable.</summary>
    public bool ComparedWithStoredResult { get; set; }
    /// <summary>"form" or "csv".</summary>
    public string Source { get; set; } = "form";
    public string? Note { get; set; }
}
