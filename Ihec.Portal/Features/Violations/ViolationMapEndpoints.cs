using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Ihec.Portal.Infrastructure.Api;
using Ihec.Portal.Infrastructure.Exports;
using Ihec.Portal.Shared.Security;
using Ihec.Portal.Shared.Tables;
using Microsoft.Extensions.Localization;

namespace Ihec.Portal.Features.Violations;

/// <summary>
/// The maps' data and exports. Each honours the page's filters (the same query string). The map data is one small JSON
/// document per view (clusters on a grid for the zoom and box asked for); the exports stream every row the user may see,
/// however many, never capped.
/// </summary>
public static class ViolationMapEndpoints
{
    public static WebApplication MapViolationMaps(this WebApplication app)
    {
        var reviewed = app.MapGroup("/violations/map").RequireAuthorization(PortalPolicies.ViolationMap).WithTags("Violations");
        reviewed.MapGet("/clusters.json", ClustersAsync).AsJsonApi()
            .WithSummary("Clusters of the violation reports the user may see, for a map view (reviewers: every report; a CSO: its own).")
            .Produces<ViolationClusters>(contentType: "application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        reviewed.MapExport("/violations", TableAsync, "Every violation report the user may see, filtered.")
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden));
        reviewed.MapGet("/violations.geojson", GeoJsonAsync).AsJsonApi()
            .WithSummary("Every violation report the user may see, filtered, as a GeoJSON FeatureCollection.")
            .Produces(StatusCodes.Status200OK, contentType: "application/geo+json").ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        var published = app.MapGroup("/map").AllowAnonymous().WithTags("Violations");
        published.MapGet("/clusters.json", PublicClustersAsync).AsJsonApi()
            .WithSummary("Clusters of the verified violation reports published with consent, for a map view (points rounded to 0.01°).")
            .Produces<ViolationClusters>(contentType: "application/json").ProducesValidationProblem();
        published.MapExport("/violations", PublicTable,
            "The public map's points, filtered: date, category, governorate, rounded position, election; no identity.");
        published.MapGet("/violations.geojson", PublicGeoJsonAsync).AsJsonApi()
            .WithSummary("The public map's points, filtered, as a GeoJSON FeatureCollection.")
            .Produces(StatusCodes.Status200OK, contentType: "application/geo+json");
        return app;
    }

    /// <summary>A map view's clusters: each is <c>[latitude, longitude, count]</c>, a few hundred a view.</summary>
    public sealed record ViolationClusters(int Zoom, IReadOnlyList<double[]> Clusters);

    private static async Task<IResult> ClustersAsync([AsParameters] ViolationMapQuery filter, [AsParameters] ViolationClusterView view,
        ViolationService violations, IStringLocalizer<ViolationMapText> text, HttpContext context) =>
        await violations.MapScopeAsync(context.User) is { } scope
            ? await ClustersForAsync(violations, scope, filter, view, text, context)
            : TypedResults.Forbid();

    private static Task<IResult> PublicClustersAsync([AsParameters] ViolationMapQuery filter, [AsParameters] ViolationClusterView view,
        ViolationService violations, IStringLocalizer<ViolationMapText> text, HttpContext context) =>
        ClustersForAsync(violations, ViolationMapScope.Public, filter, view, text, context);

    private static async Task<IResult> ClustersForAsync(ViolationService violations, ViolationMapScope scope, ViolationMapQuery filter,
        ViolationClusterView view, IStringLocalizer<ViolationMapText> text, HttpContext context)
    {
        var (zoom, box, invalid) = view.Parse();
        if (invalid is not null)
        {
            return PortalApi.BadParameter(invalid, text[invalid == "zoom" ? "ApiBadZoom" : "ApiBadBox"]);
        }

        var clusters = await violations.ClustersAsync(scope, filter.Filter, zoom, box, context.RequestAborted);
        context.Response.Headers.CacheControl = scope.IsPublic ? "public, max-age=60" : "private, no-store";
        return TypedResults.Json(new ViolationClusters(zoom, [.. clusters.Select(c => new double[] { c.Latitude, c.Longitude, c.Count })]));
    }

    /// <summary>Iraq's wall-clock time, to the minute, as every export writes it.</summary>
    private static DateTime IraqTime(DateTimeOffset at)
    {
        var local = at.ToOffset(TimeSpan.FromHours(3)).DateTime;
        return local.AddTicks(-(local.Ticks % TimeSpan.TicksPerMinute));
    }

    private static string Date(DateTimeOffset at) => IraqTime(at).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// What the user may see as CSV or XLSX, streamed as it is read. Values are codes in every language; the CSV's
    /// header is the column codes, the XLSX's the column names in the reader's language.
    /// </summary>
    private static async Task<IResult> TableAsync([AsParameters] ViolationMapQuery filter, ViolationService violations, IStringLocalizer<ViolationsText> text, HttpContext context)
    {
        if (await violations.MapScopeAsync(context.User) is not { } scope)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        context.Response.Headers.CacheControl = "private, no-store";
        (string Code, string Name)[] columns = [("reference", "ColReference"), ("state", "ColState"), ("category", "Category"), ("election", "Election"),
            ("occurred_at", "OccurredAt"), ("submitted_at", "ColSubmitted"), ("governorate", "Governorate"), ("district", "District"),
            ("polling_station", "PollingStationCode"), ("latitude", "Latitude"), ("longitude", "Longitude"), ("witnessed", "Witnessed"),
            ("public_consent", "PublicConsent"), ("organisation", "ColOrganisation")];
        var shown = scope.ShowsOrganisation ? columns : columns[..^1];
        var rows = violations.MapRowsAsync(scope, filter.Filter, context.RequestAborted).Select(r =>
        {
            object?[] fields = [r.Reference, r.State.ToString(), r.Category.ToString(), r.ElectionId, IraqTime(r.OccurredAt), IraqTime(r.SubmittedAt),
                r.Governorate, r.District, r.PollingStationCode, Math.Round(r.Latitude, 6), Math.Round(r.Longitude, 6), r.Witnessed, r.PublicConsent];
            return scope.ShowsOrganisation ? [.. fields, r.OrganisationName] : fields;
        });
        return Exports.Table("violations", new ExportTable(Header(context, text, shown), rows));
    }

    /// <summary>The public map's points as CSV or XLSX, streamed: the same anonymised, coarsened rows the page's table shows.</summary>
    private static IResult PublicTable([AsParameters] ViolationMapQuery filter, ViolationService violations, IStringLocalizer<ViolationsText> text, HttpContext context)
    {
        (string Code, string Name)[] columns = [("date", "ColDate"), ("category", "Category"), ("governorate", "Governorate"), ("latitude", "Latitude"),
            ("longitude", "Longitude"), ("election", "Election")];
        // Codes, not names: every value is from a fixed list or a number.
        var rows = violations.PublicPointsAsync(filter.Filter, context.RequestAborted).Select(p => new object?[]
        {
            p.OccurredOn, p.Category.ToString(), p.Governorate, Math.Round(p.Latitude, 2), Math.Round(p.Longitude, 2), p.ElectionId,
        });
        return Exports.Table("violations", new ExportTable(Header(context, text, columns), rows));
    }

    private static string[] Header(HttpContext context, IStringLocalizer text, (string Code, string Name)[] columns) =>
        Exports.IsXlsx(context.Request) ? [.. columns.Select(c => text[c.Name].Value)] : [.. columns.Select(c => c.Code)];

    /// <summary>The same rows as a GeoJSON FeatureCollection, streamed.</summary>
    private static async Task GeoJsonAsync([AsParameters] ViolationMapQuery filter, ViolationService violations, HttpContext context)
    {
        if (await violations.MapScopeAsync(context.User) is not { } scope)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        context.Response.ContentType = "application/geo+json";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"violations.geojson\"";
        context.Response.Headers.CacheControl = "private, no-store";
        await WriteFeaturesAsync(context, violations.MapRowsAsync(scope, filter.Filter, context.RequestAborted),
            r => (r.Longitude, r.Latitude), (json, r) =>
            {
                json.WriteString("reference", r.Reference);
                json.WriteString("state", r.State.ToString());
                json.WriteString("category", r.Category.ToString());
                json.WriteString("election", r.ElectionId);
                json.WriteString("occurredAt", Date(r.OccurredAt));
                json.WriteString("governorate", r.Governorate);
                json.WriteString("district", r.District);
                if (r.PollingStationCode is not null)
                {
                    json.WriteString("pollingStation", r.PollingStationCode);
                }

                json.WriteBoolean("witnessed", r.Witnessed);
                json.WriteBoolean("publicConsent", r.PublicConsent);
                if (r.OrganisationName is not null)
                {
                    json.WriteString("organisation", r.OrganisationName);
                }
            });
    }

    /// <summary>The same public points as a GeoJSON FeatureCollection, streamed.</summary>
    private static Task PublicGeoJsonAsync([AsParameters] ViolationMapQuery filter, ViolationService violations, HttpContext context)
    {
        context.Response.ContentType = "application/geo+json";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"violations.geojson\"";
        return WriteFeaturesAsync(context, violations.PublicPointsAsync(filter.Filter, context.RequestAborted),
            p => (p.Longitude, p.Latitude), (json, p) =>
            {
                json.WriteString("date", p.OccurredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                json.WriteString("category", p.Category.ToString());
                json.WriteString("governorate", p.Governorate);
                json.WriteString("election", p.ElectionId);
            });
    }

    private static async Task WriteFeaturesAsync<T>(HttpContext context, IAsyncEnumerable<T> items, Func<T, (double Lon, double Lat)> position,
        Action<Utf8JsonWriter, T> properties)
    {
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("type", "FeatureCollection");
        json.WriteStartArray("features");
        var count = 0;
        await foreach (var item in items)
        {
            var (lon, lat) = position(item);
            json.WriteStartObject();
            json.WriteString("type", "Feature");
            json.WriteStartObject("geometry");
            json.WriteString("type", "Point");
            json.WriteStartArray("coordinates");
            json.WriteNumberValue(lon);
            json.WriteNumberValue(lat);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartObject("properties");
            properties(json, item);
            json.WriteEndObject();
            json.WriteEndObject();
            // Keeps the writer's buffer small however many features there are.
            if (++count % 500 == 0)
            {
                await json.FlushAsync(context.RequestAborted);
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
