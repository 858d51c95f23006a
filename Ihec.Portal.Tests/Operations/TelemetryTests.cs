using System.Collections.ObjectModel;
using System.Diagnostics;
using Ihec.Portal.Features.Statistics;
using Ihec.Portal.Infrastructure.Operations;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
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

    /// <summary>
    /// The portal's own providers, with an in-memory exporter added beside its OTLP one (nothing listens at that
    /// endpoint: the exporter's failures are its own, the portal serves on), receive spans and metrics: the ASP.NET Core
    /// instrumentation's and the portal's own source and meter (a tally engine call).
    /// </summary>
    [Fact]
    public async Task With_an_otlp_endpoint_requests_and_the_portals_own_spans_and_metrics_are_collected()
    {
        await using var portal = new WithCollector();
        var client = portal.CreateClient();

        // Instrumentation listens process-wide: a path of its own tells this request from other tests' portals' (the
        // query is redacted in spans). No such organisation: the public profile answers 404.
        var probe = "/organisations/probe-" + Guid.NewGuid().ToString("N");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync(probe)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync(HealthChecksModule.LivenessPath)).StatusCode);
        await portal.Services.GetRequiredService<TallyRefresher>().RefreshAllAsync();
        var tracer = portal.Services.GetRequiredService<TracerProvider>();
        var meter = portal.Services.GetRequiredService<MeterProvider>();

        var spans = await Eventually.UntilAsync(() =>
        {
            tracer.ForceFlush();
            return Task.FromResult(portal.Spans.Snapshot());
        }, s => s.Any(a => IsRequest(a, probe)) && s.Any(a => a.Source.Name == PortalMetrics.ActivitySourceName), "the request's and the tally engine's spans",
            s => string.Join(", ", s.Select(a => $"{a.Source.Name}:{a.DisplayName}")));
        Assert.Contains(spans, a => a.Source.Name == PortalMetrics.ActivitySourceName && a.DisplayName.StartsWith("tally_engine ", StringComparison.Ordinal));
        // Load balancers' probes are not traced.
        Assert.DoesNotContain(spans, a => IsRequest(a, HealthChecksModule.LivenessPath));

        meter.ForceFlush();
        var metrics = portal.Metrics.Snapshot().Select(m => m.Name).ToHashSet();
        Assert.Contains("http.server.request.duration", metrics);
        Assert.Contains("ihec.portal.tally_engine.calls", metrics);
    }

    private static bool IsRequest(Activity a, string path) =>
        a.Kind == ActivityKind.Server && Equals(a.GetTagItem("url.path"), path);

    private sealed class WithCollector : PortalFactory
    {
        public Exported<Activity> Spans { get; } = [];

        public Exported<Metric> Metrics { get; } = [];

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["OpenTelemetry:OtlpEndpoint"] = "http://127.0.0.1:9",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                // Added to the providers the portal builds; without the portal's AddOpenTelemetry there are none.
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
                services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Metrics));
            });
        }
    }

    /// <summary>What an in-memory exporter received; it adds from the instrumentation's threads while the test reads.</summary>
    private sealed class Exported<T> : Collection<T>
    {
        public List<T> Snapshot()
        {
            lock (Items)
            {
                return [.. Items];
            }
        }

        protected override void InsertItem(int index, T item)
        {
            lock (Items)
            {
                base.InsertItem(index, item);
            }
        }
    }
}
