using System.Security.Claims;
using Ihec.Portal.Features.Organisations;
using Ihec.Portal.Shared.Security;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Chat;

/// <summary>Which conversations the queue shows by assignment.</summary>
public enum QueueScope
{
    All,
    /// <summary>Assigned to the viewing agent.</summary>
    Mine,
    Unassigned,
}

/// <summary>A conversation in the media unit's queue, as one agent sees it.</summary>
/// <param name="WaitingSince">When the organisation's oldest message not yet answered by the unit was sent; null when nothing is waiting.</param>
/// <param name="Unread">The organisation's messages the viewing agent has not read.</param>
/// <param name="Rating">The organisation's rating (1–5) once it has rated the resolved conversation.</param>
public sealed record QueueItem(ConversationView Conversation, string? AssignedToUserId, DateTimeOffset? WaitingSince, int Unread, int? Rating);

/// <summary>A member of the media unit, and whether they are online on this instance.</summary>
public sealed record ChatAgent(string UserId, string Name, bool Online);

public static class ChatOperationsAudit
{
    public const string Transferred = "chat.transferred";
    public const string CannedEntity = "ChatCannedResponse";
    public const string CannedSaved = "chat.canned.saved";
    public const string CannedDeleted = "chat.canned.deleted";
    public const string Rated = "chat.rated";
}

/// <summary>The media unit's queue: waiting times, unread counts, assignment to an agent, and the navigation's unread counts.</summary>
public sealed partial class ChatService
{
    /// <summary>The queue for an agent, filtered by state and assignment: open first, then pending, then resolved; longest waiting first.</summary>
    public async Task<IReadOnlyList<QueueItem>> QueueAsync(ClaimsPrincipal user, ConversationState? state, QueueScope scope, CancellationToken cancellationToken = default)
    {
        if (await CallerAsync(user) is not { IsAgent: true } caller)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var conversations = db.Set<Conversation>().AsQueryable();
        if (state is { } wanted)
        {
            conversations = conversations.Where(c => c.State == wanted);
        }

        conversations = scope switch
        {
            QueueScope.Mine => conversations.Where(c => c.AssignedToUserId == caller.UserId),
            QueueScope.Unassigned => conversations.Where(c => c.AssignedToUserId == null),
            _ => conversations,
        };
        conversations = conversations.OrderByDescending(c => c.UpdatedAt).Take(MaxBatch);

        var me = caller.UserId;
        var messages = db.Set<ChatMessage>();
        var details = await conversations.Select(c => new
        {
            c.Id,
            c.AssignedToUserId,
            Waiting = messages
                .Where(m => m.ConversationId == c.Id && !m.FromIhec && m.Kind == ChatMessageKind.Message
                            && m.Sequence > (messages.Where(x => x.ConversationId == c.Id && x.FromIhec && x.Kind == ChatMessageKind.Message)
                                .Max(x => (long?)x.Sequence) ?? 0))
                .OrderBy(m => m.Sequence).Select(m => (DateTimeOffset?)m.CreatedAt).FirstOrDefault(),
            Unread = messages.Count(m => m.ConversationId == c.Id && !m.FromIhec && m.Kind == ChatMessageKind.Message
                                         && m.Sequence > (db.Set<ChatReadMarker>().Where(r => r.ConversationId == c.Id && r.UserId == me)
                                             .Select(r => (long?)r.ReadSequence).FirstOrDefault() ?? 0)),
            Rating = db.Set<ChatRating>().Where(r => r.ConversationId == c.Id).Select(r => (int?)r.Score).FirstOrDefault(),
        }).ToDictionaryAsync(x => x.Id, cancellationToken);

        var views = await ViewsAsync(db, conversations, cancellationToken);
        return views
            .Select(v => details[v.Id] is var d ? new QueueItem(v, d.AssignedToUserId, v.State == ConversationState.Resolved ? null : d.Waiting, d.Unread, d.Rating) : null!)
            .OrderBy(i => i.Conversation.State)
            .ThenBy(i => i.WaitingSince ?? DateTimeOffset.MaxValue)
            .ThenBy(i => i.Conversation.UpdatedAt)
            .ToList();
    }

    /// <summary>The media unit's agents (not deactivated), with whether each is online (on any live instance with Redis).</summary>
    public async Task<IReadOnlyList<ChatAgent>> AgentsAsync(ClaimsPrincipal user, ChatPresence presence, CancellationToken cancellationToken = default)
    {
        if (await CallerAsync(user) is not { IsAgent: true })
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var agents = await AgentsQuery(db).ToListAsync(cancellationToken);
        return agents.Select(a => new ChatAgent(a.Id, a.DisplayName, presence.IsOnline(a.Id)))
            .OrderByDescending(a => a.Online).ThenBy(a => a.Name, StringComparer.CurrentCulture).ToList();
    }

    private static IQueryable<Infrastructure.Data.PortalUser> AgentsQuery(Infrastructure.Data.PortalDbContext db) =>
        from u in db.Users
        join ur in db.UserRoles on u.Id equals ur.UserId
        join r in db.Roles on ur.RoleId equals r.Id
        where r.Name == PortalRoles.IhecMedia && !u.IsDeactivated
        select u;

    /// <summary>
    /// Assigns the conversation to an agent of the media unit: the caller (taking it) or a colleague. Assigning a
    /// conversation someone else had is a transfer; both are in the audit log.
    /// </summary>
    public async Task<Result> AssignAsync(ClaimsPrincipal user, Guid conversationId, string? agentUserId, CancellationToken cancellationToken = default)
    {
        if (await CallerAsync(user) is not { IsAgent: true })
        {
            return Result.Fail("AssignNotAllowed");
        }

        if (string.IsNullOrWhiteSpace(agentUserId))
        {
            return Result.Fail("AssignNoAgent", "To");
        }

        string agentName;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var agent = await AgentsQuery(db).Where(u => u.Id == agentUserId).Select(u => new { u.DisplayName }).SingleOrDefaultAsync(cancellationToken);
            if (agent is null)
            {
                return Result.Fail("AssignNotAgent", "To");
            }

            agentName = agent.DisplayName;
        }

        var result = await ChangeAsync(user, conversationId, (conversation, _) =>
        {
            if (conversation.AssignedToUserId == agentUserId)
            {
                return null;
            }

            var action = conversation.AssignedToUserId is null ? ChatAuditActions.Assigned : ChatOperationsAudit.Transferred;
            var details = conversation.AssignedToUserId is null ? agentName : $"{conversation.AssignedToName} → {agentName}";
            conversation.AssignedToUserId = agentUserId;
            conversation.AssignedToName = agentName;
            return (action, details);
        }, cancellationToken);
        return result.Succeeded ? Result.Ok : Result.Fail("AssignNotFound");
    }

    /// <summary>
    /// For the navigation badge: an agent's conversations (not resolved) with organisation messages the agent has not
    /// read, or a member's organisation's conversations with replies from the unit the member has not read.
    /// </summary>
    public async Task<int> UnreadConversationsAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (await CallerAsync(user) is not { } caller)
        {
            return 0;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var me = caller.UserId;
        var fromIhec = !caller.IsAgent;
        var conversations = Visible(db, caller);
        if (caller.IsAgent)
        {
            conversations = conversations.Where(c => c.State != ConversationState.Resolved);
        }

        return await conversations.CountAsync(c => db.Set<ChatMessage>().Any(m =>
            m.ConversationId == c.Id && m.FromIhec == fromIhec && m.Kind == ChatMessageKind.Message
            && m.Sequence > (db.Set<ChatReadMarker>().Where(r => r.ConversationId == c.Id && r.UserId == me).Select(r => (long?)r.ReadSequence).FirstOrDefault() ?? 0)), cancellationToken);
    }
}
