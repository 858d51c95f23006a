using System.ComponentModel.DataAnnotations;

namespace Ihec.Portal.Features.Library;

/// <summary>The editor's form for a document. Error messages are SharedText keys (see PortalValidator).</summary>
public sealed class DocumentInput : IValidatableObject
{
    [Required(ErrorMessage = "Required")]
    public DocumentKind? Kind { get; set; }

    [Required(ErrorMessage = "Required"), Range(1950, 2100, ErrorMessage = "Invalid")]
    public int? Year { get; set; }

    [Required(ErrorMessage = "Required"), MaxLength(20, ErrorMessage = "TooLong"), RegularExpression("^[A-Za-z0-9-]+$", ErrorMessage = "Invalid")]
    public string? Number { get; set; }

    [Range(1, 100000, ErrorMessage = "Invalid")]
    public int? SessionNumber { get; set; }

    public DateOnly? SessionDate { get; set; }
    public DateOnly? EffectiveDate { get; set; }
    public DocumentStatus Status { get; set; } = DocumentStatus.InForce;
    public string? Election { get; set; }
    public List<string> Topics { get; set; } = [];

    [Required(ErrorMessage = "Required"), MaxLength(500, ErrorMessage = "TooLong")]
    public string? TitleAr { get; set; }

    [MaxLength(2000, ErrorMessage = "TooLong")]
    public string? SummaryAr { get; set; }

    [Required(ErrorMessage = "Required"), MaxLength(200000, ErrorMessage = "TooLong")]
    public string? BodyAr { get; set; }

    [MaxLength(500, ErrorMessage = "TooLong")]
    public string? TitleCkb { get; set; }

    [MaxLength(2000, ErrorMessage = "TooLong")]
    public string? SummaryCkb { get; set; }

    [MaxLength(200000, ErrorMessage = "TooLong")]
    public string? BodyCkb { get; set; }

    [MaxLength(500, ErrorMessage = "TooLong")]
    public string? TitleEn { get; set; }

    [MaxLength(2000, ErrorMessage = "TooLong")]
    public string? SummaryEn { get; set; }

    [MaxLength(200000, ErrorMessage = "TooLong")]
    public string? BodyEn { get; set; }

    [MaxLength(1000, ErrorMessage = "TooLong")]
    public string? ChangeNote { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A translation is a title and a body; one without the other is a mistake.
        if (string.IsNullOrWhiteSpace(TitleCkb) != string.IsNullOrWhiteSpace(BodyCkb))
        {
            yield return new ValidationResult("Required", [string.IsNullOrWhiteSpace(TitleCkb) ? nameof(TitleCkb) : nameof(BodyCkb)]);
        }

        if (string.IsNullOrWhiteSpace(TitleEn) != string.IsNullOrWhiteSpace(BodyEn))
        {
            yield return new ValidationResult("Required", [string.IsNullOrWhiteSpace(TitleEn) ? nameof(TitleEn) : nameof(BodyEn)]);
        }

        if (Election is not null && Election.Length > 0 && !LibraryCatalog.Elections.Contains(Election))
        {
            yield return new ValidationResult("Invalid", [nameof(Election)]);
        }

        if (Topics.Any(t => !LibraryCatalog.Topics.Contains(t)))
        {
            yield return new ValidationResult("Invalid", [nameof(Topics)]);
        }
    }

    public static DocumentInput From(LibraryDocument d) => new()
    {
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

    internal void ApplyTo(LibraryDocument d)
    {
        d.Kind = Kind!.Value;
        d.Year = Year!.Value;
        d.Number = Number!.Trim();
        // Session number and date belong to Board decisions only.
        d.SessionNumber = Kind == DocumentKind.BoardDecision ? SessionNumber : null;
        d.SessionDate = Kind == DocumentKind.BoardDecision ? SessionDate : null;
        d.EffectiveDate = EffectiveDate;
        d.Status = Status;
        d.Election = string.IsNullOrWhiteSpace(Election) ? null : Election;
        d.Topics = [.. Topics.Distinct().Order(StringComparer.Ordinal)];
        d.TitleAr = TitleAr!.Trim();
        d.SummaryAr = Clean(SummaryAr);
        d.BodyAr = BodyAr!.Trim();
        d.TitleCkb = Clean(TitleCkb);
        d.SummaryCkb = Clean(SummaryCkb);
        d.BodyCkb = Clean(BodyCkb);
        d.TitleEn = Clean(TitleEn);
        d.SummaryEn = Clean(SummaryEn);
        d.BodyEn = Clean(BodyEn);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
