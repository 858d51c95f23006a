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

        if ((messageText?.Trim().Length ?? 0) > Options.MaxMessageLength)
        {
            return Fail<ChatMessageView>(ChatError.TooLong, Options.MaxMessageLength, messageText!.Trim().Length);
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

        StoredFile file;
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
