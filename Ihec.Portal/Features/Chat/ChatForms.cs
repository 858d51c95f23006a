using System.ComponentModel.DataAnnotations;

namespace Ihec.Portal.Features.Chat;

// Form models. Each validation attribute's ErrorMessage is a key in SharedText.

/// <summary>A CSO member's new conversation with the media unit.</summary>
public sealed class StartConversationForm
{
    [Required(ErrorMessage = "Required"), MaxLength(ChatOptions.MaxTopicLength, ErrorMessage = "TooLong")]
    public string? Topic { get; set; }

    [Required(ErrorMessage = "Required"), RegularExpression("^(ar|ckb|en)$", ErrorMessage = "Invalid")]
    public string? Language { get; set; }
}
