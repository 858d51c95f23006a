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
        if (data.For(electionId) is not { } election)
        {
            return Task.FromResult(TallyFetch<StationPage>.NotFound);
        }

        var items = Paged(election.Stations, s => s.Governorate, governorate, ref page, ref pageSize, out var total);
        return Task.FromResult(TallyFetch<StationPage>.Ok(new StationPage { Page = page, PageSize = pageSize, Total = total, Items = items }, Version));
    }

    public Task<TallyFetch<CentrePage>> GetCentresAsync(string electionId, string? governorate, int page, int pageSize, string? etag, CancellationToken cancellationToken)
    {
        if (data.For(electionId) is not { } election)
        {
            return Task.FromResult(TallyFetch<CentrePage>.NotFound);
        }

        if (etag == Version)
        {
            return Task.FromResult(TallyFetch<CentrePage>.NotModified);
        }

        var items = Paged(election.Centres, c => c.Governorate, governorate, ref page, ref pageSize, out var total);
        return Task.FromResult(TallyFetch<CentrePage>.Ok(new CentrePage { Page = page, PageSize = pageSize, Total = total, Items = items }, Version));
    }

    public Task<TallyFetch<StationResult>> GetStationAsync(string electionId, string stationCode, CancellationToken cancellationToken) =>
        Answer(data.For(electionId)?.StationsByCode.GetValueOrDefault(stationCode), null);

    private static List<T> Paged<T>(IReadOnlyList<T> all, Func<T, string> governorateOf, string? governorate, ref int page, ref int pageSize, out int total)
    {
        var matching = governorate is null ? all : all.Where(x => governorateOf(x) == governorate).ToList();
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 5000);
        total = matching.Count;
        return matching.Skip((page - 1) * pageSize).Take(pageSize).ToList();
    }

    private static Task<TallyFetch<T>> Answer<T>(T? value, string? etag) where T : class =>
        Task.FromResult(value is null ? TallyFetch<T>.NotFound
            : etag == Version ? TallyFetch<T>.NotModified
            : TallyFetch<T>.Ok(value, Version));
}
