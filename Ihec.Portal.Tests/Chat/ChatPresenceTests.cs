using Ihec.Portal.Features.Chat;

namespace Ihec.Portal.Tests.Chat;

public sealed class ChatPresenceTests
{
    [Fact]
    public void A_user_stays_online_until_every_entry_has_left()
    {
        var presence = new ChatPresence();
        var first = presence.Enter("u1");
        var second = presence.Enter("u1");
        first.Dispose();
        first.Dispose(); // twice is once
        Assert.True(presence.IsOnline("u1"));
        second.Dispose();
        Assert.False(presence.IsOnline("u1"));
    }

    [Fact]
    public void Conversation_presence_is_per_conversation_and_user()
    {
        var presence = new ChatPresence();
        var conversation = Guid.NewGuid();
        using (presence.EnterConversation(conversation, "u1"))
        {
            Assert.True(presence.IsViewing(conversation, "u1"));
            Assert.False(presence.IsViewing(Guid.NewGuid(), "u1"));
            Assert.Equal(["u1"], presence.UsersIn(conversation));
        }

        Assert.Empty(presence.UsersIn(conversation));
    }
}
