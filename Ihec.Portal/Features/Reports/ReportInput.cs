using System.ComponentModel.DataAnnotations;
using Ihec.Portal.Shared.Organisations;

namespace Ihec.Portal.Features.Reports;

/// <summary>The writer's form. Error messages are SharedText keys (see PortalValidator). A draft needs only a title.</summary>
public sealed class ReportInput : IValidatableObject
{
    [Required(ErrorMessage = "Required"), MaxLength(300, ErrorMessage = "TooLong")]
    public string? Title { get; set; }

    [MaxLength(2000, ErrorMessage = "TooLong")]
    public string? Summary { get; set; }

    [MaxLength(200000, ErrorMessage = "TooLong")]
    public string? Body { get; set; }

    [Required(ErrorMessage = "Required")]
    public string? Language { get; set; }

    public List<string> Topics { get; set; } = [];
    public List<string> Governorates { get; set; } = [];
    public string? Election { get; set; }
    public DateOnly? PeriodFrom { get; set; }
    public DateOnly? PeriodTo { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!ReportCatalog.Languages.Contains(Language ?? ""))
        {
            yield return new ValidationResult("Invalid", [nameof(Language)]);
        }

        if (!string.IsNullOrEmpty(Election) && !ReportCatalog.Elections.Contains(Election))
        {
            yield return new ValidationResult("Invalid", [nameof(Election)]);
        }

        if (Topics.Any(t => !ReportCatalog.Topics.Contains(t)))
        {
            yield return new ValidationResult("Invalid", [nameof(Topics)]);
        }

        if (Governorates.Any(g => !Shared.Organisations.Governorates.IsKnown(g)))
        {
            yield return new ValidationResult("Invalid", [nameof(Governorates)]);
        }

        if (PeriodFrom is { } from && PeriodTo is { } to && to < from)
        {
            yield return new ValidationResult("Invalid", [nameof(PeriodTo)]);
        }
    }

    public static ReportInput From(CsoReport r) => new()
    {
        Title = r.Title,
        Summary = r.Summary,
        Body = r.Body,
        Language = r.Language,
        Topics = [.. r.Topics],
        Governorates = [.. r.Governorates],
        Election = r.Election,
        PeriodFrom = r.PeriodFrom,
        PeriodTo = r.PeriodTo,
    };

    internal void ApplyTo(CsoReport r)
    {
        r.Title = Title!.Trim();
        r.Summary = string.IsNullOrWhiteSpace(Summary) ? null : Summary.Trim();
        r.Body = Body?.Trim() ?? "";
        r.Language = Language!;
        r.Topics = [.. Topics.Distinct().Order(StringComparer.Ordinal)];
        r.Governorates = [.. Governorates.Distinct().Order(StringComparer.Ordinal)];
        r.Election = string.IsNullOrWhiteSpace(Election) ? null : Election;
        r.PeriodFrom = PeriodFrom;
        r.PeriodTo = PeriodTo;
    }
}

/// <summary>A reason (withdrawal, declined listing) or an erratum's text.</summary>
public sealed class ReasonInput
{
    [Required(ErrorMessage = "Required"), MaxLength(2000, ErrorMessage = "TooLong")]
    public string? Text { get; set; }
}

/// <summary>A correction of a published report: the dated erratum and, optionally, the corrected body.</summary>
public sealed class CorrectionInput
{
    [Required(ErrorMessage = "Required"), MaxLength(2000, ErrorMessage = "TooLong")]
    public string? Erratum { get; set; }

    [Required(ErrorMessage = "Required"), MaxLength(200000, ErrorMessage = "TooLong")]
    public string? Body { get; set; }
}
