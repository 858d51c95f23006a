using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Ihec.Portal.Infrastructure.Operations;

/// <summary>
/// Ready when Redis answers a PING. Uses the portal's <see cref="IConnectionMultiplexer"/> when one is registered (the
/// scale-out wiring), otherwise a connection of its own made on first use.
/// </summary>
internal sealed class RedisReadyCheck(IServiceProvider services, RedisHealthConnection ownConnection) : IHealthCheck
{
    public const string ConnectionStringKey = "Redis:ConnectionString";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var redis = services.GetService<IConnectionMultiplexer>() ?? await ownConnection.GetAsync();
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy($"PING answered in {latency.TotalMilliseconds:0.0} ms");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Redis did not answer", ex);
        }
    }
}

/// <summary>The readiness check's own Redis connection, for when nothing else in the portal registered one.</summary>
internal sealed class RedisHealthConnection(IConfiguration configuration) : IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private ConnectionMultiplexer? connection;

    public async Task<IConnectionMultiplexer> GetAsync()
    {
        if (connection is { } existing)
        {
            return existing;
        }

        await gate.WaitAsync();
        try
        {
            if (connection is null)
            {
                var options = ConfigurationOptions.Parse(configuration[RedisReadyCheck.ConnectionStringKey]!);
                // Connect in the background and keep retrying: a Redis that is down now is reported, not thrown at start-up.
                options.AbortOnConnectFail = false;
                connection = await ConnectionMultiplexer.ConnectAsync(options);
            }

            return connection;
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        gate.Dispose();
    }
}
