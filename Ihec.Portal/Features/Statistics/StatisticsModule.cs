using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Ihec.Portal.Features.Statistics;

public static class StatisticsModule
{
    public const string OutputCachePolicy = "statistics";

    public static IServiceCollection AddStatistics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TallyEngineOptions>().Bind(configuration.GetSection(TallyEngineOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TallyEngineOptions>, TallyEngineOptionsValidator>();
        var options = configuration.GetSection(TallyEngineOptions.Section).Get<TallyEngineOptions>() ?? new TallyEngineOptions();

        if (options.Mode == TallyEngineMode.Http)
        {
            AddHttpEngine(services, options);
        }
        else
        {
            services.AddSingleton<ITallyEngine, EmbeddedTallyEngine>();
        }

        services.AddSingleton<DataQualityAlerts>();
        services.AddSingleton<TallySnapshotStore>();
        services.AddSingleton<TallyRefresher>();
        services.AddSingleton<StationLookup>();
        services.AddSingleton<StatisticsService>();
        services.AddSingleton<TapeService>();
        services.AddHostedService<TallyRefreshService>();

        // The CSV downloads are cached briefly per language; a refresh evicts them at once.
        services.AddOutputCache(o => o.AddPolicy(OutputCachePolicy, p => p
            .Expire(TimeSpan.FromSeconds(60))
            .SetVaryByQuery("election", "area", "culture")
            .VaryByValue(_ => new KeyValuePair<string, string>("lang", CultureInfo.CurrentUICulture.Name))
            .Tag(TallyRefresher.CacheTag)));
        return services;
    }

    private static void AddHttpEngine(IServiceCollection services, TallyEngineOptions options)
    {
        var builder = services.AddHttpClient<ITallyEngine, HttpTallyEngine>(client =>
        {
            // A missing address is reported by the options validator at start-up, not here.
            if (options.BaseUrl is { IsAbsoluteUri: true } url)
            {
                var baseUrl = url.ToString();
                client.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
            }

            // The resilience pipeline owns the time limits.
            client.Timeout = Timeout.InfiniteTimeSpan;
            client.MaxResponseContentBufferSize = HttpTallyEngine.MaxPayloadBytes;
            if (!string.IsNullOrWhiteSpace(options.ApiKey))
            {
                client.DefaultRequestHeaders.Add(options.ApiKeyHeader, options.ApiKey);
            }
        });
        builder.ConfigurePrimaryHttpMessageHandler(() =>
        {
            var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AutomaticDecompression = System.Net.DecompressionMethods.All };
            if (!string.IsNullOrWhiteSpace(options.ClientCertificatePath))
            {
                handler.SslOptions.ClientCertificates =
                [
                    X509CertificateLoader.LoadPkcs12FromFile(options.ClientCertificatePath, options.ClientCertificatePassword),
                ];
            }

            return handler;
        });
        builder.AddStandardResilienceHandler(r =>
        {
            r.AttemptTimeout.Timeout = options.AttemptTimeout;
            r.TotalRequestTimeout.Timeout = options.TotalTimeout;
            r.Retry.MaxRetryAttempts = options.MaxRetries;
            r.Retry.UseJitter = true;
            r.Retry.BackoffType = Polly.DelayBackoffType.Exponential;
            r.Retry.Delay = TimeSpan.FromMilliseconds(500);
            r.Retry.MaxDelay = TimeSpan.FromSeconds(30);
            // 429 and 503 with Retry-After: wait as long as the engine asked (bounded by the total timeout).
            r.Retry.ShouldRetryAfterHeader = true;
            r.CircuitBreaker.BreakDuration = options.CircuitBreakDuration;
            r.CircuitBreaker.MinimumThroughput = options.CircuitBreakerMinimumThroughput;
            r.CircuitBreaker.FailureRatio = 0.5;
            var sampling = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, options.AttemptTimeout.Ticks * 2));
            r.CircuitBreaker.SamplingDuration = sampling;
        });
    }

    public static WebApplication MapStatistics(this WebApplication app)
    {
        // Anonymous GETs of the CSV downloads only: the default policy never caches signed-in users or responses with cookies.
        app.UseOutputCache();
        app.MapStatisticsEndpoints();
        return app;
    }
}
