using System.ComponentModel.DataAnnotations;

namespace Ihec.Portal.Features.Chat;

// Form models of the media unit's tools and the rating. Each validation attribute's ErrorMessage is a key in SharedText.

/// <summary>A canned response as the management page edits it.</summary>
public sealed class CannedResponseForm
{
    public const int MaxTitleLength = 100;
    public const int MaxTextLength = ChatOptions.StoredTextLength;

    [Required(ErrorMessage = "Required"), MaxLength(MaxTitleLength, ErrorMessage = "TooLong")]
    public string? Title { get; set; }

    [Required(ErrorMessage = "Required"), MaxLength(MaxTextLength, ErrorMessage = "TooLong")]
    public string? TextAr { get; set; }

    [Required(ErrorMessage = "Required"), MaxLength(MaxTextLength, ErrorMessage = "TooLong")]
    public string? TextCkb { get; set; }

    [Required(ErrorMessage = "Required"), MaxLength(MaxTextLength, ErrorMessage = "TooLong")]
    public string? TextEn { get; set; }
}

/// <summary>A member's rating of a resolved conversation.</summary>
public sealed class RatingForm
{
    public const int MaxCommentLength = 2000;

    [Required(ErrorMessage = "Required"), Range(1, 5, ErrorMessage = "Invalid")]
    public int? Score { get; set; }

    [MaxLength(MaxCommentLength, ErrorMessage = "TooLong")]
    public string? Comment { get; set; }
}
