using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Ihec.Portal.Features.Statistics;

public enum TallyEngineMode
{
    /// <summary>A built-in, deterministically generated demo data set with the engine's contract; shown as demo data.</summary>
    Embedded,
    /// <summary>IHEC's core tally engine over HTTPS.</summary>
    Http,
}

/// <summary>The <c>TallyEngine</c> settings.</summary>
public sealed class TallyEngineOptions
{
    public const string Section = "TallyEngine";

    public TallyEngineMode Mode { get; set; } = TallyEngineMode.Embedded;

    /// <summary>The engine's base URL (Http mode); the contract's paths (<c>api/v1/…</c>) are relative to it.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Sent as <see cref="ApiKeyHeader"/> on every request, when set.</summary>
    public string? ApiKey { get; set; }

    public string ApiKeyHeader { get; set; } = "X-Api-Key";

    /// <summary>A PKCS#12 file with the portal's client certificate, when the engine asks for one.</summary>
    public string? ClientCertificatePath { get; set; }

    public string? ClientCertificatePassword { get; set; }

    /// <summary>How often the background service asks the engine for new figures.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether the background service runs at all (tests drive refreshes themselves).</summary>
    public bool RefreshInBackground { get; set; } = true;

    /// <summary>Each request attempt's time limit.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The limit for one call including its retries.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(45);

    public int MaxRetries { get; set; } = 3;

    /// <summary>How long the circuit stays open after the engine keeps failing.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Calls within the sampling window before the circuit breaker may open.</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    /// <summary>Load every station after new results and check each governorate against the sum of its stations.</summary>
    public bool VerifyStations { get; set; } = true;

    public int StationPageSize { get; set; } = 500;

    /// <summary>Centres asked for per page of the registry (<c>/centres</c>).</summary>
    public int CentrePageSize { get; set; } = 1000;

    /// <summary>Figures older than this (since the engine last confirmed them) are shown as possibly out of date.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// What <c>/readyz</c> reports when the engine does not answer: <c>Unhealthy</c> (503, the default) or <c>Degraded</c>
    /// (200: the portal keeps serving its last good snapshot, so a load balancer keeps the instance).
    /// </summary>
    public HealthStatus ReadinessFailureStatus { get; set; } = HealthStatus.Unhealthy;
}

internal sealed class TallyEngineOptionsValidator : IValidateOptions<TallyEngineOptions>
{
    public ValidateOptionsResult Validate(string? name, TallyEngineOptions options)
    {
        var failures = new List<string>();
        if (options.Mode == TallyEngineMode.Http)
        {
            if (options.BaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add("TallyEngine:BaseUrl must be an absolute http(s) URL when TallyEngine:Mode is Http.");
            }

            if (string.IsNullOrWhiteSpace(options.ApiKey) && string.IsNullOrWhiteSpace(options.ClientCertificatePath))
            {
                failures.Add("TallyEngine:ApiKey or TallyEngine:ClientCertificatePath is required when TallyEngine:Mode is Http.");
            }

            if (!string.IsNullOrWhiteSpace(options.ClientCertificatePath) && !File.Exists(options.ClientCertificatePath))
            {
                failures.Add("TallyEngine:ClientCertificatePath does not name a file.");
            }

            if (string.IsNullOrWhiteSpace(options.ApiKeyHeader))
            {
                failures.Add("TallyEngine:ApiKeyHeader must not be empty.");
            }
        }

        if (options.RefreshInterval < TimeSpan.FromSeconds(5))
        {
            failures.Add("TallyEngine:RefreshInterval must be at least 5 seconds.");
        }

        if (options.AttemptTimeout < TimeSpan.FromMilliseconds(100) || options.TotalTimeout <= options.AttemptTimeout)
        {
            failures.Add("TallyEngine:AttemptTimeout must be at least 100 ms and TallyEngine:TotalTimeout longer than it.");
        }

        if (options.MaxRetries is < 1 or > 10)
        {
            failures.Add("TallyEngine:MaxRetries must be between 1 and 10.");
        }

        if (options.CircuitBreakDuration < TimeSpan.FromSeconds(1) || options.CircuitBreakerMinimumThroughput < 2)
        {
            failures.Add("TallyEngine:CircuitBreakDuration must be at least 1 second and CircuitBreakerMinimumThroughput at least 2.");
        }

        if (options.StationPageSize is < 1 or > 5000)
        {
            failures.Add("TallyEngine:StationPageSize must be between 1 and 5000.");
        }

        if (options.ReadinessFailureStatus is not (HealthStatus.Unhealthy or HealthStatus.Degraded))
        {
            failures.Add("TallyEngine:ReadinessFailureStatus must be Unhealthy or Degraded.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
