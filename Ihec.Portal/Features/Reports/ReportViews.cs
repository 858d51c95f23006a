using Ihec.Portal.Shared.Organisations;

namespace Ihec.Portal.Features.Reports;

/// <summary>The organisation a report comes from, as readers see it (never the member who wrote it).</summary>
public sealed record ReportOrganisation(Guid Id, string Reference, string NameAr, string NameCkb, string NameEn)
{
    public string Name(string culture) => LocalisedText.Pick(culture, NameAr, NameCkb, NameEn);
}

public sealed record ReportListItem(CsoReport Report, ReportOrganisation Organisation);

/// <summary>One report for one reader: the text (or only its tombstone), files, errata and the public versions.</summary>
public sealed record ReportView(
    CsoReport Report,
    ReportOrganisation Organisation,
    IReadOnlyList<ReportFile> Files,
    IReadOnlyList<ReportErratum> Errata,
    IReadOnlyList<ReportVersion> Versions,
    bool IsTombstone);

public sealed record ReportFilter(string? Query = null, string? Organisation = null, string? Governorate = null, string? Topic = null,
    string? Election = null, string? Language = null, int Page = 1)
{
    public const int PageSize = 20;
}

public sealed record ReportFacets(
    IReadOnlyList<(ReportOrganisation Value, int Count)> Organisations,
    IReadOnlyList<(string Value, int Count)> Governorates,
    IReadOnlyList<(string Value, int Count)> Topics,
    IReadOnlyList<(string Value, int Count)> Elections,
    IReadOnlyList<(string Value, int Count)> Languages);

public sealed record ReportResults(IReadOnlyList<ReportListItem> Items, int Total, int Page, ReportFacets Facets)
{
    public int Pages => Math.Max(1, (Total + ReportFilter.PageSize - 1) / ReportFilter.PageSize);
}
