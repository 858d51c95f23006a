using Microsoft.AspNetCore.SignalR;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Ihec.Portal.Infrastructure.Operations;

/// <summary>The <c>OpenTelemetry</c> settings.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "OpenTelemetry";

    /// <summary>The OTLP collector (for example <c>http://otel-collector:4317</c>); when empty, nothing is exported.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>Grpc</c> (port 4317, the default) or <c>HttpProtobuf</c> (port 4318).</summary>
    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>The <c>service.name</c> resource attribute.</summary>
    public string ServiceName { get; set; } = "ihec-portal";
}

public static class TelemetryModule
{
    /// <summary>The standard OpenTelemetry variable; the SDK reads it (and its <c>OTEL_*</c> siblings) itself.</summary>
    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// The portal's own meter and activity source, always (they cost nothing unheard). OpenTelemetry metrics, traces and
    /// logs with the ASP.NET Core, HttpClient and runtime instrumentation, exported over OTLP, only when an endpoint is
    /// configured: <c>OpenTelemetry:OtlpEndpoint</c> or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.
    /// </summary>
    public static WebApplicationBuilder AddPortalTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<PortalMetrics>();
        services.AddSingleton<HubConnectionTelemetry>();
        // A global hub filter: every hub's connections are counted, and the hubs stay unaware of it.
        services.Configure<HubOptions>(o => o.AddFilter<HubConnectionTelemetry>());

        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var ownEndpoint = options.OtlpEndpoint;
        var standardEndpoint = builder.Configuration[StandardEndpointVariable];
        if (string.IsNullOrWhiteSpace(ownEndpoint) && string.IsNullOrWhiteSpace(standardEndpoint))
        {
            return builder;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                options.ServiceName,
                serviceVersion: typeof(TelemetryModule).Assembly.GetName().Version?.ToString(),
                serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                // SignalR's own connection metrics (signalr.server.active_connections, connection duration).
                .AddMeter(PortalMetrics.MeterName, "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.Server.Kestrel"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddSource(PortalMetrics.ActivitySourceName))
            .WithLogging();

        if (!string.IsNullOrWhiteSpace(ownEndpoint))
        {
            telemetry.UseOtlpExporter(options.OtlpProtocol, new Uri(ownEndpoint, UriKind.Absolute));
        }
        else
        {
            // Endpoint, protocol and headers from the standard OTEL_EXPORTER_OTLP_* variables.
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    // Load balancers poll these every few seconds: a span each would drown the real traffic.
    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments(HealthChecksModule.LivenessPath) || path.StartsWithSegments(HealthChecksModule.ReadinessPath);
}
