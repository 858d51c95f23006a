using Ihec.Portal.Shared.Violations;

namespace Ihec.Portal.Features.Violations;

public sealed record SubmittedViolation(Guid Id, string Reference);

/// <summary>A row of the organisation's own list.</summary>
public sealed record MyViolationRow(Guid Id, string Reference, ViolationCategory Category, string Governorate, DateTimeOffset OccurredAt,
    DateTimeOffset SubmittedAt, string ReporterName, ViolationState State)
{
    /// <summary>IHEC changed the report (its state or a comment) since this member last opened it.</summary>
    public bool Updated { get; init; }
}

/// <summary>A row of the reviewers' queue.</summary>
public sealed record ViolationQueueRow(Guid Id, string Reference, ViolationCategory Category, string Governorate, string District,
    DateTimeOffset OccurredAt, DateTimeOffset SubmittedAt, string OrganisationName, ViolationState State, string? AssignedToName,
    bool GovernorateMismatch, int EvidenceCount, bool IsDuplicate, string ElectionId = "");

public sealed record ReviewerView(string UserId, string Name);

/// <summary>A report as its organisation or a reviewer sees it; <see cref="Reviewers"/> and <see cref="History"/> are for reviewers only.</summary>
public sealed record ViolationView(
    ViolationReport Report,
    string OrganisationName,
    string? DuplicateOfReference,
    IReadOnlyList<string> DuplicateReferences,
    IReadOnlyList<ViolationComment> Comments,
    IReadOnlyList<ViolationEvent> History,
    IReadOnlyList<ReviewerView> Reviewers);

/// <summary>What the public map shows: verified reports whose organisation consented, without identity, on a ~1 km grid.</summary>
public sealed record PublicViolationPoint(ViolationCategory Category, string Governorate, DateOnly OccurredOn, double Latitude, double Longitude,
    string ElectionId = "");

public sealed class ViolationOptions
{
    public const string Section = "Violations";

    /// <summary>The largest photo or PDF.</summary>
    public long MaxEvidenceBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The largest video: about a minute or two recorded on a phone.</summary>
    public long MaxVideoBytes { get; set; } = 50 * 1024 * 1024;

    /// <summary>The largest audio recording.</summary>
    public long MaxAudioBytes { get; set; } = 20 * 1024 * 1024;

    public int MaxEvidenceFiles { get; set; } = 5;

    /// <summary>How long evidence uploaded with a form that came back with errors is kept for it.</summary>
    public TimeSpan KeptEvidenceLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How far back a report may date the violation.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(365);
}

/// <summary>The request limits of the pages that take evidence: several large files in one post.</summary>
public static class ViolationUploadLimits
{
    /// <summary>The largest form post with evidence (Kestrel's default of 30 MB would refuse a single video).</summary>
    public const long MaxRequestBytes = 200L * 1024 * 1024;
}

public static class ViolationAuditActions
{
    public const string ReportEntity = "ViolationReport";
    public const string Reported = "violation.reported";
    public const string StateChanged = "violation.state";
    public const string Assigned = "violation.assigned";
    public const string Commented = "violation.comment";
    public const string Duplicate = "violation.duplicate";
}

/// <summary>The evidence field's hint, with the limits in force.</summary>
public static class EvidenceHint
{
    public static string Format(Microsoft.Extensions.Localization.IStringLocalizer text, ViolationOptions options)
    {
        static string Megabytes(long bytes) => Infrastructure.Localisation.DisplayFormat.Number(bytes / (1024 * 1024));
        return Infrastructure.Localisation.Plural.Count(text, "EvidenceHint", options.MaxEvidenceFiles,
            Megabytes(options.MaxEvidenceBytes), Megabytes(options.MaxVideoBytes), Megabytes(options.MaxAudioBytes));
    }
}
