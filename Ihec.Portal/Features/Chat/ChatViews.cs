namespace Ihec.Portal.Features.Chat;

/// <summary>A stored message as participants receive it (over the hub, or on a page).</summary>
public sealed record ChatMessageView(
    Guid ConversationId,
    long Sequence,
    string ClientMessageId,
    string AuthorUserId,
    string AuthorName,
    bool FromIhec,
    ChatMessageKind Kind,
    string Text,
    DateTimeOffset CreatedAt,
    ChatAttachmentView? Attachment = null)
{
    internal static ChatMessageView From(ChatMessage m) =>
        new(m.ConversationId, m.Sequence, m.ClientMessageId, m.AuthorUserId, m.AuthorName, m.FromIhec, m.Kind, m.Text, m.CreatedAt,
            m is { AttachmentFileId: not null, AttachmentKind: { } kind } ? new ChatAttachmentView(m.Id, m.AttachmentName ?? "", kind, m.AttachmentLength ?? 0) : null);
}

/// <summary>A message's attachment; <see cref="Id"/> is the message's id, and the file is served to the conversation's participants only.</summary>
public sealed record ChatAttachmentView(Guid Id, string Name, Ihec.Portal.Shared.Files.FileKind Kind, long Length)
{
    /// <summary>A stored property, not a computed one: MessagePack (contractless) writes only properties it can set, and its clients need the address too.</summary>
    public string Url { get; init; } = $"/chat/files/{Id:D}";

    public bool IsImage => Kind is Ihec.Portal.Shared.Files.FileKind.Jpeg or Ihec.Portal.Shared.Files.FileKind.Png or Ihec.Portal.Shared.Files.FileKind.Webp;
}

/// <summary>A conversation in a list: the organisation's history, or the media unit's queue.</summary>
public sealed record ConversationView(
    Guid Id,
    Guid OrganisationId,
    string OrganisationName,
    string Topic,
    string Language,
    ConversationState State,
    string StartedByName,
    string? AssignedToName,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long LastSequence,
    string? AssignedToUserId = null);

/// <summary>How far a participant has read; sent to the others as a read mark.</summary>
public sealed record ChatReadMark(Guid ConversationId, string UserId, bool FromIhec, long DeliveredSequence, long ReadSequence, DateTimeOffset? At = null);

/// <summary>Someone is typing in a conversation.</summary>
public sealed record ChatTyping(Guid ConversationId, string UserId, string Name, bool FromIhec);

/// <summary>What the service tells a page or the hub when a request cannot be done.</summary>
public enum ChatError
{
    /// <summary>No such conversation, or not one this user may see (the two are not told apart).</summary>
    NotFound,
    Empty,
    TooLong,
    InvalidClientMessageId,
    RateLimited,
    NotAllowed,
    InvalidTopic,
    InvalidLanguage,
    AttachmentTooLarge,
    AttachmentWrongType,
    /// <summary>The attachment's upload stream ended with an error before the file was complete.</summary>
    AttachmentInterrupted,
    /// <summary>The disk (or the database) is full: nothing of the message was stored; the client keeps it to send again.</summary>
    StorageFull,
}

/// <summary>A value, or an expected failure with its text in the reader's language.</summary>
public sealed record ChatResult<T>(T? Value, ChatError? Error, string? ErrorText)
{
    public bool Succeeded => Error is null;

    public static ChatResult<T> Ok(T value) => new(value, null, null);
}
