using Ihec.Portal.Features.Chat;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ihec.Portal.Tests.Chat;

public sealed class ChatLocalEventsTests
{
    private static readonly Guid Conversation = Guid.NewGuid();

    private static ChatMessageView Message(long sequence, ChatMessageKind kind, Guid? conversation = null) =>
        new(conversation ?? Conversation, sequence, $"c{sequence}", "user", "Name", true, kind, "text", DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task A_conversation_page_gets_its_own_messages_and_only_staff_pages_get_private_notes()
    {
        var events = new ChatLocalEvents(NullLogger<ChatLocalEvents>.Instance);
        var member = new List<long>();
        var staff = new List<long>();
        using var a = events.SubscribeConversation(Conversation, staff: false, e => { member.Add(((ChatMessageStored)e).Message.Sequence); return Task.CompletedTask; });
        using var b = events.SubscribeConversation(Conversation, staff: true, e => { staff.Add(((ChatMessageStored)e).Message.Sequence); return Task.CompletedTask; });

        await events.DeliverAsync(new ChatMessageStored(Message(1, ChatMessageKind.Message)));
        await events.DeliverAsync(new ChatMessageStored(Message(2, ChatMessageKind.PrivateNote)));
        await events.DeliverAsync(new ChatMessageStored(Message(3, ChatMessageKind.Message, Guid.NewGuid())));

        Assert.Equal([1L], member);
        Assert.Equal([1L, 2L], staff);
    }

    [Fact]
    public async Task A_disposed_subscription_gets_nothing_and_a_failing_page_does_not_stop_the_others()
    {
        var events = new ChatLocalEvents(NullLogger<ChatLocalEvents>.Instance);
        var received = 0;
        var gone = events.SubscribeConversation(Conversation, staff: true, _ => { received += 100; return Task.CompletedTask; });
        using var failing = events.SubscribeConversation(Conversation, staff: true, _ => throw new InvalidOperationException("broken page"));
        using var working = events.SubscribeConversation(Conversation, staff: true, _ => { received++; return Task.CompletedTask; });
        gone.Dispose();

        await events.DeliverAsync(new ChatMessageStored(Message(1, ChatMessageKind.Message)));

        Assert.Equal(1, received);
    }
}
