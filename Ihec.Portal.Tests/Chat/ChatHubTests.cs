using Ihec.Portal.Features.Accounts;
using Ihec.Portal.Features.Chat;
using Ihec.Portal.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Ihec.Portal.Tests.Chat.ChatPortal;

namespace Ihec.Portal.Tests.Chat;

/// <summary>The chat hub over real connections: ordering, catch-up, idempotent resend, isolation between organisations.</summary>
public sealed class ChatHubTests(ChatPortal portal) : IClassFixture<ChatPortal>
{
    private static string NewId() => Guid.NewGuid().ToString("N");

    private async Task<ConversationView> StartAsync(HubConnection member, string topic)
    {
        var started = await member.InvokeAsync<ChatResult<ConversationView>>("Start", topic + " " + NewId()[..6], "ar");
        Assert.True(started.Succeeded, started.ErrorText);
        return started.Value!;
    }

    private static async Task<ChatMessageView> SendAsync(HubConnection connection, Guid conversationId, string text, string? clientId = null, string method = "Send")
    {
        var sent = await connection.InvokeAsync<ChatResult<ChatMessageView>>(method, conversationId, clientId ?? NewId(), text);
        Assert.True(sent.Succeeded, sent.ErrorText);
        return sent.Value!;
    }

    private static async Task<IReadOnlyList<ChatMessageView>> JoinAsync(HubConnection connection, Guid conversationId, long afterSequence)
    {
        var joined = await connection.InvokeAsync<ChatResult<IReadOnlyList<ChatMessageView>>>("Join", conversationId, afterSequence);
        Assert.True(joined.Succeeded, joined.ErrorText);
        return joined.Value!;
    }

    [Fact]
    public async Task The_hub_refuses_anonymous_connections_and_staff_outside_the_media_unit()
    {
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => portal.ConnectAsync(null));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => portal.ConnectAsync(Relations));
    }

    [Fact]
    public async Task Messages_reach_the_other_side_live_in_the_order_they_were_stored()
    {
        await using var member = await portal.ConnectAsync(TammuzMember);
        await using var agent = await portal.ConnectAsync(Media);
        var agentInbox = new Inbox<ChatMessageView>(agent, nameof(IChatClient.MessageReceived));
        var conversation = await StartAsync(member, "Ordering");
        Assert.Empty(await JoinAsync(agent, conversation.Id, 0));

        for (var i = 1; i <= 5; i++)
        {
            Assert.Equal(i, (await SendAsync(member, conversation.Id, $"message {i}")).Sequence);
        }

        await agentInbox.WaitForAsync(m => m.Count(x => x.ConversationId == conversation.Id) == 5, "five messages");
        var received = agentInbox.Items.Where(m => m.ConversationId == conversation.Id).ToList();
        Assert.Equal([1L, 2, 3, 4, 5], received.Select(m => m.Sequence));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"message {i}"), received.Select(m => m.Text));
        Assert.All(received, m => Assert.False(m.FromIhec));
    }

    [Fact]
    public async Task Messages_sent_at_once_each_get_their_own_sequence_number_without_gaps()
    {
        await using var member = await portal.ConnectAsync(TammuzMember);
        await using var admin = await portal.ConnectAsync(TammuzAdmin);
        await using var agent = await portal.ConnectAsync(Media);
        var conversation = await StartAsync(member, "Concurrency");
        await JoinAsync(admin, conversation.Id, 0);
        await JoinAsync(agent, conversation.Id, 0);

        var sends = Enumerable.Range(0, 8).Select(i => SendAsync(new[] { member, admin, agent }[i % 3], conversation.Id, $"at once {i}"));
        var stored = await Task.WhenAll(sends);

        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), stored.Select(m => m.Sequence).Order());
        Assert.Equal(stored.Select(m => m.Sequence).Order(), (await JoinAsync(member, conversation.Id, 0)).Select(m => m.Sequence));
    }

    [Fact]
    public async Task A_reconnecting_client_gets_every_message_stored_while_it_was_away()
    {
        await using var agent = await portal.ConnectAsync(Media);
        var member = await portal.ConnectAsync(TammuzMember);
        var inbox = new Inbox<ChatMessageView>(member, nameof(IChatClient.MessageReceived));
        var conversation = await StartAsync(member, "Reconnect");
        await JoinAsync(member, conversation.Id, 0);
        await JoinAsync(agent, conversation.Id, 0);
        await SendAsync(agent, conversation.Id, "before the drop");
        await inbox.WaitForAsync(m => m.Any(x => x.ConversationId == conversation.Id), "the first reply");
        var lastSeen = inbox.Items.Max(m => m.Sequence);

        // The connection drops; the media unit keeps answering.
        await member.DisposeAsync();
        await SendAsync(agent, conversation.Id, "while away 1");
        await SendAsync(agent, conversation.Id, "while away 2");
        await SendAsync(agent, conversation.Id, "while away 3");

        await using var again = await portal.ConnectAsync(TammuzMember);
        var missed = await JoinAsync(again, conversation.Id, lastSeen);

        Assert.Equal(["while away 1", "while away 2", "while away 3"], missed.Select(m => m.Text));
        Assert.Equal([lastSeen + 1, lastSeen + 2, lastSeen + 3], missed.Select(m => m.Sequence));
        // After catching up, the new connection receives live again.
        var live = new Inbox<ChatMessageView>(again, nameof(IChatClient.MessageReceived));
        await SendAsync(agent, conversation.Id, "live again");
        await live.WaitForAsync(m => m.Any(x => x.Text == "live again"), "the live message after reconnecting");
    }

    [Fact]
    public async Task A_resent_message_is_stored_once_and_keeps_its_sequence_number()
    {
        await using var member = await portal.ConnectAsync(TammuzMember);
        await using var agent = await portal.ConnectAsync(Media);
        var conversation = await StartAsync(member, "Resend");
        await JoinAsync(agent, conversation.Id, 0);
        var clientId = NewId();

        var first = await SendAsync(member, conversation.Id, "only once", clientId);
        // The reply was lost with the connection: the client resends on a new one, twice at once for good measure.
        await using var again = await portal.ConnectAsync(TammuzMember);
        var resent = await Task.WhenAll(SendAsync(again, conversation.Id, "only once", clientId), SendAsync(again, conversation.Id, "only once", clientId));
        // Another sender's message with the same client id is a different message.
        var agentsOwn = await SendAsync(agent, conversation.Id, "same id, other sender", clientId);

        Assert.All(resent, m => Assert.Equal(first.Sequence, m.Sequence));
        Assert.Equal(first.Sequence + 1, agentsOwn.Sequence);
        await using var db = portal.CreateDbContext();
        Assert.Equal(1, await db.Set<ChatMessage>().CountAsync(m => m.ConversationId == conversation.Id && m.ClientMessageId == clientId && !m.FromIhec));
        Assert.Equal(2, await db.Set<ChatMessage>().CountAsync(m => m.ConversationId == conversation.Id));
    }

    [Fact]
    public async Task Another_organisations_member_cannot_join_read_write_or_hear_a_conversation()
    {
        await using var tammuz = await portal.ConnectAsync(TammuzMember);
        await using var kirkuk = await portal.ConnectAsync(KirkukMember);
        var kirkukInbox = new Inbox<ChatMessageView>(kirkuk, nameof(IChatClient.MessageReceived));
        var conversation = await StartAsync(tammuz, "Isolation");
        await JoinAsync(tammuz, conversation.Id, 0);
        await SendAsync(tammuz, conversation.Id, "Tammuz only");

        var join = await kirkuk.InvokeAsync<ChatResult<IReadOnlyList<ChatMessageView>>>("Join", conversation.Id, 0L);
        var send = await kirkuk.InvokeAsync<ChatResult<ChatMessageView>>("Send", conversation.Id, NewId(), "intruding");
        var read = await kirkuk.InvokeAsync<ChatResult<ChatReadMark>>("MarkRead", conversation.Id, 1L);
        var typing = await kirkuk.InvokeAsync<ChatResult<bool>>("Typing", conversation.Id);
        var list = await kirkuk.InvokeAsync<IReadOnlyList<ConversationView>>("Conversations");

        Assert.Equal(ChatError.NotFound, join.Error);
        Assert.Null(join.Value);
        Assert.False(string.IsNullOrWhiteSpace(join.ErrorText));
        Assert.Equal(ChatError.NotFound, send.Error);
        Assert.Equal(ChatError.NotFound, read.Error);
        Assert.Equal(ChatError.NotFound, typing.Error);
        Assert.DoesNotContain(list, c => c.Id == conversation.Id);
        Assert.All(list, c => Assert.NotEqual(conversation.OrganisationId, c.OrganisationId));

        // Kirkuk's own conversation proves its connection is live; Tammuz's message never reached it.
        var own = await StartAsync(kirkuk, "Own");
        await JoinAsync(kirkuk, own.Id, 0);
        await SendAsync(tammuz, conversation.Id, "Tammuz again");
        await SendAsync(kirkuk, own.Id, "Kirkuk's own");
        await kirkukInbox.WaitForAsync(m => m.Any(x => x.ConversationId == own.Id), "Kirkuk's own message");
        Assert.All(kirkukInbox.Items, m => Assert.Equal(own.Id, m.ConversationId));
        await using var db = portal.CreateDbContext();
        Assert.Equal(0, await db.Set<ChatMessage>().CountAsync(m => m.ConversationId == conversation.Id && m.Text == "intruding"));
    }

    [Fact]
    public async Task Private_notes_reach_the_media_unit_and_never_the_organisation()
    {
        await using var member = await portal.ConnectAsync(TammuzMember);
        await using var agent = await portal.ConnectAsync(Media);
        var memberInbox = new Inbox<ChatMessageView>(member, nameof(IChatClient.MessageReceived));
        var agentInbox = new Inbox<ChatMessageView>(agent, nameof(IChatClient.MessageReceived));
        var conversation = await StartAsync(member, "Notes");
        await JoinAsync(member, conversation.Id, 0);
        await JoinAsync(agent, conversation.Id, 0);

        var note = await SendAsync(agent, conversation.Id, "internal: check with the legal unit", method: "SendNote");
        var reply = await SendAsync(agent, conversation.Id, "We are looking into it.");
        var memberNote = await member.InvokeAsync<ChatResult<ChatMessageView>>("SendNote", conversation.Id, NewId(), "a member's note");

        Assert.Equal(ChatMessageKind.PrivateNote, note.Kind);
        Assert.Equal(ChatError.NotAllowed, memberNote.Error);
        await memberInbox.WaitForAsync(m => m.Any(x => x.Sequence == reply.Sequence), "the reply");
        await agentInbox.WaitForAsync(m => m.Any(x => x.Sequence == reply.Sequence), "the reply at the media unit");
        Assert.DoesNotContain(memberInbox.Items, m => m.Kind == ChatMessageKind.PrivateNote);
        Assert.Contains(agentInbox.Items, m => m.Sequence == note.Sequence && m.Kind == ChatMessageKind.PrivateNote);
        Assert.Equal([reply.Sequence], (await JoinAsync(member, conversation.Id, 0)).Select(m => m.Sequence));
        Assert.Equal([note.Sequence, reply.Sequence], (await JoinAsync(agent, conversation.Id, 0)).Select(m => m.Sequence));
    }

    [Fact]
    public async Task Read_marks_and_typing_reach_the_other_side_and_read_marks_never_go_back()
    {
        await using var member = await portal.ConnectAsync(TammuzMember);
        await using var agent = await portal.ConnectAsync(Media);
        var marks = new Inbox<ChatReadMark>(member, nameof(IChatClient.ReadMarked));
        var typing = new Inbox<ChatTyping>(agent, nameof(IChatClient.Typing));
        var conversation = await StartAsync(member, "Read marks");
        await JoinAsync(member, conversation.Id, 0);
        await JoinAsync(agent, conversation.Id, 0);
        await SendAsync(member, conversation.Id, "one");
        var two = await SendAsync(member, conversation.Id, "two");

        await member.InvokeAsync<ChatResult<bool>>("Typing", conversation.Id);
        await typing.WaitForAsync(t => t.Any(x => x.ConversationId == conversation.Id && !x.FromIhec), "the member typing");
        var read = await agent.InvokeAsync<ChatResult<ChatReadMark>>("MarkRead", conversation.Id, two.Sequence);
        var back = await agent.InvokeAsync<ChatResult<ChatReadMark>>("MarkRead", conversation.Id, 1L);

        Assert.Equal(two.Sequence, read.Value!.ReadSequence);
        Assert.Equal(two.Sequence, back.Value!.ReadSequence);
        await marks.WaitForAsync(m => m.Any(x => x.ConversationId == conversation.Id && x.FromIhec && x.ReadSequence == two.Sequence), "the agent's read mark");
    }

    [Fact]
    public async Task A_revoked_session_loses_its_open_hub_connection_at_once()
    {
        var connection = await portal.ConnectAsync(KirkukMember);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        string userId;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            userId = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(KirkukMember))!.Id;
        }

        // The server registers a connection in OnConnectedAsync, which can still be running when the client's start
        // returns; a call is only answered after it, so the connection is known before the revocation.
        await connection.InvokeAsync<IReadOnlyList<ConversationView>>("Conversations");

        // What a suspension or a member's removal does for open sessions.
        portal.Services.GetRequiredService<SessionRevocations>().Revoke([userId]);

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
        await connection.DisposeAsync();
    }

    /// <summary>
    /// A session that ends after its cookie was accepted but before the server registered the connection: the
    /// revocation found nothing to close, so the connection checks the session once more when it registers. Here the
    /// session ends (a new security stamp, as a password change or a removal makes) before the connection opens, with
    /// a cookie the server still accepts until its next revalidation.
    /// </summary>
    [Fact]
    public async Task A_connection_opened_with_a_session_that_has_ended_is_closed_at_once()
    {
        const string email = "ended-session@demo.ihec.iq";
        var user = await ChatOpsSupport.ColleagueAsync(portal, email);
        // Positive control: the same session's connection is accepted and answered while the session lasts.
        await using (var live = await portal.ConnectAsync(email))
        {
            await live.InvokeAsync<IReadOnlyList<ConversationView>>("Conversations");
            Assert.Equal(HubConnectionState.Connected, live.State);
        }

        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            Assert.True((await users.UpdateSecurityStampAsync((await users.FindByIdAsync(user.Id))!)).Succeeded);
        }

        // The cookie is still accepted (negotiation succeeds: no HttpRequestException); the server then ends the
        // connection cleanly, during the handshake or just after it, never with an error.
        HubConnection connection;
        try
        {
            connection = await portal.ConnectAsync(email);
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException
                                          && exception.Message.Contains("handshake", StringComparison.OrdinalIgnoreCase))
        {
            return; // Closed by the server before its handshake answer reached the client.
        }

        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };
        if (connection.State != HubConnectionState.Disconnected)
        {
            Assert.Null(await closed.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        }

        Assert.Equal(HubConnectionState.Disconnected, connection.State);
        await connection.DisposeAsync();
    }

    [Fact]
    public async Task A_message_over_the_length_limit_or_empty_is_refused_with_a_message_saying_why()
    {
        await using var member = await portal.ConnectAsync(TammuzMember);
        var conversation = await StartAsync(member, "Limits");
        var limit = portal.Services.GetRequiredService<IOptions<ChatOptions>>().Value.MaxMessageLength;

        var tooLong = await member.InvokeAsync<ChatResult<ChatMessageView>>("Send", conversation.Id, NewId(), new string('ب', limit + 1));
        var empty = await member.InvokeAsync<ChatResult<ChatMessageView>>("Send", conversation.Id, NewId(), "   ");

        Assert.Equal(ChatError.TooLong, tooLong.Error);
        // The limit as the portal writes numbers in every language: Latin digits, "," between thousands.
        Assert.Contains(limit.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), tooLong.ErrorText);
        Assert.Equal(ChatError.Empty, empty.Error);
        Assert.Empty(await JoinAsync(member, conversation.Id, 0));
    }

    [Theory]
    [InlineData("en", "too long")]
    [InlineData("ar", "طويلة")]
    [InlineData("ckb", "درێژە")]
    public async Task Hub_errors_are_in_the_language_the_connection_was_opened_with(string language, string expected)
    {
        await using var member = await portal.ConnectAsync(TammuzMember, language);
        var conversation = await StartAsync(member, "Language");

        var tooLong = await member.InvokeAsync<ChatResult<ChatMessageView>>("Send", conversation.Id, NewId(), new string('x', 8001));

        Assert.Contains(expected, tooLong.ErrorText);
    }

    [Fact]
    public async Task The_media_unit_sees_new_conversations_in_its_queue_and_changes_their_state()
    {
        await using var agent = await portal.ConnectAsync(Media);
        var queue = new Inbox<ConversationView>(agent, nameof(IChatClient.ConversationChanged));
        // The agent joins the unit's group at the end of OnConnectedAsync, which can still be running when the client's
        // start returns; a call is only answered after it.
        await agent.InvokeAsync<IReadOnlyList<ConversationView>>("Conversations");
        await using var member = await portal.ConnectAsync(TammuzMember);
        var conversation = await StartAsync(member, "Queue");
        await queue.WaitForAsync(q => q.Any(c => c.Id == conversation.Id), "the new conversation in the queue");

        var taken = await agent.InvokeAsync<ChatResult<ConversationView>>("Take", conversation.Id);
        var resolved = await agent.InvokeAsync<ChatResult<ConversationView>>("SetState", conversation.Id, ConversationState.Resolved);
        var byMember = await member.InvokeAsync<ChatResult<ConversationView>>("SetState", conversation.Id, ConversationState.Open);

        Assert.False(string.IsNullOrEmpty(taken.Value!.AssignedToName));
        Assert.Equal(ConversationState.Resolved, resolved.Value!.State);
        Assert.Equal(ChatError.NotAllowed, byMember.Error);
        Assert.Contains(await agent.InvokeAsync<IReadOnlyList<ConversationView>>("Conversations"), c => c.Id == conversation.Id && c.State == ConversationState.Resolved);
        await using var db = portal.CreateDbContext();
        Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.EntityId == conversation.Id.ToString()));
    }
}

public sealed class ChatRateLimiterTests
{
    [Fact]
    public void A_user_over_the_limit_is_refused_and_other_users_are_not()
    {
        using var limiter = new ChatRateLimiter(Options.Create(new ChatOptions { MessagesPerWindow = 3, RateWindow = TimeSpan.FromHours(1) }));

        Assert.True(limiter.TryAcquire("a") && limiter.TryAcquire("a") && limiter.TryAcquire("a"));
        Assert.False(limiter.TryAcquire("a"));
        Assert.True(limiter.TryAcquire("b"));
    }
}
