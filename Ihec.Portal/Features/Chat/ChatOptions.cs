namespace Ihec.Portal.Features.Chat;

/// <summary>The <c>Chat</c> settings.</summary>
public sealed class ChatOptions
{
    public const string Section = "Chat";

    /// <summary>The column sizes; <see cref="MaxMessageLength"/> may be set lower, never higher.</summary>
    public const int StoredTextLength = 8000;
    public const int MaxTopicLength = 200;
    public const int MaxClientMessageIdLength = 64;
    public const int MaxAttachmentNameLength = 200;

    /// <summary>The longest message a person may send, in characters.</summary>
    public int MaxMessageLength { get; set; } = 4000;

    /// <summary>How many messages one user may send per <see cref="RateWindow"/>, over all conversations.</summary>
    public int MessagesPerWindow { get; set; } = 30;

    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The largest attachment (an image or a PDF), in bytes.</summary>
    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>How often the transcript search index looks for messages stored since it last looked (<see cref="ChatSearchIndexer"/>).</summary>
    public TimeSpan SearchIndexInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How far back behind its watermark the transcript search index looks again each time: a message is stamped before
    /// it is committed (it may wait for the write gate, or retry), so one stamped earlier can be committed after a later one.
    /// Covers that wait and the clock difference between instances.
    /// </summary>
    public TimeSpan SearchIndexOverlap { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Where an attachment streamed through the hub is written while it arrives (deleted when the call ends); by default
    /// <c>chat-uploads</c> in the data folder.
    /// </summary>
    public string? UploadFolder { get; set; }

    public bool IsValid() =>
        MaxMessageLength is > 0 and <= StoredTextLength && MessagesPerWindow > 0 && RateWindow > TimeSpan.Zero && MaxAttachmentBytes > 0;
}
