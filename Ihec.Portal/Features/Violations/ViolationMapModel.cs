using System.Globalization;
using Ihec.Portal.Shared.Organisations;
using Ihec.Portal.Shared.Violations;

namespace Ihec.Portal.Features.Violations;

/// <summary>
/// The filters of both maps, read from the address (a GET form, so a view can be shared): the page's table, its map data
/// and its exports all apply the same one. Unknown values mean "any", never an error (an election id the portal does not
/// know simply matches no report). The public map ignores <see cref="State"/> (it only ever shows verified reports).
/// <see cref="Election"/> is the tally engine's election id that reports record.
/// </summary>
public sealed record ViolationMapFilter(
    ViolationCategory? Category = null,
    ViolationState? State = null,
    DateOnly? From = null,
    DateOnly? To = null,
    string? Governorate = null,
    string? Election = null)
{
    public static ViolationMapFilter Parse(string? category, string? state, string? from, string? to, string? governorate, string? election = null) => new(
        Enum.TryParse<ViolationCategory>(category, out var c) && Enum.IsDefined(c) ? c : null,
        Enum.TryParse<ViolationState>(state, out var s) && Enum.IsDefined(s) ? s : null,
        ParseDate(from),
        ParseDate(to),
        Governorates.IsKnown(governorate) ? governorate : null,
        election is { Length: > 0 and <= 64 } && !election.Any(char.IsControl) ? election : null);

    public static ViolationMapFilter FromQuery(IQueryCollection query) =>
        Parse(query["category"], query["state"], query["from"], query["to"], query["governorate"], query["election"]);

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>The filter as a query string ("" or starting with ?), for the export links and the map's data address.</summary>
    public string ToQuery(bool includeState = true)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("category", Category?.ToString());
        if (includeState)
        {
            Add("state", State?.ToString());
        }

        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("governorate", Governorate);
        Add("election", Election);
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}

/// <summary>Who asks for map data, and so which reports and how precisely: every report, one organisation's, or the public's.</summary>
public sealed record ViolationMapScope(bool IsPublic, Guid? OrganisationId)
{
    public static readonly ViolationMapScope Public = new(true, null);
    public static readonly ViolationMapScope Everything = new(false, null);

    public static ViolationMapScope Organisation(Guid id) => new(false, id);

    /// <summary>Reviewers see which organisation reported; an organisation only ever sees its own reports, so no column for it.</summary>
    public bool ShowsOrganisation => !IsPublic && OrganisationId is null;
}

/// <summary>A group of reports in one cell of a grid sized for the map's zoom: where they are on average and how many.</summary>
public readonly record struct ViolationCluster(double Latitude, double Longitude, int Count);

/// <summary>A row of the non-public map's table and exports.</summary>
public sealed record ViolationMapRow(Guid Id, string Reference, ViolationState State, ViolationCategory Category, string Governorate, string District,
    string? PollingStationCode, DateTimeOffset OccurredAt, DateTimeOffset SubmittedAt, string? OrganisationName, double Latitude, double Longitude,
    bool Witnessed, bool PublicConsent, string ElectionId = "");

/// <summary>What the page renders: the counts by governorate (the choropleth and its table) and one page of reports.</summary>
public sealed record ViolationMapPage<TRow>(IReadOnlyDictionary<string, int> CountsByGovernorate, IReadOnlyList<TRow> Rows, int Page, int PageSize)
{
    public int Total => CountsByGovernorate.Values.Sum();

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed class ViolationMapOptions
{
    public const string Section = "Violations:Map";

    /// <summary>
    /// A tile URL template such as <c>https://tile.example.org/{z}/{x}/{y}.png</c>; empty (the default) draws the map from the
    /// bundled governorate boundaries alone, so no internet is needed.
    /// </summary>
    public string TileUrl { get; set; } = "";

    /// <summary>The tiles' attribution, shown on the map when <see cref="TileUrl"/> is set.</summary>
    public string TileAttribution { get; set; } = "";

    /// <summary>Reports per page of the table beside the map; exports are never paged.</summary>
    public int PageSize { get; set; } = 100;
}
