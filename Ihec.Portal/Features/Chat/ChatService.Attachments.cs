using System.Security.Claims;
using Ihec.Portal.Infrastructure.Files;
using Ihec.Portal.Shared.Files;
using Ihec.Portal.Shared.Organisations;
using Ihec.Portal.Shared.Security;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Chat;

/// <summary>A checked, stored attachment, about to be referenced by its message.</summary>
internal sealed record StoredAttachment(string FileId, FileKind Kind, string Name, long Length);

/// <summary>An attachment's content as the reader may open it.</summary>
public sealed record ChatAttachmentContent(Stream Content, FileKind Kind, string Name);

/// <summary>Attachments: an image (JPEG, PNG, WebP, without its metadata) or a PDF, checked by content and size, stored with the message.</summary>
public sealed partial class ChatService
{
    public static readonly IReadOnlyList<FileKind> AttachmentKinds = [FileKind.Jpeg, FileKind.Png, FileKind.Webp, FileKind.Pdf];

    /// <summary>
    /// Stores a message with an attachment. A resend of a stored message (same client message id) returns it without
    /// storing the file again. The file is read up to <see cref="ChatOptions.MaxAttachmentBytes"/> and refused beyond.
    /// </summary>
    public async Task<ChatResult<ChatMessageView>> SendWithAttachmentAsync(ClaimsPrincipal user, Guid conversationId, string? clientMessageId, string? messageText,
        Stream content, string? fileName, CancellationToken cancellationToken = default)
    {
        if (await BeforeAttachmentAsync(user, conversationId, clientMessageId, messageText, cancellationToken) is { } early)
        {
            return early;
        }

        var megabytes = Options.MaxAttachmentBytes / (1024 * 1024);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > Options.MaxAttachmentBytes)
            {
                return Fail<ChatMessageView>(ChatError.AttachmentTooLarge, megabytes);
            }
        }

        var bytes = buffer.ToArray();
        var kind = FileSignatures.Detect(bytes.AsSpan(0, Math.Min(bytes.Length, FileSignatures.BytesNeeded)));
        // A photo's EXIF can carry where it was taken and the phone: it never reaches the disk.
        if (bytes.Length == 0 || !AttachmentKinds.Contains(kind) || ImageMetadata.Strip(bytes, kind) is not { } clean)
        {
            return Fail<ChatMessageView>(ChatError.AttachmentWrongType, megabytes);
        }

        StoredFile? file = null;
        try
        {
            using (var stream = new MemoryStream(clean, writable: false))
            {
                file = await files.SaveAsync(stream, kind, cancellationToken);
            }

            var result = await SendCoreAsync(user, conversationId, clientMessageId, messageText, ChatMessageKind.Message,
                new StoredAttachment(file.Id, kind, DocumentNames.Sanitise(fileName, kind), file.Length), cancellationToken);
            if (!result.Succeeded || result.Value?.Attachment is null)
            {
                // Not stored (or a concurrent resend stored the first copy): nothing refers to this file.
                await files.DeleteAsync(file.Id, CancellationToken.None);
            }

            return result;
        }
        catch (Exception exception) when (StorageFull.Is(exception))
        {
            // The file or the message could not be written: neither is kept, and the sender is told why.
            if (file is not null)
            {
                await files.DeleteAsync(file.Id, CancellationToken.None);
            }

            LogStorageFull(logger, exception, conversationId);
            return Fail<ChatMessageView>(ChatError.StorageFull);
        }
    }

    /// <summary>
    /// The hub's upload (<c>ChatHub.SendAttachment</c>): the file arrives in chunks and is written as it comes to a temporary
    /// file in <see cref="ChatOptions.UploadFolder"/>, refused as soon as it passes <see cref="ChatOptions.MaxAttachmentBytes"/>,
    /// then checked, stripped and stored by <see cref="SendWithAttachmentAsync"/> exactly like a page's. A resend of a stored
    /// message returns it before a byte is read. The temporary file is deleted however the upload ends.
    /// </summary>
    public async Task<ChatResult<ChatMessageView>> SendWithStreamedAttachmentAsync(ClaimsPrincipal user, Guid conversationId, string? clientMessageId,
        string? messageText, IAsyncEnumerable<byte[]> chunks, string? fileName, CancellationToken cancellationToken = default)
    {
        if (await BeforeAttachmentAsync(user, conversationId, clientMessageId, messageText, cancellationToken) is { } early)
        {
            return early;
        }

        var folder = string.IsNullOrWhiteSpace(Options.UploadFolder) ? Path.GetTempPath() : Options.UploadFolder;
        Directory.CreateDirectory(folder);
        // Unbuffered (the chunks are the buffer): a write that finds the disk full fails in WriteAsync, not later in a flush.
        await using var received = new FileStream(Path.Combine(folder, Guid.NewGuid().ToString("N") + ".part"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 0, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        await using (var chunk = chunks.GetAsyncEnumerator(cancellationToken))
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await chunk.MoveNextAsync();
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    // The client ended its stream with an error (or stopped it): what arrived is not the whole file.
                    LogUploadInterrupted(logger, exception, conversationId);
                    return Fail<ChatMessageView>(ChatError.AttachmentInterrupted);
                }

                if (!more)
                {
                    break;
                }

                if (chunk.Current is not { Length: > 0 } bytes)
                {
                    continue;
                }

                if (received.Length + bytes.Length > Options.MaxAttachmentBytes)
                {
                    // Stop reading at once: the rest of the stream is dropped by SignalR when this call returns.
                    return Fail<ChatMessageView>(ChatError.AttachmentTooLarge, Options.MaxAttachmentBytes / (1024 * 1024));
                }

                try
                {
                    await received.WriteAsync(bytes, cancellationToken);
                }
                catch (IOException exception) when (StorageFull.Is(exception))
                {
                    // The temporary file could not grow: it is deleted on close, and the rest of the stream is dropped.
                    LogStorageFull(logger, exception, conversationId);
                    return Fail<ChatMessageView>(ChatError.StorageFull);
                }
            }
        }

        received.Position = 0;
        return await SendWithAttachmentAsync(user, conversationId, clientMessageId, messageText, received, fileName, cancellationToken);
    }

    /// <summary>
    /// What is checked before an attachment is read: the conversation, the client message id and the text; and a resend of
    /// a stored message, which returns it (null: go on and read the file).
    /// </summary>
    private async Task<ChatResult<ChatMessageView>?> BeforeAttachmentAsync(ClaimsPrincipal user, Guid conversationId, string? clientMessageId,
        string? messageText, CancellationToken cancellationToken)
    {
        if (await CallerAsync(user) is not { } caller)
        {
            return Fail<ChatMessageView>(ChatError.NotFound);
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (!await Visible(db, caller).AnyAsync(c => c.Id == conversationId, cancellationToken))
            {
                return Fail<ChatMessageView>(ChatError.NotFound);
            }

            if (!string.IsNullOrWhiteSpace(clientMessageId)
                && await db.Set<ChatMessage>().AsNoTracking()
                    .SingleOrDefaultAsync(m => m.ConversationId == conversationId && m.AuthorUserId == caller.UserId && m.ClientMessageId == clientMessageId, cancellationToken)
                    is { } stored)
            {
                return ChatResult<ChatMessageView>.Ok(ChatMessageView.From(stored));
            }
        }

        if (string.IsNullOrWhiteSpace(clientMessageId) || clientMessageId.Length > ChatOptions.MaxClientMessageIdLength)
        {
            // Refused before the file is read, as the store would refuse it after.
            return Fail<ChatMessageView>(ChatError.InvalidClientMessageId, ChatOptions.MaxClientMessageIdLength);
        }

        if ((messageText?.Trim().Length ?? 0) > Options.MaxMessageLength)
        {
            return Fail<ChatMessageView>(ChatError.TooLong, Options.MaxMessageLength, messageText!.Trim().Length);
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Chat conversation {ConversationId}: the storage is full; an attachment and its message were not stored")]
    private static partial void LogStorageFull(ILogger logger, Exception exception, Guid conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat conversation {ConversationId}: an attachment's upload stream ended with an error; nothing stored")]
    private static partial void LogUploadInterrupted(ILogger logger, Exception exception, Guid conversationId);

    /// <summary>A message's attachment for a participant of its conversation; null (not found) for anyone else, and for a private note's outside the media unit.</summary>
    public async Task<ChatAttachmentContent?> OpenAttachmentAsync(ClaimsPrincipal user, Guid messageId, CancellationToken cancellationToken = default)
    {
        if (await CallerAsync(user) is not { } caller)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var message = await db.Set<ChatMessage>().AsNoTracking()
            .Where(m => m.Id == messageId && m.AttachmentFileId != null && Visible(db, caller).Any(c => c.Id == m.ConversationId))
            .SingleOrDefaultAsync(cancellationToken);
        if (message is null || (message.Kind == ChatMessageKind.PrivateNote && !caller.IsAgent) || message.AttachmentKind is not { } kind)
        {
            return null;
        }

        return await files.OpenAsync(message.AttachmentFileId!, cancellationToken) is { } stream
            ? new ChatAttachmentContent(stream, kind, message.AttachmentName ?? "")
            : null;
    }
}
