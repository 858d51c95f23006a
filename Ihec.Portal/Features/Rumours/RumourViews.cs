namespace Ihec.Portal.Features.Rumours;

/// <summary>What the reporter is told after filing: the case reference, and the public answer if there already is one.</summary>
public sealed record SubmittedReport(Guid ReportId, string CaseReference, string? FactCheckSlug);

/// <summary>One of the organisation's reports, as its members see it: never another organisation's.</summary>
public sealed record MyReportRow(
    Guid ReportId, DateTimeOffset ReportedAt, string ClaimText, string ReporterName, string CaseReference, RumourStatus Status,
    RumourVerdict? Verdict, string? FactCheckSlug, int ScreenshotCount);

public sealed record QueueFilter(
    RumourStatus? Status = null, bool IncludeClosed = false, RumourPriorityLevel? Level = null, RumourPlatform? Platform = null,
    string? Governorate = null, RumourTarget? Target = null, bool MineOnly = false, bool UnassignedOnly = false, bool OverdueOnly = false,
    string? Search = null);

public sealed record QueueRow(
    Guid Id, string Reference, string Summary, string Language, RumourStatus Status, RumourPriority Priority, DateTimeOffset FirstReportAt,
    DateTimeOffset LastReportAt, DateTimeOffset DueAt, bool Overdue, int ReportCount, int OrganisationCount, string? AssignedToName,
    IReadOnlyList<RumourPlatform> Platforms, bool HasSuggestion);

public sealed record QueueView(IReadOnlyList<QueueRow> Rows, IReadOnlyDictionary<RumourStatus, int> StatusCounts, int OverdueCount);

public sealed record ScreenshotView(Guid Id, string FileName);

public sealed record CaseReportView(
    Guid Id, string OrganisationName, string ReporterName, DateTimeOffset ReportedAt, string ClaimText, string Language,
    IReadOnlyList<RumourPlatform> Platforms, IReadOnlyList<string> Links, DateOnly? FirstSeen, ReachBand Reach,
    IReadOnlyList<string> Governorates, IReadOnlyList<RumourTarget> Targets, SuspectedKind SuspectedKind, string? Details,
    MatchOutcome Match, double? Similarity, IReadOnlyList<ScreenshotView> Screenshots);

public sealed record SuggestionView(Guid CaseId, string Reference, string Summary, double Similarity, RumourStatus Status, int ReportCount);

public sealed record AnalystView(string UserId, string Name);

public sealed record CaseView(
    RumourCase Case, RumourPriority Priority, DateTimeOffset DueAt, bool Overdue, IReadOnlyList<CaseReportView> Reports,
    IReadOnlyList<RumourNote> Notes, IReadOnlyList<RumourEvent> Events, IReadOnlyList<SuggestionView> Suggestions,
    IReadOnlyList<AnalystView> Analysts, FactCheck? FactCheck);

public sealed record CountRow(string Key, int Count);

public sealed record DashboardView(
    int Days, IReadOnlyList<(DateOnly Day, int Count)> ByDay, IReadOnlyList<CountRow> ByPlatform, IReadOnlyList<CountRow> ByTarget,
    IReadOnlyList<CountRow> ByGovernorate, IReadOnlyDictionary<RumourStatus, int> OpenByStatus, int Reports, int Cases, int Overdue);

public sealed record FactCheckListView(IReadOnlyList<FactCheck> Items, int Page, int PageCount, int Total);
