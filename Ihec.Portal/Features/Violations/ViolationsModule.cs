using System.Globalization;
using Ihec.Portal.Infrastructure.Files;
using Ihec.Portal.Shared.Files;
using Ihec.Portal.Shared.Security;

namespace Ihec.Portal.Features.Violations;

public static class ViolationsModule
{
    public static IServiceCollection AddViolations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ViolationOptions>().Bind(configuration.GetSection(ViolationOptions.Section))
            .Validate(o => o.MaxEvidenceFiles is > 0 and <= 20 && o.MaxEvidenceBytes > 0 && o.MaxVideoBytes is > 0 and <= int.MaxValue && o.MaxAudioBytes is > 0 and <= int.MaxValue && o.KeptEvidenceLifetime > TimeSpan.Zero && o.MaxAge > TimeSpan.Zero,
                "Violations: MaxEvidenceFiles must be 1–20 and the sizes and times more than zero.")
            .ValidateOnStart();
        services.AddScoped<ViolationService>();
        services.AddScoped<ViolationEmails>();
        services.AddSingleton<IStoredFileReferences>(new StoredFileReferences(db => db.Set<ViolationEvidence>().Select(e => (string?)e.FileId)));
        services.AddHostedService<ViolationDemo>();
        return services;
    }

    public static WebApplication MapViolations(this WebApplication app)
    {
        app.MapGet("/violations/evidence/{id:guid}", EvidenceAsync).RequireAuthorization(PortalPolicies.SignedIn);
        app.MapGet("/map/violations.csv", PublicCsvAsync).AllowAnonymous();
        app.MapGet("/map/violations.geojson", PublicGeoJsonAsync).AllowAnonymous();
        return app;
    }

    /// <summary>The public map's points as CSV, streamed as they are read: the same anonymised, coarsened rows the page's table shows.</summary>
    private static async Task PublicCsvAsync(ViolationService violations, HttpContext context)
    {
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"violations.csv\"";
        await using var writer = new StreamWriter(context.Response.Body, new System.Text.UTF8Encoding(false));
        await writer.WriteLineAsync("date,category,governorate,latitude,longitude");
        await foreach (var p in violations.PublicPointsAsync(context.RequestAborted))
        {
            // Codes, not names: every value is from a fixed list or a number, so nothing needs quoting or can start a formula.
            await writer.WriteLineAsync(string.Join(',', p.OccurredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.Category.ToString(), p.Governorate,
                p.Latitude.ToString("0.00", CultureInfo.InvariantCulture), p.Longitude.ToString("0.00", CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>The same points as a GeoJSON FeatureCollection, streamed.</summary>
    private static async Task PublicGeoJsonAsync(ViolationService violations, HttpContext context)
    {
        context.Response.ContentType = "application/geo+json";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"violations.geojson\"";
        await using var json = new System.Text.Json.Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("type", "FeatureCollection");
        json.WriteStartArray("features");
        var count = 0;
        await foreach (var p in violations.PublicPointsAsync(context.RequestAborted))
        {
            json.WriteStartObject();
            json.WriteString("type", "Feature");
            json.WriteStartObject("geometry");
            json.WriteString("type", "Point");
            json.WriteStartArray("coordinates");
            json.WriteNumberValue(p.Longitude);
            json.WriteNumberValue(p.Latitude);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteString("date", p.OccurredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteString("category", p.Category.ToString());
            json.WriteString("governorate", p.Governorate);
            json.WriteEndObject();
            json.WriteEndObject();
            // Keeps the writer's buffer small however many points there are.
            if (++count % 500 == 0)
            {
                await json.FlushAsync(context.RequestAborted);
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    private static async Task<IResult> EvidenceAsync(Guid id, ViolationService violations, HttpContext context)
    {
        if (await violations.OpenEvidenceAsync(context.User, id, context.RequestAborted) is not { } file)
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "private, no-store";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { Inline = file.Kind != FileKind.Pdf, FileName = file.FileName }.ToString();
        // Range requests let a browser's <video> and <audio> seek without downloading the whole file first.
        return Results.Stream(file.Content, FileSignatures.ContentType(file.Kind), enableRangeProcessing: true);
    }
}
