using Ihec.Portal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Ihec.Portal.Tests.Operations;

public sealed class TelemetryTests
{
    [Fact]
    public void Without_an_otlp_endpoint_nothing_is_collected_or_exported()
    {
        using var portal = new PortalFactory();

        Assert.Null(portal.Services.GetService<MeterProvider>());
        Assert.Null(portal.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task With_an_otlp_endpoint_metrics_and_traces_are_collected()
    {
        // Nothing listens there: the exporter's failures are its own, the portal serves on.
        await using var portal = new WithCollector();
        var client = portal.CreateClient();

        Assert.NotNull(portal.Services.GetService<MeterProvider>());
        Assert.NotNull(portal.Services.GetService<TracerProvider>());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    private sealed class WithCollector : PortalFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["OpenTelemetry:OtlpEndpoint"] = "http://127.0.0.1:9",
        };
    }
}
