using System.Diagnostics;
using Ihec.Portal.Infrastructure.Operations;
using Ihec.Portal.Shared.Statistics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ihec.Portal.Features.Statistics;

/// <summary>
/// Wraps whichever engine is configured (embedded or HTTP): each call is counted by operation and outcome, timed, and
/// traced as a span of <see cref="PortalMetrics.ActivitySource"/>.
/// </summary>
internal sealed class MeasuredTallyEngine(ITallyEngine inner, PortalMetrics metrics) : ITallyEngine
{
    public bool IsDemo => inner.IsDemo;

    /// <summary>Replaces the registered <see cref="ITallyEngine"/> with itself around it, keeping its lifetime.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(ITallyEngine));
        services.Remove(registered);
        services.Add(new ServiceDescriptor(typeof(ITallyEngine),
            sp => new MeasuredTallyEngine(Create(sp, registered), sp.GetRequiredService<PortalMetrics>()), registered.Lifetime));
    }

    private static ITallyEngine Create(IServiceProvider services, ServiceDescriptor registered) => (ITallyEngine)(
        registered.ImplementationInstance
        ?? registered.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, registered.ImplementationType!));

    public Task<TallyFetch<IReadOnlyList<Election>>> GetElectionsAsync(string? etag, CancellationToken cancellationToken) =>
        MeasureAsync("elections", () => inner.GetElectionsAsync(etag, cancellationToken));

    public Task<TallyFetch<RegistrationReport>> GetRegistrationAsync(string electionId, string? etag, CancellationToken cancellationToken) =>
        MeasureAsync("registration", () => inner.GetRegistrationAsync(electionId, etag, cancellationToken));

    public Task<TallyFetch<TurnoutReport>> GetTurnoutAsync(string electionId, string? etag, CancellationToken cancellationToken) =>
        MeasureAsync("turnout", () => inner.GetTurnoutAsync(electionId, etag, cancellationToken));

    public Task<TallyFetch<IReadOnlyList<ElectoralEntity>>> GetEntitiesAsync(string electionId, string? etag, CancellationToken cancellationToken) =>
        MeasureAsync("entities", () => inner.GetEntitiesAsync(electionId, etag, cancellationToken));

    public Task<TallyFetch<ResultsReport>> GetResultsAsync(string electionId, string? etag, CancellationToken cancellationToken) =>
        MeasureAsync("results", () => inner.GetResultsAsync(electionId, etag, cancellationToken));

    public Task<TallyFetch<StationPage>> GetStationsAsync(string electionId, string? governorate, int page, int pageSize, CancellationToken cancellationToken) =>
        MeasureAsync("stations", () => inner.GetStationsAsync(electionId, governorate, page, pageSize, cancellationToken));

    public Task<TallyFetch<StationResult>> GetStationAsync(string electionId, string stationCode, CancellationToken cancellationToken) =>
        MeasureAsync("station", () => inner.GetStationAsync(electionId, stationCode, cancellationToken));

    public Task<TallyFetch<CentrePage>> GetCentresAsync(string electionId, string? governorate, int page, int pageSize, string? etag, CancellationToken cancellationToken) =>
        MeasureAsync("centres", () => inner.GetCentresAsync(electionId, governorate, page, pageSize, etag, cancellationToken));

    private async Task<TallyFetch<T>> MeasureAsync<T>(string operation, Func<Task<TallyFetch<T>>> call) where T : class
    {
        using var activity = PortalMetrics.ActivitySource.StartActivity("tally_engine " + operation, ActivityKind.Client);
        activity?.SetTag("tally_engine.operation", operation);
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var answer = await call();
            outcome = answer.Status switch
            {
                FetchStatus.NotModified => "not_modified",
                FetchStatus.NotFound => "not_found",
                _ => "ok",
            };
            return answer;
        }
        catch (TallyEngineUnavailableException)
        {
            outcome = "unavailable";
            throw;
        }
        catch (TallyPayloadException)
        {
            outcome = "invalid_payload";
            throw;
        }
        catch (OperationCanceledException)
        {
            outcome = "cancelled";
            throw;
        }
        finally
        {
            metrics.TallyEngineCalled(operation, outcome, inner.IsDemo, Stopwatch.GetElapsedTime(started));
            activity?.SetTag("tally_engine.outcome", outcome);
            if (outcome is "unavailable" or "invalid_payload" or "error")
            {
                activity?.SetStatus(ActivityStatusCode.Error);
            }
        }
    }
}

/// <summary>
/// <c>/readyz</c>'s <c>tally-engine</c> entry: asks the engine for its elections. The embedded demo engine always answers;
/// an HTTP engine that cannot be reached reports <see cref="TallyEngineOptions.ReadinessFailureStatus"/>.
/// </summary>
internal sealed class TallyEngineReadyCheck(ITallyEngine engine) : IHealthCheck
{
    public const string Name = "tally-engine";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var answer = await engine.GetElectionsAsync(null, cancellationToken);
            return answer.Status == FetchStatus.NotFound
                ? new HealthCheckResult(context.Registration.FailureStatus, "the engine has no elections resource")
                : HealthCheckResult.Healthy(engine.IsDemo ? "embedded demo engine" : "engine answered");
        }
        catch (TallyEngineUnavailableException ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "engine unavailable", ex);
        }
        catch (TallyPayloadException ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "engine answered outside the contract", ex);
        }
    }
}
