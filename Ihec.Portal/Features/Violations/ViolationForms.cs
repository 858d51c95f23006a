using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Ihec.Portal.Shared.Text;
using Ihec.Portal.Shared.Violations;

namespace Ihec.Portal.Features.Violations;

// Form models. Each validation attribute's ErrorMessage is a key in SharedText or ViolationsText.

/// <summary>A violation as a CSO member reports it.</summary>
public sealed class ViolationForm
{
    /// <summary>The tally engine's id of the election the violation belongs to; checked against the engine's list.</summary>
    [Required(ErrorMessage = "Required"), MaxLength(64, ErrorMessage = "TooLong")]
    public string ElectionId { get; set; } = "";

    [Required(ErrorMessage = "Required")]
    public ViolationCategory? Category { get; set; }

    /// <summary>Local time in Iraq (UTC+3), as a datetime-local field sends it.</summary>
    [Required(ErrorMessage = "Required")]
    public DateTime? OccurredAt { get; set; }

    [Required(ErrorMessage = "Required"), MaxLength(8, ErrorMessage = "TooLong")]
    public string Governorate { get; set; } = "";

    [Required(ErrorMessage = "Required"), MaxLength(100, ErrorMessage = "TooLong")]
    public string District { get; set; } = "";

    [MaxLength(20, ErrorMessage = "TooLong"), RegularExpression("^[0-9A-Za-z-]+$", ErrorMessage = "Invalid")]
    public string? PollingStationCode { get; set; }

    /// <summary>Decimal degrees as typed (Arabic-Indic digits accepted); text so that what was typed survives an error.</summary>
    [Required(ErrorMessage = "Required"), MaxLength(30, ErrorMessage = "TooLong")]
    public string Latitude { get; set; } = "";

    [Required(ErrorMessage = "Required"), MaxLength(30, ErrorMessage = "TooLong")]
    public string Longitude { get; set; } = "";

    [Required(ErrorMessage = "Required"), MaxLength(4000, ErrorMessage = "TooLong")]
    public string Description { get; set; } = "";

    [MaxLength(1000, ErrorMessage = "TooLong")]
    public string? PeopleInvolved { get; set; }

    public bool Witnessed { get; set; }

    public bool PublicConsent { get; set; }

    [MaxLength(64, ErrorMessage = "TooLong")]
    public string? SubmissionKey { get; set; }

    /// <summary>Protected references to evidence uploaded with an earlier post of this form.</summary>
    public List<string> KeptEvidence { get; set => field = value ?? []; } = [];

    /// <summary>The typed coordinates as numbers, or null when either does not parse.</summary>
    public (double Lat, double Lon)? Coordinates() =>
        Coordinate.Parse(Latitude) is { } lat && Coordinate.Parse(Longitude) is { } lon ? (lat, lon) : null;
}

/// <summary>Parses a typed coordinate whatever digits and decimal separator the keyboard produced.</summary>
public static class Coordinate
{
    public static double? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var chars = Digits.ToAscii(text.Trim()).Select(c => c switch
        {
            '\u066B' or ',' => '.',
            '\u2212' => '-',
            _ => c,
        }).ToArray();
        return double.TryParse(new string(chars), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
               && double.IsFinite(value)
            ? value
            : null;
    }
}

/// <summary>A reviewer's change of state; <see cref="Version"/> guards against lost updates.</summary>
public sealed class StateChangeForm
{
    public Guid Version { get; set; }

    [Required(ErrorMessage = "Required")]
    public ViolationState? State { get; set; }

    /// <summary>Why it is dismissed, or what information is needed; shown to the reporting organisation.</summary>
    [MaxLength(2000, ErrorMessage = "TooLong")]
    public string? Reason { get; set; }
}

public sealed class AssignForm
{
    public Guid Version { get; set; }

    /// <summary>A monitoring reviewer's user id; empty to unassign.</summary>
    [MaxLength(450, ErrorMessage = "TooLong")]
    public string? AssignTo { get; set; }
}

public sealed class DuplicateForm
{
    public Guid Version { get; set; }

    /// <summary>The reference (V-000042) of the report this one repeats; empty to unlink.</summary>
    [MaxLength(20, ErrorMessage = "TooLong")]
    public string? DuplicateOf { get; set; }
}

/// <summary>A comment in the thread between reviewers and the reporting organisation.</summary>
public sealed class CommentForm
{
    [Required(ErrorMessage = "Required"), MaxLength(4000, ErrorMessage = "TooLong")]
    public string Text { get; set; } = "";
}

/// <summary>How the review queue is narrowed and ordered.</summary>
public sealed record ViolationQueueFilter(
    ViolationState? State = null,
    string? Governorate = null,
    ViolationCategory? Category = null,
    bool MineOnly = false,
    bool MismatchOnly = false,
    ViolationQueueSort Sort = ViolationQueueSort.Newest,
    string? Assignee = null,
    DateOnly? OccurredFrom = null,
    DateOnly? OccurredTo = null,
    string? Election = null)
{
    /// <summary>The <see cref="Assignee"/> value that asks for reports assigned to nobody.</summary>
    public const string Unassigned = "none";
}

public enum ViolationQueueSort
{
    Newest, Oldest, OccurredNewest, Governorate, OccurredOldest, State,
}
