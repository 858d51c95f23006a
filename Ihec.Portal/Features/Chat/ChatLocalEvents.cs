using System.Collections.Concurrent;

namespace Ihec.Portal.Features.Chat;

/// <summary>Something that happened in the chat, as this instance's pages receive it.</summary>
public abstract record ChatEvent(Guid ConversationId);

public sealed record ChatMessageStored(ChatMessageView Message) : ChatEvent(Message.ConversationId);

public sealed record ChatReadMarked(ChatReadMark Mark) : ChatEvent(Mark.ConversationId);

public sealed record ChatTypingStarted(ChatTyping Typing) : ChatEvent(Typing.ConversationId);

public sealed record ChatConversationChanged(ConversationView Conversation) : ChatEvent(Conversation.Id);

/// <summary>
/// The chat's events delivered to the Blazor pages open on this instance (the hub's connections get them through the
/// hub's groups). The fan-out calls <see cref="DeliverAsync"/>: directly on one instance, from the Redis channel when
/// there are several. Like the hub, delivery is at most once; a page catches up by sequence number.
/// </summary>
public sealed class ChatLocalEvents(ILogger<ChatLocalEvents> logger)
{
    private readonly ConcurrentDictionary<Guid, Subscription> subscriptions = new();

    /// <summary>
    /// Receives the events of one conversation. <paramref name="staff"/> is whether the page is the media unit's: only
    /// staff receive private notes. The caller must have checked that the user may see the conversation.
    /// </summary>
    public IDisposable SubscribeConversation(Guid conversationId, bool staff, Func<ChatEvent, Task> handler) =>
        Add(new Subscription(this, e => e.ConversationId == conversationId && (staff || IsForOrganisation(e)), handler));

    /// <summary>
    /// Receives every conversation change, message and read mark (the media unit's queue: its rows, waiting times and
    /// unread counts). For agents only.
    /// </summary>
    public IDisposable SubscribeQueue(Func<ChatEvent, Task> handler) =>
        Add(new Subscription(this, e => e is ChatConversationChanged or ChatMessageStored or ChatReadMarked, handler));

    /// <summary>Receives changes to one organisation's conversations (its list and badges); never private notes.</summary>
    public IDisposable SubscribeOrganisation(Guid organisationId, Func<ChatEvent, Task> handler) =>
        Add(new Subscription(this, e => e is ChatConversationChanged c && c.Conversation.OrganisationId == organisationId, handler));

    public async Task DeliverAsync(ChatEvent chatEvent)
    {
        foreach (var subscription in subscriptions.Values)
        {
            if (!subscription.Wants(chatEvent))
            {
                continue;
            }

            try
            {
                await subscription.Handler(chatEvent);
            }
            catch (Exception ex)
            {
                // One broken page must not stop the others from receiving the event.
                logger.LogWarning(ex, "A chat page failed to handle {Event} for conversation {ConversationId}", chatEvent.GetType().Name, chatEvent.ConversationId);
            }
        }
    }

    private static bool IsForOrganisation(ChatEvent e) => e is not ChatMessageStored { Message.Kind: ChatMessageKind.PrivateNote };

    private Subscription Add(Subscription subscription)
    {
        subscriptions[subscription.Id] = subscription;
        return subscription;
    }

    private sealed class Subscription(ChatLocalEvents owner, Func<ChatEvent, bool> wants, Func<ChatEvent, Task> handler) : IDisposable
    {
        public Guid Id { get; } = Guid.NewGuid();

        public Func<ChatEvent, bool> Wants { get; } = wants;

        public Func<ChatEvent, Task> Handler { get; } = handler;

        public void Dispose() => owner.subscriptions.TryRemove(Id, out _);
    }
}
