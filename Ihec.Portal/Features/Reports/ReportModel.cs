namespace Ihec.Portal.Features.Reports;

/// <summary>Where a report is in its life: written by a member, published by the organisation's administrator, perhaps withdrawn.</summary>
public enum ReportState
{
    Draft,
    Published,
    Withdrawn,
}

/// <summary>Whether a published report is also listed for the public: asked by the organisation, decided by an IHEC editor.</summary>
public enum PublicListing
{
    None,
    Requested,
    Endorsed,
    Declined,
}

/// <summary>
/// A CSO's report. Drafts are the organisation's own; a published report is read by every accredited CSO; an endorsed
/// one by everybody. After publication the text changes only through dated errata, each of which keeps a version.
/// </summary>
public sealed class CsoReport
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganisationId { get; set; }

    /// <summary>The report's address (<c>/reports/{slug}</c>), fixed when the report is created.</summary>
    public string Slug { get; set; } = "";

    public string Title { get; set; } = "";
    public string? Summary { get; set; }
    public string Body { get; set; } = "";
    public string Language { get; set; } = "ar";
    public List<string> Topics { get; set; } = [];
    public List<string> Governorates { get; set; } = [];
    public string? Election { get; set; }
    public DateOnly? PeriodFrom { get; set; }
    public DateOnly? PeriodTo { get; set; }

    public ReportState State { get; set; }
    public PublicListing Listing { get; set; }
    /// <summary>The IHEC editor's reason when public listing was declined.</summary>
    public string? DeclineReason { get; set; }
    public string? WithdrawalReason { get; set; }

    public string AuthorUserId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? ListingRequestedAt { get; set; }
    public DateTimeOffset? EndorsedAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }

    /// <summary>0 while a draft; 1 at publication, one more for each erratum.</summary>
    public int CurrentVersion { get; set; }
    public bool IsDemo { get; set; }

    public List<ReportFile> Files { get; set; } = [];
    public List<ReportVersion> Versions { get; set; } = [];
    public List<ReportErratum> Errata { get; set; } = [];

    public bool IsPublic => State == ReportState.Published && Listing == PublicListing.Endorsed;
}

/// <summary>The text of a published report as it was at publication or after an erratum; earlier versions stay readable.</summary>
public sealed class ReportVersion
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ReportId { get; set; }
    public int VersionNumber { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string Title { get; set; } = "";
    public string? Summary { get; set; }
    public string Body { get; set; } = "";

    /// <summary>
    /// The files this version had: those attached by the time it was made. Files are attached to a draft and with a
    /// correction (never removed after publication), so each version keeps its own list.
    /// </summary>
    public IReadOnlyList<ReportFile> FilesOf(IEnumerable<ReportFile> files) => [.. files.Where(f => f.AddedAt <= CreatedAt)];

    public static ReportVersion Snapshot(CsoReport report, DateTimeOffset at) => new()
    {
        ReportId = report.Id,
        VersionNumber = report.CurrentVersion,
        CreatedAt = at,
        Title = report.Title,
        Summary = report.Summary,
        Body = report.Body,
    };
}

/// <summary>A dated correction appended to a published report.</summary>
public sealed class ReportErratum
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ReportId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string Text { get; set; } = "";
    /// <summary>The version the correction produced.</summary>
    public int VersionNumber { get; set; }
}

/// <summary>A PDF attachment or an image shown in the body, checked by content and served by an authorising endpoint.</summary>
public sealed class ReportFile
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ReportId { get; set; }
    public string FileId { get; set; } = "";
    public Shared.Files.FileKind FileKind { get; set; }
    public long Length { get; set; }
    public string FileName { get; set; } = "";
    public DateTimeOffset AddedAt { get; set; }

    public bool IsImage => FileKind != Shared.Files.FileKind.Pdf;

    public string Url => $"/reports/files/{Id:D}";
}

/// <summary>Who reads: the public, a member of one accredited organisation, or an IHEC editor.</summary>
public sealed record ReportReader(Guid? OrganisationId, bool IsEditor, bool IsCsoAdmin)
{
    public static readonly ReportReader Public = new(null, false, false);

    public bool IsCso => OrganisationId is not null;
}

/// <summary>The rules of who sees and does what. Pure: pages and services both ask here.</summary>
public static class ReportRules
{
    /// <summary>The full report (text, files) is readable by this reader.</summary>
    public static bool CanRead(ReportReader reader, CsoReport r) =>
        (reader.OrganisationId is { } org && r.OrganisationId == org && r.State != ReportState.Withdrawn)
        || r.IsPublic
        || (r.State == ReportState.Published && (reader.IsCso || reader.IsEditor));

    /// <summary>A withdrawn report leaves a tombstone for those who could read it while it was published.</summary>
    public static bool CanSeeTombstone(ReportReader reader, CsoReport r) =>
        r.State == ReportState.Withdrawn
        && (r.EndorsedAt is not null || reader.IsCso || reader.IsEditor);

    public static bool CanEdit(ReportReader reader, CsoReport r) =>
        reader.OrganisationId == r.OrganisationId && r.State == ReportState.Draft;

    public static bool CanPublish(ReportReader reader, CsoReport r) =>
        reader.IsCsoAdmin && reader.OrganisationId == r.OrganisationId && r.State == ReportState.Draft;

    public static bool CanRequestListing(ReportReader reader, CsoReport r) =>
        reader.IsCsoAdmin && reader.OrganisationId == r.OrganisationId && r.State == ReportState.Published
        && r.Listing is PublicListing.None or PublicListing.Declined;

    public static bool CanDecideListing(ReportReader reader, CsoReport r) =>
        reader.IsEditor && r.State == ReportState.Published && r.Listing == PublicListing.Requested;

    public static bool CanWithdraw(ReportReader reader, CsoReport r) =>
        reader.IsCsoAdmin && reader.OrganisationId == r.OrganisationId && r.State == ReportState.Published;

    public static bool CanCorrect(ReportReader reader, CsoReport r) => CanWithdraw(reader, r);
}

/// <summary>The fixed vocabularies reports share with the library (topics, elections) and the languages a report is written in.</summary>
public static class ReportCatalog
{
    public static IReadOnlyList<string> Topics => Library.LibraryCatalog.Topics;
    public static IReadOnlyList<string> Elections => Library.LibraryCatalog.Elections;
    public static readonly IReadOnlyList<string> Languages = ["ar", "ckb", "en"];

    /// <summary>A new report's address: short, unguessable, the same in every language.</summary>
    public static string NewSlug()
    {
        Span<byte> bytes = stackalloc byte[6];
        System.Security.Cryptography.RandomNumberGenerator.Fill(bytes);
        return "r-" + Convert.ToHexStringLower(bytes);
    }

    public static bool IsSlug(string? slug) => slug is { Length: 14 } && slug.StartsWith("r-", StringComparison.Ordinal) && slug[2..].All(char.IsAsciiHexDigitLower);
}
