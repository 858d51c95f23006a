namespace Ihec.Portal.Features.Library;

public enum DocumentKind
{
    BoardDecision,
    Regulation,
    Procedure,
    Law,
    Instruction,
    Plan,
    AwarenessMaterial,
}

public enum DocumentStatus
{
    InForce,
    Amended,
    Repealed,
}

/// <summary>How one document acts on another: <c>A amends B</c>, <c>A repeals B</c>.</summary>
public enum RelationKind
{
    Amends,
    Repeals,
}

/// <summary>One language's text of a document. Arabic is the authoritative text; the others are translations.</summary>
public sealed record DocumentText(string Language, string Title, string? Summary, string Body);

/// <summary>A library document as it is now. Every saved change also adds a <see cref="LibraryVersion"/>.</summary>
public sealed class LibraryDocument
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public DocumentKind Kind { get; set; }
    public int Year { get; set; }
    public string Number { get; set; } = "";
    public int? SessionNumber { get; set; }
    public DateOnly? SessionDate { get; set; }
    public DateOnly? EffectiveDate { get; set; }
    public DocumentStatus Status { get; set; }
    public string? Election { get; set; }
    public List<string> Topics { get; set; } = [];

    public string TitleAr { get; set; } = "";
    public string? SummaryAr { get; set; }
    public string BodyAr { get; set; } = "";
    public string? TitleCkb { get; set; }
    public string? SummaryCkb { get; set; }
    public string? BodyCkb { get; set; }
    public string? TitleEn { get; set; }
    public string? SummaryEn { get; set; }
    public string? BodyEn { get; set; }

    public bool IsPublished { get; set; }
    public DateTimeOffset? FirstPublishedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int CurrentVersion { get; set; }
    public bool IsDemo { get; set; }

    public List<LibraryVersion> Versions { get; set; } = [];
    public List<LibraryAttachment> Attachments { get; set; } = [];
    public List<LibraryMilestone> Milestones { get; set; } = [];

    /// <summary>The text in <paramref name="language"/>, or null when that translation does not exist.</summary>
    public DocumentText? Text(string language) => language switch
    {
        "ckb" when !string.IsNullOrWhiteSpace(TitleCkb) => new("ckb", TitleCkb!, SummaryCkb, BodyCkb ?? ""),
        "en" when !string.IsNullOrWhiteSpace(TitleEn) => new("en", TitleEn!, SummaryEn, BodyEn ?? ""),
        "ar" => new("ar", TitleAr, SummaryAr, BodyAr),
        _ => null,
    };

    public IEnumerable<DocumentText> Texts() =>
        new[] { "ar", "ckb", "en" }.Select(Text).OfType<DocumentText>();

    public string Title(string language) => Text(language)?.Title ?? TitleAr;
}

/// <summary>
/// A document as it was after one save. Readers see the versions that were public (saved while the document was
/// published, or current when it was published); drafts before the first publication stay with the editors.
/// </summary>
public sealed class LibraryVersion
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid DocumentId { get; set; }
    public int VersionNumber { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public string? ChangeNote { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    public DocumentKind Kind { get; set; }
    public int Year { get; set; }
    public string Number { get; set; } = "";
    public int? SessionNumber { get; set; }
    public DateOnly? SessionDate { get; set; }
    public DateOnly? EffectiveDate { get; set; }
    public DocumentStatus Status { get; set; }
    public string? Election { get; set; }
    public List<string> Topics { get; set; } = [];
    public string TitleAr { get; set; } = "";
    public string? SummaryAr { get; set; }
    public string BodyAr { get; set; } = "";
    public string? TitleCkb { get; set; }
    public string? SummaryCkb { get; set; }
    public string? BodyCkb { get; set; }
    public string? TitleEn { get; set; }
    public string? SummaryEn { get; set; }
    public string? BodyEn { get; set; }

    public static LibraryVersion Snapshot(LibraryDocument d, string createdBy, string? note, DateTimeOffset at) => new()
    {
        DocumentId = d.Id,
        VersionNumber = d.CurrentVersion,
        CreatedAt = at,
        CreatedBy = createdBy,
        ChangeNote = note,
        PublishedAt = d.IsPublished ? at : null,
        Kind = d.Kind,
        Year = d.Year,
        Number = d.Number,
        SessionNumber = d.SessionNumber,
        SessionDate = d.SessionDate,
        EffectiveDate = d.EffectiveDate,
        Status = d.Status,
        Election = d.Election,
        Topics = [.. d.Topics],
        TitleAr = d.TitleAr,
        SummaryAr = d.SummaryAr,
        BodyAr = d.BodyAr,
        TitleCkb = d.TitleCkb,
        SummaryCkb = d.SummaryCkb,
        BodyCkb = d.BodyCkb,
        TitleEn = d.TitleEn,
        SummaryEn = d.SummaryEn,
        BodyEn = d.BodyEn,
    };

    public DocumentText? Text(string language) => language switch
    {
        "ckb" when !string.IsNullOrWhiteSpace(TitleCkb) => new("ckb", TitleCkb!, SummaryCkb, BodyCkb ?? ""),
        "en" when !string.IsNullOrWhiteSpace(TitleEn) => new("en", TitleEn!, SummaryEn, BodyEn ?? ""),
        "ar" => new("ar", TitleAr, SummaryAr, BodyAr),
        _ => null,
    };
}

/// <summary>A PDF or image attached to a document, checked by content and served by an authorising endpoint.</summary>
public sealed class LibraryAttachment
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid DocumentId { get; set; }
    public string FileId { get; set; } = "";
    public Shared.Files.FileKind FileKind { get; set; }
    public long Length { get; set; }
    public string FileName { get; set; } = "";
    /// <summary>The language of the file's content (ar, ckb, en).</summary>
    public string Language { get; set; } = "ar";
    public DateTimeOffset AddedAt { get; set; }
}

/// <summary><see cref="FromDocumentId"/> amends or repeals <see cref="ToDocumentId"/>.</summary>
public sealed class LibraryRelation
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid FromDocumentId { get; set; }
    public Guid ToDocumentId { get; set; }
    public RelationKind Kind { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A dated step of a plan, shown in the electoral calendar.</summary>
public sealed class LibraryMilestone
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid DocumentId { get; set; }
    public DateOnly Date { get; set; }
    public DateOnly? EndDate { get; set; }
    public string TitleAr { get; set; } = "";
    public string? TitleCkb { get; set; }
    public string? TitleEn { get; set; }

    public string Title(string language) => language switch
    {
        "ckb" when !string.IsNullOrWhiteSpace(TitleCkb) => TitleCkb!,
        "en" when !string.IsNullOrWhiteSpace(TitleEn) => TitleEn!,
        _ => TitleAr,
    };

    public string LanguageOf(string language) => language switch
    {
        "ckb" when !string.IsNullOrWhiteSpace(TitleCkb) => "ckb",
        "en" when !string.IsNullOrWhiteSpace(TitleEn) => "en",
        _ => "ar",
    };
}

/// <summary>The fixed vocabularies: URL names of kinds, topic and election codes (their names are resources).</summary>
public static class LibraryCatalog
{
    public static readonly IReadOnlyDictionary<DocumentKind, string> Slugs = new Dictionary<DocumentKind, string>
    {
        [DocumentKind.BoardDecision] = "decisions",
        [DocumentKind.Regulation] = "regulations",
        [DocumentKind.Procedure] = "procedures",
        [DocumentKind.Law] = "laws",
        [DocumentKind.Instruction] = "instructions",
        [DocumentKind.Plan] = "plans",
        [DocumentKind.AwarenessMaterial] = "materials",
    };

    public static readonly IReadOnlyList<string> Topics =
    [
        "voter-registration", "candidates", "campaigning", "observation", "polling", "counting", "results",
        "complaints", "accessibility", "women", "displaced", "security-forces", "media", "voter-education",
    ];

    public static readonly IReadOnlyList<string> Elections = ["cor-2021", "pc-2023", "krp-2024", "cor-2025"];

    public static string Slug(DocumentKind kind) => Slugs[kind];

    public static DocumentKind? KindFromSlug(string? slug) =>
        Slugs.FirstOrDefault(p => string.Equals(p.Value, slug, StringComparison.OrdinalIgnoreCase)) is { Value: not null } pair
            ? pair.Key
            : null;

    public static string Permalink(DocumentKind kind, int year, string number) =>
        $"/library/{Slug(kind)}/{year.ToString(System.Globalization.CultureInfo.InvariantCulture)}/{Uri.EscapeDataString(number)}";

    public static string Permalink(LibraryDocument d) => Permalink(d.Kind, d.Year, d.Number);

    /// <summary>Document numbers appear in addresses: digits, Latin letters and hyphens only.</summary>
    public static bool IsValidNumber(string? number) =>
        !string.IsNullOrEmpty(number) && number.Length <= 20 && number.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
