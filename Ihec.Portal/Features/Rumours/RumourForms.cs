using System.ComponentModel.DataAnnotations;
using Ihec.Portal.Shared.Organisations;

namespace Ihec.Portal.Features.Rumours;

// Form models. Each validation attribute's ErrorMessage is a key in SharedText or RumoursText.

/// <summary>A rumour as a CSO member reports it.</summary>
public sealed class ReportForm
{
    public const int MaxLinks = 10;

    [Required(ErrorMessage = "Required"), MaxLength(2000, ErrorMessage = "TooLong")]
    public string ClaimText { get; set; } = "";

    [MinLength(1, ErrorMessage = "SelectAtLeastOne"), DefinedValues(ErrorMessage = "Invalid")]
    public List<RumourPlatform> Platforms { get; set => field = value ?? []; } = [];

    /// <summary>One address per line; each must be an http(s) link. The server never opens them.</summary>
    [MaxLength(4000, ErrorMessage = "TooLong")]
    public string? Links { get; set; }

    public DateOnly? FirstSeen { get; set; }

    [DefinedValues(ErrorMessage = "Invalid")]
    public ReachBand Reach { get; set; }

    [Required(ErrorMessage = "Required"), RegularExpression("^(ar|ckb|en|other)$", ErrorMessage = "Invalid")]
    public string Language { get; set; } = "ar";

    [KnownGovernorates(ErrorMessage = "Invalid")]
    public List<string> Governorates { get; set => field = value ?? []; } = [];

    [MinLength(1, ErrorMessage = "SelectAtLeastOne"), DefinedValues(ErrorMessage = "Invalid")]
    public List<RumourTarget> Targets { get; set => field = value ?? []; } = [];

    [DefinedValues(ErrorMessage = "Invalid")]
    public SuspectedKind SuspectedKind { get; set; } = SuspectedKind.NotSure;

    [MaxLength(2000, ErrorMessage = "TooLong")]
    public string? Details { get; set; }

    [MaxLength(64, ErrorMessage = "TooLong")]
    public string? SubmissionKey { get; set; }

    /// <summary>Protected references to screenshots uploaded with an earlier post of this form.</summary>
    public List<string> KeptScreenshots { get; set => field = value ?? []; } = [];

    /// <summary>The links, one per line, trimmed, without blank lines.</summary>
    public IReadOnlyList<string> LinkList() =>
        (Links ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A change of state, assignment, summary or note on a case; <see cref="Version"/> guards against lost updates.</summary>
public sealed class CaseActionForm
{
    public Guid Version { get; set; }

    [DefinedValues(ErrorMessage = "Invalid")]
    public RumourStatus? Status { get; set; }

    [MaxLength(450, ErrorMessage = "TooLong")]
    public string? AssignTo { get; set; }

    [MaxLength(4000, ErrorMessage = "TooLong")]
    public string? Note { get; set; }

    [MaxLength(2000, ErrorMessage = "TooLong")]
    public string? Summary { get; set; }

    /// <summary>For a merge: the reference (R-000042) of the case to merge into this one.</summary>
    [MaxLength(20, ErrorMessage = "TooLong")]
    public string? MergeReference { get; set; }

    /// <summary>For a split: the report to move out into a case of its own.</summary>
    public Guid? SplitReport { get; set; }
}

/// <summary>IHEC's public answer: the verdict, its reason, and the claim and response in three languages.</summary>
public sealed class ResponseForm
{
    public Guid Version { get; set; }

    [Required(ErrorMessage = "Required"), DefinedValues(ErrorMessage = "Invalid")]
    public RumourVerdict? Verdict { get; set; }

    [Required(ErrorMessage = "Required"), MaxLength(2000, ErrorMessage = "TooLong")]
    public string VerdictReason { get; set; } = "";

    [Required(ErrorMessage = "Required"), MaxLength(1000, ErrorMessage = "TooLong")]
    public string ClaimAr { get; set; } = "";

    [MaxLength(1000, ErrorMessage = "TooLong")]
    public string? ClaimCkb { get; set; }

    [MaxLength(1000, ErrorMessage = "TooLong")]
    public string? ClaimEn { get; set; }

    [Required(ErrorMessage = "Required"), MaxLength(8000, ErrorMessage = "TooLong")]
    public string ResponseAr { get; set; } = "";

    [MaxLength(8000, ErrorMessage = "TooLong")]
    public string? ResponseCkb { get; set; }

    [MaxLength(8000, ErrorMessage = "TooLong")]
    public string? ResponseEn { get; set; }
}
