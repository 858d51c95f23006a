using Ihec.Portal.Features.Statistics;
using Ihec.Portal.Shared.Statistics;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ihec.Portal.Tests.Statistics;

/// <summary>A portal whose circuit breaker opens after two failed calls.</summary>
public sealed class CircuitBreakerFactory : FakeEnginePortalFactory
{
    protected override IDictionary<string, string?> EngineSettings => new Dictionary<string, string?>
    {
        ["TallyEngine:CircuitBreakerMinimumThroughput"] = "2",
        ["TallyEngine:CircuitBreakDuration"] = "00:05:00",
    };
}

public sealed class TallyEngineResilienceTests(CircuitBreakerFactory factory) : IClassFixture<CircuitBreakerFactory>
{
    [Fact]
    public async Task After_repeated_failures_the_circuit_opens_and_the_engine_is_left_alone()
    {
        factory.Engine.Mode = FakeTallyEngine.Behaviour.ServerError;
        var refresher = factory.Services.GetRequiredService<TallyRefresher>();

        await refresher.RefreshAllAsync();
        var afterFirst = factory.Engine.Requests.Count;
        await refresher.RefreshAllAsync();

        Assert.Equal(2, afterFirst);
        Assert.Equal(afterFirst, factory.Engine.Requests.Count);
        await using var db = factory.CreateDbContext();
        var alert = await db.Set<DataQualityAlert>().SingleAsync(a => a.Source == SnapshotKinds.Elections && a.ResolvedAt == null);
        Assert.Equal((AlertKind.Unreachable, 2), (alert.Kind, alert.Occurrences));
        Assert.Contains("BrokenCircuit", alert.Detail);
    }
}

public sealed class TallyEngineOptionsTests
{
    [Theory]
    [InlineData(null, "k", "BaseUrl")]
    [InlineData("ftp://engine.example/", "k", "BaseUrl")]
    [InlineData("https://engine.example/", null, "ApiKey or TallyEngine:ClientCertificatePath")]
    public void Http_mode_needs_an_address_and_credentials(string? baseUrl, string? apiKey, string message)
    {
        var options = new TallyEngineOptions { Mode = TallyEngineMode.Http, BaseUrl = baseUrl is null ? null : new Uri(baseUrl), ApiKey = apiKey };

        var result = new TallyEngineOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage);
    }

    [Fact]
    public void The_embedded_defaults_are_valid() =>
        Assert.True(new TallyEngineOptionsValidator().Validate(null, new TallyEngineOptions()).Succeeded);

    [Fact]
    public void A_portal_configured_for_http_without_an_engine_address_does_not_start()
    {
        using var factory = new BadSettingsFactory();

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.IsType<OptionsValidationException>(error is AggregateException a ? a.InnerException : error);
    }

    private sealed class BadSettingsFactory : PortalFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["TallyEngine:Mode"] = "Http" };
    }
}
