using System.Security.Claims;
using Ihec.Portal.Infrastructure.Auditing;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Chat;

/// <summary>The media unit's work on the queue: state and assignment.</summary>
public sealed partial class ChatService
{
    /// <summary>Moves a conversation to Open, Pending or Resolved (the media unit only).</summary>
    public Task<ChatResult<ConversationView>> SetStateAsync(ClaimsPrincipal user, Guid conversationId, ConversationState state, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, conversationId, (conversation, _) =>
        {
            if (conversation.State == state)
            {
                return null;
            }

            conversation.State = state;
            return (ChatAuditActions.StateChanged, state.ToString());
        }, cancellationToken);

    /// <summary>Assigns the conversation to the calling agent (taking it over from whoever had it).</summary>
    public Task<ChatResult<ConversationView>> TakeAsync(ClaimsPrincipal user, Guid conversationId, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, conversationId, (conversation, caller) =>
        {
            if (conversation.AssignedToUserId == caller.UserId)
            {
                return null;
            }

            conversation.AssignedToUserId = caller.UserId;
            conversation.AssignedToName = caller.Name;
            return (ChatAuditActions.Assigned, caller.Name);
        }, cancellationToken);

    private async Task<ChatResult<ConversationView>> ChangeAsync(ClaimsPrincipal user, Guid conversationId,
        Func<Conversation, Caller, (string Action, string Details)?> change, CancellationToken cancellationToken)
    {
        if (await CallerAsync(user) is not { } caller)
        {
            return Fail<ConversationView>(ChatError.NotFound);
        }

        if (!caller.IsAgent)
        {
            return Fail<ConversationView>(ChatError.NotAllowed);
        }

        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var conversation = await db.Set<Conversation>().SingleOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
            if (conversation is null)
            {
                return Fail<ConversationView>(ChatError.NotFound);
            }

            var made = change(conversation, caller);
            if (made is { } audit)
            {
                conversation.UpdatedAt = clock.GetUtcNow();
                db.Audit(ActorOf(user), audit.Action, ChatAuditActions.ConversationEntity, conversationId.ToString(),
                    audit.Details, conversation.OrganisationId, clock);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateConcurrencyException) when (attempt < MaxSaveAttempts)
                {
                    // A message was stored meanwhile (LastSequence is the conversation's concurrency token).
                    continue;
                }
            }

            var view = (await ViewsAsync(db, db.Set<Conversation>().Where(c => c.Id == conversationId), cancellationToken)).Single();
            if (made is not null)
            {
                await FanOutAsync(f => f.ConversationChangedAsync(view, CancellationToken.None), conversationId);
            }

            return ChatResult<ConversationView>.Ok(view);
        }
    }
}
