namespace Ihec.Portal.Features.Chat;

/// <summary>A prepared answer the media unit inserts into a reply, kept in the portal's three languages.</summary>
public sealed class CannedResponse
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>A short title agents find it by.</summary>
    public string Title { get; set; } = "";
    public string TextAr { get; set; } = "";
    public string TextCkb { get; set; } = "";
    public string TextEn { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedByName { get; set; } = "";

    public string TextIn(string language) => language switch
    {
        "en" => TextEn,
        "ckb" => TextCkb,
        _ => TextAr,
    };
}

/// <summary>An organisation member's rating of a resolved conversation: one per conversation.</summary>
public sealed class ChatRating
{
    public Guid ConversationId { get; set; }
    /// <summary>1 (poor) to 5 (excellent).</summary>
    public int Score { get; set; }
    public string? Comment { get; set; }
    public string UserId { get; set; } = "";
    public string UserName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
