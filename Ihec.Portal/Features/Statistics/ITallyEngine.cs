using Ihec.Portal.Shared.Statistics;

namespace Ihec.Portal.Features.Statistics;

public enum FetchStatus { Ok, NotModified, NotFound }

/// <summary>One answer from the engine: a parsed payload with its ETag, "not modified" for a conditional request, or "not found".</summary>
public sealed record TallyFetch<T>(FetchStatus Status, T? Value, string? ETag) where T : class
{
    public static TallyFetch<T> Ok(T value, string? etag) => new(FetchStatus.Ok, value, etag);
    public static readonly TallyFetch<T> NotModified = new(FetchStatus.NotModified, null, null);
    public static readonly TallyFetch<T> NotFound = new(FetchStatus.NotFound, null, null);
}

/// <summary>The engine could not be reached or refused to answer (after retries): its figures are unknown, not wrong.</summary>
public sealed class TallyEngineUnavailableException(string message, int? statusCode = null, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public int? StatusCode { get; } = statusCode;

    /// <summary>How long the engine asked us to wait (<c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>
/// The tally engine's read API (shared/tally-engine-contract.md). Each call either returns a payload that parsed against
/// the contract, or throws <see cref="TallyEngineUnavailableException"/> or <see cref="TallyPayloadException"/>.
/// Invariants are checked by the caller. <paramref name="etag"/> arguments make the request conditional.
/// </summary>
public interface ITallyEngine
{
    /// <summary>Whether the figures are the built-in demo data set.</summary>
    bool IsDemo { get; }

    Task<TallyFetch<IReadOnlyList<Election>>> GetElectionsAsync(string? etag, CancellationToken cancellationToken);

    Task<TallyFetch<RegistrationReport>> GetRegistrationAsync(string electionId, string? etag, CancellationToken cancellationToken);

    Task<TallyFetch<TurnoutReport>> GetTurnoutAsync(string electionId, string? etag, CancellationToken cancellationToken);

    Task<TallyFetch<IReadOnlyList<ElectoralEntity>>> GetEntitiesAsync(string electionId, string? etag, CancellationToken cancellationToken);

    Task<TallyFetch<ResultsReport>> GetResultsAsync(string electionId, string? etag, CancellationToken cancellationToken);

    Task<TallyFetch<StationPage>> GetStationsAsync(string electionId, string? governorate, int page, int pageSize, CancellationToken cancellationToken);

    Task<TallyFetch<StationResult>> GetStationAsync(string electionId, string stationCode, CancellationToken cancellationToken);

    /// <summary>One page of the polling-centre registry (v1.1); <see cref="FetchStatus.NotFound"/> when the engine has none.</summary>
    Task<TallyFetch<CentrePage>> GetCentresAsync(string electionId, string? governorate, int page, int pageSize, string? etag, CancellationToken cancellationToken);
}
