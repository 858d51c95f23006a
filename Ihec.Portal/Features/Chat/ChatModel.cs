namespace Ihec.Portal.Features.Chat;

/// <summary>Where a conversation is in the media unit's queue.</summary>
public enum ConversationState
{
    /// <summary>Waiting for, or being answered by, the media unit.</summary>
    Open,
    /// <summary>The media unit is waiting for the organisation (or for information from elsewhere in IHEC).</summary>
    Pending,
    Resolved,
}

public enum ChatMessageKind
{
    /// <summary>Seen by everyone in the conversation.</summary>
    Message,
    /// <summary>Seen by the media unit only; never sent to the organisation.</summary>
    PrivateNote,
}

/// <summary>One conversation between an organisation's members and IHEC's media unit.</summary>
public sealed class Conversation
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganisationId { get; set; }
    public string Topic { get; set; } = "";
    /// <summary>The language the organisation chose to be answered in (ar, ckb or en).</summary>
    public string Language { get; set; } = "ar";
    public ConversationState State { get; set; }
    public string StartedByUserId { get; set; } = "";
    public string StartedByName { get; set; } = "";
    public string? AssignedToUserId { get; set; }
    public string? AssignedToName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>
    /// The sequence number of the newest stored message. A concurrency token: two messages stored at once cannot
    /// both take the next number; the loser retries.
    /// </summary>
    public long LastSequence { get; set; }

    public List<ChatMessage> Messages { get; set; } = [];
}

/// <summary>A message or private note, stored before anyone is told about it.</summary>
public sealed class ChatMessage
{
    /// <summary>Time-ordered (UUID version 7), so new rows go at the end of the primary key instead of anywhere in it.</summary>
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ConversationId { get; set; }
    /// <summary>Assigned by the server when stored: 1, 2, 3… per conversation (private notes take numbers too).</summary>
    public long Sequence { get; set; }
    /// <summary>The sender's own id for the message, so a resent message is stored once.</summary>
    public string ClientMessageId { get; set; } = "";
    public string AuthorUserId { get; set; } = "";
    public string AuthorName { get; set; } = "";
    /// <summary>Written by IHEC's media unit (not by the organisation).</summary>
    public bool FromIhec { get; set; }
    public ChatMessageKind Kind { get; set; }
    public string Text { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The stored file sent with the message (an image or a PDF, checked by content), or null.</summary>
    public string? AttachmentFileId { get; set; }
    public Ihec.Portal.Shared.Files.FileKind? AttachmentKind { get; set; }
    /// <summary>The sender's file name, sanitised.</summary>
    public string? AttachmentName { get; set; }
    public long? AttachmentLength { get; set; }
}

/// <summary>How far one participant has received and read a conversation.</summary>
public sealed class ChatReadMarker
{
    public Guid ConversationId { get; set; }
    public string UserId { get; set; } = "";
    public long DeliveredSequence { get; set; }
    public long ReadSequence { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
