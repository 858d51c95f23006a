using Microsoft.AspNetCore.SignalR;

namespace Ihec.Portal.Features.Chat;

/// <summary>
/// Tells connected participants about what the service has already stored. The service calls it only after a
/// successful save; a participant who misses a notification (disconnected, another instance) catches up by
/// sequence number, so delivery here may be at-most-once.
/// </summary>
public interface IChatFanOut
{
    Task MessageStoredAsync(ChatMessageView message, CancellationToken cancellationToken = default);

    Task ReadAsync(ChatReadMark mark, CancellationToken cancellationToken = default);

    Task TypingAsync(ChatTyping typing, CancellationToken cancellationToken = default);

    /// <summary>A conversation was started, changed state or was assigned: the queue and the organisation's list update.</summary>
    Task ConversationChangedAsync(ConversationView conversation, CancellationToken cancellationToken = default);
}

/// <summary>What hub clients receive.</summary>
public interface IChatClient
{
    Task MessageReceived(ChatMessageView message);

    Task ReadMarked(ChatReadMark mark);

    Task Typing(ChatTyping typing);

    Task ConversationChanged(ConversationView conversation);
}

/// <summary>The hub's groups. An organisation's members and the media unit are in separate groups per conversation, so private notes go to the unit's group only.</summary>
public static class ChatGroups
{
    /// <summary>Every media unit connection: queue updates.</summary>
    public const string Agents = "chat:agents";

    public static string Organisation(Guid conversationId) => $"chat:{conversationId:N}:cso";

    public static string Staff(Guid conversationId) => $"chat:{conversationId:N}:staff";
}

/// <summary>
/// Fan-out on one instance: the hub's groups for hub clients, and <see cref="ChatLocalEvents"/> for the Blazor pages.
/// A Redis implementation replaces it for several instances.
/// </summary>
internal sealed class InProcessChatFanOut(IHubContext<ChatHub, IChatClient> hub, ChatLocalEvents pages) : IChatFanOut
{
    public async Task MessageStoredAsync(ChatMessageView message, CancellationToken cancellationToken = default)
    {
        await (message.Kind == ChatMessageKind.PrivateNote
            ? hub.Clients.Group(ChatGroups.Staff(message.ConversationId)).MessageReceived(message)
            : Everyone(message.ConversationId).MessageReceived(message));
        await pages.DeliverAsync(new ChatMessageStored(message));
    }

    public async Task ReadAsync(ChatReadMark mark, CancellationToken cancellationToken = default)
    {
        await Everyone(mark.ConversationId).ReadMarked(mark);
        await pages.DeliverAsync(new ChatReadMarked(mark));
    }

    public async Task TypingAsync(ChatTyping typing, CancellationToken cancellationToken = default)
    {
        await Everyone(typing.ConversationId).Typing(typing);
        await pages.DeliverAsync(new ChatTypingStarted(typing));
    }

    public async Task ConversationChangedAsync(ConversationView conversation, CancellationToken cancellationToken = default)
    {
        await hub.Clients.Groups(ChatGroups.Agents, ChatGroups.Organisation(conversation.Id)).ConversationChanged(conversation);
        await pages.DeliverAsync(new ChatConversationChanged(conversation));
    }

    private IChatClient Everyone(Guid conversationId) =>
        hub.Clients.Groups(ChatGroups.Organisation(conversationId), ChatGroups.Staff(conversationId));
}
