using System.Text.Json;
using Ihec.Portal.Infrastructure.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ihec.Portal.Infrastructure.Operations;

/// <summary>
/// <c>/healthz</c>: the process answers (no dependency is asked). <c>/readyz</c>: each dependency, as JSON with its status
/// and duration; 503 when one is unhealthy. Both are anonymous, so they name checks and statuses only: never a
/// connection string, a host name or an exception message (those go to the log).
/// </summary>
public static partial class HealthChecksModule
{
    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";
    public const string ReadyTag = "ready";

    /// <summary>The checks that modules do not add themselves: the database, the search indexes, and Redis when <c>Redis:ConnectionString</c> is set.</summary>
    public static IServiceCollection AddPortalHealthChecks(this IServiceCollection services, IConfiguration configuration)
    {
        var checks = services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(10))
            .AddCheck<SearchIndexesReadyCheck>("search-indexes", tags: [ReadyTag]);
        if (!string.IsNullOrWhiteSpace(configuration[RedisReadyCheck.ConnectionStringKey]))
        {
            services.AddSingleton<RedisHealthConnection>();
            checks.AddCheck<RedisReadyCheck>("redis", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5));
        }

        return services;
    }

    public static WebApplication MapPortalHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks(LivenessPath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .AllowAnonymous();
        app.MapHealthChecks(ReadinessPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .AllowAnonymous();
        return app;
    }

    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true };

    /// <summary>
    /// <c>{"status":"Unhealthy","durationMs":12.5,"checks":[{"name":"database","status":"Healthy","durationMs":3.1},…]}</c>;
    /// what went wrong with a check is logged, with its exception, not answered.
    /// </summary>
    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HealthChecksModule).FullName!);
        foreach (var (name, entry) in report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy))
        {
            LogCheckNotHealthy(logger, name, entry.Status, entry.Duration.TotalMilliseconds, entry.Description, entry.Exception);
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body, JsonOptions);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteNumber("durationMs", Math.Round(report.TotalDuration.TotalMilliseconds, 1));
        json.WriteStartArray("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 1));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Readiness check {Check} is {Status} after {DurationMs} ms: {Description}")]
    private static partial void LogCheckNotHealthy(ILogger logger, string check, HealthStatus status, double durationMs, string? description, Exception? exception);
}

/// <summary>Ready when the database answers and no migration is pending.</summary>
internal sealed class DatabaseReadyCheck(IDbContextFactory<PortalDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return new HealthCheckResult(context.Registration.FailureStatus, "database unreachable");
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("database reachable, migrations applied")
                : new HealthCheckResult(context.Registration.FailureStatus, $"{pending.Count} migrations pending");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "database check failed", ex);
        }
    }
}

/// <summary>Degraded (never unhealthy: everything but complete search works) while a search index is rebuilt after it was moved aside.</summary>
internal sealed class SearchIndexesReadyCheck(Search.SearchIndexStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var rebuilding = status.RebuildingNow;
        return Task.FromResult(rebuilding.Count == 0
            ? HealthCheckResult.Healthy("search indexes open")
            : HealthCheckResult.Degraded("being rebuilt: " + string.Join(", ", rebuilding)));
    }
}
