using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace Ihec.Portal.Features.Violations;

/// <summary>
/// The maps' filter as the data and export endpoints bind it from the query string (and the OpenAPI document describes it):
/// the same parameters as the map pages' GET form. Unknown values mean "any" (<see cref="ViolationMapFilter.Parse"/>).
/// </summary>
public readonly record struct ViolationMapQuery(
    [property: FromQuery(Name = "category"), Description("A violation category (e.g. VoteBuying); anything else means every category.")] string? Category,
    [property: FromQuery(Name = "state"), Description("A review state (ignored by the public map, which shows verified reports only).")] string? State,
    [property: FromQuery(Name = "from"), Description("The first day of the violation, yyyy-MM-dd (Iraq time).")] string? From,
    [property: FromQuery(Name = "to"), Description("The last day of the violation, yyyy-MM-dd (Iraq time).")] string? To,
    [property: FromQuery(Name = "governorate"), Description("A governorate code (e.g. IQ-BG).")] string? Governorate,
    [property: FromQuery(Name = "election"), Description("The tally engine's election id (e.g. cor-2025).")] string? Election)
{
    public ViolationMapFilter Filter => ViolationMapFilter.Parse(Category, State, From, To, Governorate, Election);
}

/// <summary>
/// The view the map asks clusters for. Absent, the map's default zoom and all of Iraq; present and not valid, the request is
/// refused naming the parameter (never silently replaced by the default).
/// </summary>
public readonly record struct ViolationClusterView(
    [property: FromQuery(Name = "zoom"), Description("The map's zoom level, a whole number from 0 to 20; 6 when absent.")] string? Zoom,
    [property: FromQuery(Name = "bbox"), Description("The view as west,south,east,north in degrees (longitudes -180 to 180, latitudes -90 to 90); all of Iraq when absent.")] string? Bbox)
{
    public const int DefaultZoom = 6;
    public const int MaxZoom = 20;

    /// <summary>The zoom and box asked for, or the name of the first parameter that is not valid.</summary>
    public (int Zoom, (double West, double South, double East, double North)? Box, string? Invalid) Parse()
    {
        var zoom = DefaultZoom;
        if (Zoom is not null && (!int.TryParse(Zoom, NumberStyles.None, CultureInfo.InvariantCulture, out zoom) || zoom > MaxZoom))
        {
            return (0, null, "zoom");
        }

        if (Bbox is null)
        {
            return (zoom, null, null);
        }

        var parts = Bbox.Split(',');
        var values = new double[4];
        var valid = parts.Length == 4 && Enumerable.Range(0, 4).All(i =>
            double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) && double.IsFinite(values[i]));
        var (west, south, east, north) = (values[0], values[1], values[2], values[3]);
        return valid && west is >= -180 and <= 180 && east is >= -180 and <= 180 && south is >= -90 and <= 90 && north is >= -90 and <= 90
                     && west <= east && south <= north
            ? (zoom, (west, south, east, north), null)
            : (0, null, "bbox");
    }
}
