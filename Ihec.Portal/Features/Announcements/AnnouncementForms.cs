using System.ComponentModel.DataAnnotations;
using Ihec.Portal.Shared.Organisations;

namespace Ihec.Portal.Features.Announcements;

// Each validation attribute's ErrorMessage is a key in SharedText or AnnouncementsText.

/// <summary>An announcement as the media unit writes it.</summary>
public sealed class AnnouncementForm
{
    public const int MaxTitle = 200;
    public const int MaxBody = 8000;

    [Required(ErrorMessage = "Required"), MaxLength(MaxTitle, ErrorMessage = "TooLong")]
    public string Title { get; set; } = "";

    [Required(ErrorMessage = "Required"), MaxLength(MaxBody, ErrorMessage = "TooLong")]
    public string Body { get; set; } = "";

    [Required(ErrorMessage = "Required"), RegularExpression("^(ar|ckb|en)$", ErrorMessage = "Invalid")]
    public string Language { get; set; } = "ar";

    public AnnouncementImportance Importance { get; set; }

    public AnnouncementAudience Audience { get; set; }

    [KnownGovernorates(ErrorMessage = "Invalid")]
    public List<string> Governorates { get; set => field = value ?? []; } = [];

    /// <summary>Also e-mail every member of the organisations it reaches, in the member's language.</summary>
    public bool EmailMembers { get; set; }

    [MaxLength(64, ErrorMessage = "TooLong")]
    public string? SubmissionKey { get; set; }
}
