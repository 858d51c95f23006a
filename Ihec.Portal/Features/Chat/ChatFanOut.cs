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
/// Sends to hub clients through the hub's groups, then hands the same event to the pages. The hub context is the
/// backplane's when Redis is on, so one send reaches the connections of every instance.
/// </summary>
internal abstract class HubChatFanOut(IHubContext<ChatHub, IChatClient> hub) : IChatFanOut
{
    public Task MessageStoredAsync(ChatMessageView message, CancellationToken cancellationToken = default) =>
        BothAsync(() => message.Kind == ChatMessageKind.PrivateNote
            ? hub.Clients.Group(ChatGroups.Staff(message.ConversationId)).MessageReceived(message)
            : Everyone(message.ConversationId).MessageReceived(message), new ChatMessageStored(message));

    public Task ReadAsync(ChatReadMark mark, CancellationToken cancellationToken = default) =>
        BothAsync(() => Everyone(mark.ConversationId).ReadMarked(mark), new ChatReadMarked(mark));

    public Task TypingAsync(ChatTyping typing, CancellationToken cancellationToken = default) =>
        BothAsync(() => Everyone(typing.ConversationId).Typing(typing), new ChatTypingStarted(typing));

    public Task ConversationChangedAsync(ConversationView conversation, CancellationToken cancellationToken = default) =>
        BothAsync(() => hub.Clients.Groups(ChatGroups.Agents, ChatGroups.Organisation(conversation.Id)).ConversationChanged(conversation),
            new ChatConversationChanged(conversation));

    /// <summary>Delivers the event to the Blazor pages: this instance's, or every instance's.</summary>
    protected abstract Task PagesAsync(ChatEvent chatEvent);

    // The pages get the event even when the hub send failed (and the other way round): each side catches up by
    // sequence number on its own.
    private async Task BothAsync(Func<Task> hubSend, ChatEvent chatEvent)
    {
        try
        {
            await hubSend();
        }
        finally
        {
            await PagesAsync(chatEvent);
        }
    }

    private IChatClient Everyone(Guid conversationId) =>
        hub.Clients.Groups(ChatGroups.Organisation(conversationId), ChatGroups.Staff(conversationId));
}

/// <summary>Fan-out on one instance: the hub's groups for hub clients, and <see cref="ChatLocalEvents"/> for the Blazor pages.</summary>
internal sealed class InProcessChatFanOut(IHubContext<ChatHub, IChatClient> hub, ChatLocalEvents pages) : HubChatFanOut(hub)
{
    protected override Task PagesAsync(ChatEvent chatEvent) => pages.DeliverAsync(chatEvent);
}
