using Ihec.Portal.Shared.Statistics;

namespace Ihec.Portal.Features.Statistics;

/// <summary>The demo engine: the contract served from <see cref="DemoTallyData"/>, with the same paging, 404s and ETags.</summary>
public sealed class EmbeddedTallyEngine : ITallyEngine
{
    // The demo data never changes while the process runs: one ETag for everything.
    private const string Version = "\"demo-v1\"";
    private readonly DemoTallyData data = DemoTallyData.Instance;

    public bool IsDemo => true;

    public Task<TallyFetch<IReadOnlyList<Election>>> GetElectionsAsync(string? etag, CancellationToken cancellationToken) =>
        Answer(data.Elections, etag);

    public Task<TallyFetch<RegistrationReport>> GetRegistrationAsync(string electionId, string? etag, CancellationToken cancellationToken) =>
        Answer(data.For(electionId)?.Registration, etag);

    public Task<TallyFetch<TurnoutReport>> GetTurnoutAsync(string electionId, string? etag, CancellationToken cancellationToken) =>
        Answer(data.For(electionId)?.Turnout, etag);

    public Task<TallyFetch<IReadOnlyList<ElectoralEntity>>> GetEntitiesAsync(string electionId, string? etag, CancellationToken cancellationToken) =>
        Answer(data.For(electionId)?.Entities, etag);

    public Task<TallyFetch<ResultsReport>> GetResultsAsync(string electionId, string? etag, CancellationToken cancellationToken) =>
        Answer(data.For(electionId)?.Results, etag);

    public Task<TallyFetch<StationPage>> GetStationsAsync(string electionId, string? governorate, int page, int pageSize, CancellationToken cancellationToken)
    {
        var election = data.For(electionId);
        if (election is null)
        {
            return Task.FromResult(TallyFetch<StationPage>.NotFound);
        }

        var stations = election.Stations.Where(s => governorate is null || s.Governorate == governorate).ToList();
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 5000);
        var result = new StationPage
        {
            Page = page,
            PageSize = pageSize,
            Total = stations.Count,
            Items = stations.Skip((page - 1) * pageSize).Take(pageSize).ToList(),
        };
        return Task.FromResult(TallyFetch<StationPage>.Ok(result, Version));
    }

    public Task<TallyFetch<StationResult>> GetStationAsync(string electionId, string stationCode, CancellationToken cancellationToken) =>
        Answer(data.For(electionId)?.StationsByCode.GetValueOrDefault(stationCode), null);

    private static Task<TallyFetch<T>> Answer<T>(T? value, string? etag) where T : class =>
        Task.FromResult(value is null ? TallyFetch<T>.NotFound
            : etag == Version ? TallyFetch<T>.NotModified
            : TallyFetch<T>.Ok(value, Version));
}
