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

        MeasuredTallyEngine.Decorate(services);
        // The load balancer's probe must not wait out every retry: the check gives up after the engine's total timeout or 10 s.
        services.AddHealthChecks().AddCheck<TallyEngineReadyCheck>(TallyEngineReadyCheck.Name, options.ReadinessFailureStatus,
            [Infrastructure.Operations.HealthChecksModule.ReadyTag],
            TimeSpan.FromTicks(Math.Min(options.TotalTimeout.Ticks + TimeSpan.TicksPerSecond, 10 * TimeSpan.TicksPerSecond)));

        services.AddSingleton<DataQualityAlerts>();
        services.AddSingleton<TallySnapshotStore>();
        services.AddSingleton<TallyRefresher>();
        services.AddSingleton<StationLookup>();
        services.AddSingleton<CentreDirectory>();
        services.AddSingleton<StatisticsService>();
        services.AddSingleton<TapeService>();
        services.AddHostedService<TallyRefreshService>();
        services.AddHostedService<TapeDemo>();

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
        // (The output-cache middleware itself is in the portal's pipeline.)
        app.MapStatisticsEndpoints();
        return app;
    }
}

/// <summary>
/// With the embedded demo engine and <c>Demo:Enabled</c>, files one demo tape for the first demo organisation (with one
/// entity's votes off by ten), so an observer's tape page and IHEC's view of a discrepancy can be tried on a fresh start.
/// </summary>
internal sealed class TapeDemo(IServiceProvider services, IConfiguration configuration, IOptions<TallyEngineOptions> options) : IHostedService
{
    public const string ClientKey = "demo-tape-1";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue<bool>("Demo:Enabled") || options.Value.Mode != TallyEngineMode.Embedded)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var dbFactory = scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Infrastructure.Data.PortalDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var member = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
            db.Users, u => u.Email == "member@tammuz.demo", cancellationToken);
        var election = DemoTallyData.Instance.For(DemoTallyData.CouncilOfRepresentatives);
        if (member is null || member.OrganisationId is not { } organisationId || election is null)
        {
            return;
        }

        if (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(
                db.Set<Ihec.Portal.Shared.Statistics.ResultsTapeRecord>(), t => t.OrganisationId == organisationId, cancellationToken))
        {
            return;
        }

        var station = election.StationsByCode.Values.OrderBy(s => s.StationCode, StringComparer.Ordinal).First();
        var tape = new Ihec.Portal.Shared.Statistics.ResultsTape
        {
            StationCode = station.StationCode,
            BallotsCast = station.BallotsCast,
            ValidVotes = station.ValidVotes,
            InvalidVotes = station.InvalidVotes,
            Entities = station.Entities.Select((e, i) => i == 0 ? e with { Votes = e.Votes + 10 } : e).ToList(),
        };
        var actor = new Infrastructure.Auditing.AuditActor(member.Id, member.Email!, null);
        await scope.ServiceProvider.GetRequiredService<TapeService>()
            .SubmitAsync(new TapeAuthor(organisationId, member.Id, actor), DemoTallyData.CouncilOfRepresentatives, ClientKey, tape, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
