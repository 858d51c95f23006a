using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Ihec.Portal.Shared.Statistics;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Ihec.Portal.Features.Statistics;

/// <summary>
/// The engine over HTTP: a typed client whose handler pipeline (see <see cref="StatisticsModule"/>) adds the API key,
/// timeouts, retries with jitter that honour <c>Retry-After</c>, and a circuit breaker. Conditional requests send
/// <c>If-None-Match</c> and accept <c>304 Not Modified</c>.
/// </summary>
public sealed partial class HttpTallyEngine(HttpClient http, ILogger<HttpTallyEngine> logger) : ITallyEngine
{
    /// <summary>No payload of the contract comes near this; anything larger is refused rather than buffered.</summary>
    public const long MaxPayloadBytes = 32 * 1024 * 1024;

    public bool IsDemo => false;

    public Task<TallyFetch<IReadOnlyList<Election>>> GetElectionsAsync(string? etag, CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<Election>, List<Election>>("api/v1/elections", etag, cancellationToken);

    public Task<TallyFetch<RegistrationReport>> GetRegistrationAsync(string electionId, string? etag, CancellationToken cancellationToken) =>
        GetAsync<RegistrationReport, RegistrationReport>($"api/v1/elections/{Uri.EscapeDataString(electionId)}/registration", etag, cancellationToken);

    public Task<TallyFetch<TurnoutReport>> GetTurnoutAsync(string electionId, string? etag, CancellationToken cancellationToken) =>
        GetAsync<TurnoutReport, TurnoutReport>($"api/v1/elections/{Uri.EscapeDataString(electionId)}/turnout", etag, cancellationToken);

    public Task<TallyFetch<IReadOnlyList<ElectoralEntity>>> GetEntitiesAsync(string electionId, string? etag, CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<ElectoralEntity>, List<ElectoralEntity>>($"api/v1/elections/{Uri.EscapeDataString(electionId)}/entities", etag, cancellationToken);

    public Task<TallyFetch<ResultsReport>> GetResultsAsync(string electionId, string? etag, CancellationToken cancellationToken) =>
        GetAsync<ResultsReport, ResultsReport>($"api/v1/elections/{Uri.EscapeDataString(electionId)}/results", etag, cancellationToken);

    public Task<TallyFetch<StationPage>> GetStationsAsync(string electionId, string? governorate, int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = $"page={page}&pageSize={pageSize}" + (governorate is null ? "" : "&governorate=" + Uri.EscapeDataString(governorate));
        return GetAsync<StationPage, StationPage>($"api/v1/elections/{Uri.EscapeDataString(electionId)}/stations?{query}", null, cancellationToken);
    }

    public Task<TallyFetch<StationResult>> GetStationAsync(string electionId, string stationCode, CancellationToken cancellationToken) =>
        GetAsync<StationResult, StationResult>(
            $"api/v1/elections/{Uri.EscapeDataString(electionId)}/stations/{Uri.EscapeDataString(stationCode)}", null, cancellationToken);

    public Task<TallyFetch<CentrePage>> GetCentresAsync(string electionId, string? governorate, int page, int pageSize, string? etag, CancellationToken cancellationToken)
    {
        var query = $"page={page}&pageSize={pageSize}" + (governorate is null ? "" : "&governorate=" + Uri.EscapeDataString(governorate));
        return GetAsync<CentrePage, CentrePage>($"api/v1/elections/{Uri.EscapeDataString(electionId)}/centres?{query}", etag, cancellationToken);
    }

    private async Task<TallyFetch<TResult>> GetAsync<TResult, TWire>(string path, string? etag, CancellationToken cancellationToken)
        where TResult : class
        where TWire : TResult
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (etag is not null && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
                                       || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnreachable(logger, path, ex.GetType().Name, ex);
            throw new TallyEngineUnavailableException($"The tally engine did not answer {path}: {ex.GetType().Name}: {ex.Message}", inner: ex);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return TallyFetch<TResult>.NotModified;
            }

            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return TallyFetch<TResult>.NotFound;
            }

            if (!response.IsSuccessStatusCode)
            {
                var error = await ReadErrorAsync(response, cancellationToken);
                var retryAfter = response.Headers.RetryAfter is { } ra
                    ? ra.Delta ?? (ra.Date is { } date ? date - DateTimeOffset.UtcNow : null)
                    : null;
                LogRefused(logger, path, (int)response.StatusCode, error);
                throw new TallyEngineUnavailableException(
                    $"The tally engine answered {path} with {(int)response.StatusCode}: {error}", (int)response.StatusCode, retryAfter);
            }

            if (response.Content.Headers.ContentLength > MaxPayloadBytes)
            {
                throw new TallyPayloadException($"The payload of {path} is larger than {MaxPayloadBytes} bytes.");
            }

            string json;
            try
            {
                json = await response.Content.ReadAsStringAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutRejectedException
                                           || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw new TallyEngineUnavailableException($"The answer to {path} was cut off: {ex.Message}", inner: ex);
            }

            TWire value = TallyJson.Parse<TWire>(json);
            return TallyFetch<TResult>.Ok(value, response.Headers.ETag?.ToString());
        }
    }

    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var error = JsonSerializer.Deserialize<EngineError>(body, TallyJson.Options);
            var text = string.Join(": ", new[] { error?.Error, error?.Detail }.Where(s => !string.IsNullOrWhiteSpace(s)));
            return text.Length > 500 ? text[..500] : text;
        }
        catch (Exception ex) when (ex is JsonException or HttpRequestException or IOException or NotSupportedException)
        {
            return response.ReasonPhrase ?? "";
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tally engine unreachable for {Path} ({Reason})")]
    private static partial void LogUnreachable(ILogger logger, string path, string reason, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tally engine answered {Path} with {Status}: {Error}")]
    private static partial void LogRefused(ILogger logger, string path, int status, string error);
}
