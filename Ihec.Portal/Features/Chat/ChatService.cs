using System.Globalization;
using System.Security.Claims;
using Ihec.Portal.Infrastructure.Auditing;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Infrastructure.Localisation;
using Ihec.Portal.Shared.Organisations;
using Ihec.Portal.Shared.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ihec.Portal.Features.Chat;

/// <summary>What a caller is to a conversation.</summary>
public enum ChatAccess
{
    /// <summary>A member of the conversation's organisation: sees messages, never private notes.</summary>
    Organisation,
    /// <summary>IHEC's media unit: sees every conversation, with private notes.</summary>
    Agent,
}

/// <summary>
/// The chat's use cases, shared by the hub and the pages. Who may see what is decided here, from the caller's
/// claims (a CSO member's organisation comes from its claim, never from the request). Every change is stored first
/// and fanned out after, so a participant who misses a notification catches up by sequence number.
/// </summary>
public sealed partial class ChatService(
    IDbContextFactory<PortalDbContext> dbFactory,
    IAuthorizationService authorization,
    IChatFanOut fanOut,
    Ihec.Portal.Infrastructure.Files.IFileStorage files,
    IHttpContextAccessor http,
    IOptions<ChatOptions> options,
    IStringLocalizer<ChatText> text,
    TimeProvider clock,
    ILogger<ChatService> logger,
    DatabaseWriteGate writeGate,
    ChatSearchIndex searchIndex,
    ChatMessageWriter writer)
{
    /// <summary>The most messages one catch-up returns; a client asks again after the last one it got.</summary>
    public const int MaxBatch = 500;

    /// <summary>How often a message is tried again when another one took its sequence number first.</summary>
    private const int MaxSaveAttempts = 5;

    private ChatOptions Options => options.Value;

    private sealed record Caller(string UserId, string Name, Guid? OrganisationId)
    {
        public bool IsAgent => OrganisationId is null;

        public ChatAccess Access => IsAgent ? ChatAccess.Agent : ChatAccess.Organisation;
    }

    public async Task<bool> IsAgentAsync(ClaimsPrincipal user) => await CallerAsync(user) is { IsAgent: true };

    /// <summary>
    /// What each signed-in principal is to the chat, worked out once per principal: a hub connection and a circuit keep
    /// theirs for their lifetime (a new sign-in, a role change or a revoked session means a new principal or a closed
    /// connection), so a message costs no policy evaluation.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ClaimsPrincipal, Caller> Callers = new();

    private async Task<Caller?> CallerAsync(ClaimsPrincipal user)
    {
        if (Callers.TryGetValue(user, out var known))
        {
            return known;
        }

        var caller = await ResolveCallerAsync(user);
        if (caller is not null)
        {
            Callers.AddOrUpdate(user, caller);
        }

        return caller;
    }

    private async Task<Caller?> ResolveCallerAsync(ClaimsPrincipal user)
    {
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return null;
        }

        var name = user.FindFirstValue(PortalClaims.DisplayName) ?? user.Identity?.Name ?? "";
        if ((await authorization.AuthorizeAsync(user, PortalPolicies.IhecMedia)).Succeeded)
        {
            return new Caller(userId, name, null);
        }

        return (await authorization.AuthorizeAsync(user, PortalPolicies.CsoMember)).Succeeded
               && Guid.TryParse(user.FindFirstValue(PortalClaims.OrganisationId), out var organisationId)
            ? new Caller(userId, name, organisationId)
            : null;
    }

    /// <summary>The conversations the caller may see; for a CSO member only its own organisation's, and only while it is accredited.</summary>
    private static IQueryable<Conversation> Visible(PortalDbContext db, Caller caller) =>
        caller.IsAgent
            ? db.Set<Conversation>()
            : db.Set<Conversation>().Where(c => c.OrganisationId == caller.OrganisationId
                                               && db.Organisations.Any(o => o.Id == c.OrganisationId && o.Status == OrganisationStatus.Accredited));

    /// <summary>Whether the caller may take part in the conversation, and as what.</summary>
    public async Task<ChatResult<ChatAccess>> AccessAsync(ClaimsPrincipal user, Guid conversationId, CancellationToken cancellationToken = default)
    {
        if (await CallerAsync(user) is not { } caller)
        {
            return Fail<ChatAccess>(ChatError.NotFound);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Visible(db, caller).AnyAsync(c => c.Id == conversationId, cancellationToken)
            ? ChatResult<ChatAccess>.Ok(caller.Access)
            : Fail<ChatAccess>(ChatError.NotFound);
    }

    /// <summary>The organisation's conversations (a CSO member), or the whole queue (the media unit), most recently active first.</summary>
    public async Task<IReadOnlyList<ConversationView>> ConversationsAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (await CallerAsync(user) is not { } caller)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ViewsAsync(db, Visible(db, caller).OrderByDescending(c => c.UpdatedAt).Take(MaxBatch), cancellationToken);
    }

    /// <summary>The messages stored after <paramref name="afterSequence"/>, oldest first, at most <see cref="MaxBatch"/>; private notes only for the media unit.</summary>
    public async Task<ChatResult<IReadOnlyList<ChatMessageView>>> MessagesAsync(ClaimsPrincipal user, Guid conversationId, long afterSequence,
        CancellationToken cancellationToken = default)
    {
        if (await CallerAsync(user) is not { } caller)
        {
            return Fail<IReadOnlyList<ChatMessageView>>(ChatError.NotFound);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await Visible(db, caller).AnyAsync(c => c.Id == conversationId, cancellationToken))
        {
            return Fail<IReadOnlyList<ChatMessageView>>(ChatError.NotFound);
        }

        var messages = db.Set<ChatMessage>().AsNoTracking().Where(m => m.ConversationId == conversationId && m.Sequence > afterSequence);
        if (!caller.IsAgent)
        {
            messages = messages.Where(m => m.Kind == ChatMessageKind.Message);
        }

        var found = await messages.OrderBy(m => m.Sequence).Take(MaxBatch).ToListAsync(cancellationToken);
        return ChatResult<IReadOnlyList<ChatMessageView>>.Ok(found.Select(ChatMessageView.From).ToList());
    }

    /// <summary>A CSO member opens a conversation with the media unit.</summary>
    public async Task<ChatResult<ConversationView>> StartAsync(ClaimsPrincipal user, string? topic, string? language, CancellationToken cancellationToken = default)
    {
        if (await CallerAsync(user) is not { IsAgent: false } caller)
        {
            return Fail<ConversationView>(ChatError.NotAllowed);
        }

        topic = topic?.Trim();
        if (string.IsNullOrEmpty(topic) || topic.Length > ChatOptions.MaxTopicLength)
        {
            return Fail<ConversationView>(ChatError.InvalidTopic, ChatOptions.MaxTopicLength);
        }

        if (!Cultures.IsSupported(language))
        {
            return Fail<ConversationView>(ChatError.InvalidLanguage);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Organisations.AnyAsync(o => o.Id == caller.OrganisationId && o.Status == OrganisationStatus.Accredited, cancellationToken))
        {
            return Fail<ConversationView>(ChatError.NotAllowed);
        }

        var now = clock.GetUtcNow();
        var conversation = new Conversation
        {
            OrganisationId = caller.OrganisationId!.Value,
            Topic = topic,
            Language = language!,
            State = ConversationState.Open,
            StartedByUserId = caller.UserId,
            StartedByName = caller.Name,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(conversation);
        db.Audit(ActorOf(user), ChatAuditActions.Started, ChatAuditActions.ConversationEntity, conversation.Id.ToString(),
            null, conversation.OrganisationId, clock);
        await db.SaveChangesAsync(cancellationToken);

        var view = (await ViewsAsync(db, db.Set<Conversation>().Where(c => c.Id == conversation.Id), cancellationToken)).Single();
        await FanOutAsync(f => f.ConversationChangedAsync(view, CancellationToken.None), conversation.Id);
        return ChatResult<ConversationView>.Ok(view);
    }

    /// <summary>
    /// Stores a message and then tells the participants. The same <paramref name="clientMessageId"/> from the same
    /// sender returns the message already stored (a resend after a dropped connection), without storing it again.
    /// </summary>
    public Task<ChatResult<ChatMessageView>> SendAsync(ClaimsPrincipal user, Guid conversationId, string? clientMessageId, string? messageText,
        ChatMessageKind kind = ChatMessageKind.Message, CancellationToken cancellationToken = default) =>
        SendCoreAsync(user, conversationId, clientMessageId, messageText, kind, null, cancellationToken);

    /// <summary>The message store with an optional stored attachment (see <c>ChatService.Attachments.cs</c>); a message with an attachment may have no text.</summary>
    private async Task<ChatResult<ChatMessageView>> SendCoreAsync(ClaimsPrincipal user, Guid conversationId, string? clientMessageId, string? messageText,
        ChatMessageKind kind, StoredAttachment? attachment, CancellationToken cancellationToken)
    {
        if (await CallerAsync(user) is not { } caller)
        {
            return Fail<ChatMessageView>(ChatError.NotFound);
        }

        if (kind == ChatMessageKind.PrivateNote && !caller.IsAgent)
        {
            return Fail<ChatMessageView>(ChatError.NotAllowed);
        }

        if (string.IsNullOrWhiteSpace(clientMessageId) || clientMessageId.Length > ChatOptions.MaxClientMessageIdLength)
        {
            return Fail<ChatMessageView>(ChatError.InvalidClientMessageId, ChatOptions.MaxClientMessageIdLength);
        }

        var body = messageText?.Trim() ?? "";
        if (body.Length == 0 && attachment is null)
        {
            return Fail<ChatMessageView>(ChatError.Empty);
        }

        if (body.Length > Options.MaxMessageLength)
        {
            return Fail<ChatMessageView>(ChatError.TooLong, Options.MaxMessageLength, body.Length);
        }
        var message = new ChatMessage
        {
            ConversationId = conversationId,
            ClientMessageId = clientMessageId,
            AuthorUserId = caller.UserId,
            AuthorName = caller.Name,
            FromIhec = caller.IsAgent,
            Kind = kind,
            Text = body,
            CreatedAt = clock.GetUtcNow(),
            AttachmentFileId = attachment?.FileId,
            AttachmentKind = attachment?.Kind,
            AttachmentName = attachment?.Name,
            AttachmentLength = attachment?.Length,
        };

        // The writer checks, inside its transaction, that the conversation is the caller's (for a CSO member, its
        // organisation's, while it is accredited: a suspension takes effect at once), returns the stored message for a
        // resend, applies the rate limit and numbers the message (see ChatMessageWriter).
        var outcome = await writer.WriteAsync(message, caller.OrganisationId, cancellationToken);
        switch (outcome.Status)
        {
            case ChatWriteStatus.NotFound:
                return Fail<ChatMessageView>(ChatError.NotFound);
            case ChatWriteStatus.RateLimited:
                return Fail<ChatMessageView>(ChatError.RateLimited);
            case ChatWriteStatus.AlreadyStored:
                return ChatResult<ChatMessageView>.Ok(ChatMessageView.From(outcome.Message!));
        }

        var view = ChatMessageView.From(outcome.Message!);
        await FanOutAsync(f => f.MessageStoredAsync(view, CancellationToken.None), conversationId);
        return ChatResult<ChatMessageView>.Ok(view);
    }

    /// <summary>Records that the caller has received (and, when <paramref name="read"/>, read) the conversation up to a sequence number; marks never go back.</summary>
    public async Task<ChatResult<ChatReadMark>> MarkAsync(ClaimsPrincipal user, Guid conversationId, long sequence, bool read,
        CancellationToken cancellationToken = default)
    {
        if (await CallerAsync(user) is not { } caller)
        {
            return Fail<ChatReadMark>(ChatError.NotFound);
        }

        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var last = await Visible(db, caller).Where(c => c.Id == conversationId).Select(c => (long?)c.LastSequence).SingleOrDefaultAsync(cancellationToken);
            if (last is null)
            {
                return Fail<ChatReadMark>(ChatError.NotFound);
            }

            var upTo = Math.Clamp(sequence, 0, last.Value);
            var marker = await db.Set<ChatReadMarker>().SingleOrDefaultAsync(m => m.ConversationId == conversationId && m.UserId == caller.UserId, cancellationToken);
            if (marker is null)
            {
                marker = new ChatReadMarker { ConversationId = conversationId, UserId = caller.UserId };
                db.Add(marker);
            }

            var changed = false;
            if (upTo > marker.DeliveredSequence)
            {
                marker.DeliveredSequence = upTo;
                changed = true;
            }

            if (read && upTo > marker.ReadSequence)
            {
                marker.ReadSequence = upTo;
                changed = true;
            }

            var mark = new ChatReadMark(conversationId, caller.UserId, caller.IsAgent, marker.DeliveredSequence, marker.ReadSequence, marker.UpdatedAt);
            if (!changed)
            {
                return ChatResult<ChatReadMark>.Ok(mark);
            }

            marker.UpdatedAt = clock.GetUtcNow();
            mark = mark with { At = marker.UpdatedAt };
            try
            {
                using (await writeGate.EnterAsync(cancellationToken))
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
            }
            catch (DbUpdateException exception) when (attempt < MaxSaveAttempts)
            {
                // The same user marked from two connections at once.
                LogSaveRetry(logger, conversationId, attempt, exception.GetType().Name);
                continue;
            }

            await FanOutAsync(f => f.ReadAsync(mark, CancellationToken.None), conversationId);
            return ChatResult<ChatReadMark>.Ok(mark);
        }
    }

    /// <summary>Tells the other participants the caller is typing; nothing is stored.</summary>
    public async Task<ChatResult<bool>> TypingAsync(ClaimsPrincipal user, Guid conversationId, CancellationToken cancellationToken = default)
    {
        if (await CallerAsync(user) is not { } caller)
        {
            return Fail<bool>(ChatError.NotFound);
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (!await Visible(db, caller).AnyAsync(c => c.Id == conversationId, cancellationToken))
            {
                return Fail<bool>(ChatError.NotFound);
            }
        }

        await FanOutAsync(f => f.TypingAsync(new ChatTyping(conversationId, caller.UserId, caller.Name, caller.IsAgent), CancellationToken.None), conversationId);
        return ChatResult<bool>.Ok(true);
    }

    private static async Task<IReadOnlyList<ConversationView>> ViewsAsync(PortalDbContext db, IQueryable<Conversation> conversations, CancellationToken cancellationToken)
    {
        var rows = await conversations.AsNoTracking()
            .Join(db.Organisations, c => c.OrganisationId, o => o.Id, (c, o) => new { Conversation = c, o.NameAr, o.NameCkb, o.NameEn })
            .ToListAsync(cancellationToken);
        var language = Cultures.Current;
        return rows.Select(r => new ConversationView(
            r.Conversation.Id, r.Conversation.OrganisationId,
            language switch { Cultures.English => r.NameEn, Cultures.Sorani => r.NameCkb, _ => r.NameAr },
            r.Conversation.Topic, r.Conversation.Language, r.Conversation.State, r.Conversation.StartedByName, r.Conversation.AssignedToName,
            r.Conversation.CreatedAt, r.Conversation.UpdatedAt, r.Conversation.LastSequence,
            r.Conversation.AssignedToUserId)).ToList();
    }

    /// <summary>Fan-out failures never undo or fail a stored change: participants catch up by sequence number.</summary>
    private async Task FanOutAsync(Func<IChatFanOut, Task> send, Guid conversationId)
    {
        try
        {
            await send(fanOut);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFanOutFailed(logger, exception, conversationId);
        }
    }

    /// <summary>The audit actor from the caller's own principal: hub calls have no circuit to ask.</summary>
    private AuditActor ActorOf(ClaimsPrincipal user) => AuditActor.From(user, http.HttpContext?.Connection.RemoteIpAddress?.ToString());

    private ChatResult<T> Fail<T>(ChatError error, params object[] arguments) =>
        new(default, error, text.Message("Error_" + error, arguments));

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat conversation {ConversationId}: save attempt {Attempt} lost a race ({Exception}); trying again")]
    private static partial void LogSaveRetry(ILogger logger, Guid conversationId, int attempt, string exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat conversation {ConversationId}: stored, but telling the participants failed; they catch up on their next join")]
    private static partial void LogFanOutFailed(ILogger logger, Exception exception, Guid conversationId);
}

public static class ChatAuditActions
{
    public const string ConversationEntity = "ChatConversation";
    public const string Started = "chat.started";
    public const string StateChanged = "chat.state";
    public const string Assigned = "chat.assigned";
}
