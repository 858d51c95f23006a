using System.Net;
using Ihec.Portal.Features.Accounts;
using Ihec.Portal.Features.Chat;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Infrastructure.Search;
using Ihec.Portal.Tests.Chat;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Ihec.Portal.Tests.ScaleOut;

/// <summary>
/// Two instances on one database and one real Redis (<c>Redis:ConnectionString</c>): chat through the backplane and the
/// Redis page channel, a sign-in valid on both, session revocations and search index writes reaching both, chat
/// presence (who is online, who has a conversation open) known on both, and the away e-mail sent once for both.
/// </summary>
public sealed class ScaleOutTests(ScaleOutPortals portals) : IClassFixture<ScaleOutPortals>
{
    private const string TammuzMember = "member@tammuz.demo";
    private const string KirkukMember = "member@kirkuk-women.demo";
    private const string Media = "media@demo.ihec.iq";

    private static string NewId() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_message_sent_through_instance_A_reaches_a_member_and_the_pages_on_instance_B_in_order_and_once()
    {
        // The member signed in on A and is connected to B: the load balancer sent the hub elsewhere. The member's app speaks
        // MessagePack and the agent JSON: the backplane carries each message in both protocols.
        await using var member = await portals.B.ConnectAsync(await portals.A.SignInAsync(TammuzMember), messagePack: true);
        await using var agent = await portals.A.ConnectAsync(await portals.A.SignInAsync(Media));
        var memberInbox = new Inbox<ChatMessageView>(member, nameof(IChatClient.MessageReceived));
        var started = await member.InvokeAsync<ChatResult<ConversationView>>("Start", "Scale-out " + NewId()[..6], "ar");
        Assert.True(started.Succeeded, started.ErrorText);
        var conversation = started.Value!;
        Assert.True((await member.InvokeAsync<ChatResult<IReadOnlyList<ChatMessageView>>>("Join", conversation.Id, 0L)).Succeeded);
        Assert.True((await agent.InvokeAsync<ChatResult<IReadOnlyList<ChatMessageView>>>("Join", conversation.Id, 0L)).Succeeded);

        // A page open on B (the organisation's) and one on A (the media unit's, which sees private notes).
        var pageOnB = new List<ChatMessageView>();
        var pageOnA = new List<ChatMessageView>();
        using var subscriptionB = portals.B.Services.GetRequiredService<ChatLocalEvents>().SubscribeConversation(conversation.Id, staff: false, e => Collect(pageOnB, e));
        using var subscriptionA = portals.A.Services.GetRequiredService<ChatLocalEvents>().SubscribeConversation(conversation.Id, staff: true, e => Collect(pageOnA, e));

        var sent = new List<ChatMessageView>();
        for (var i = 1; i <= 6; i++)
        {
            sent.Add(await SendAsync(agent, "Send", conversation.Id, $"reply {i}"));
        }

        var note = await SendAsync(agent, "SendNote", conversation.Id, "a note the organisation never sees");
        // The last message is the barrier: anything sent twice before it would have arrived by then.
        sent.Add(await SendAsync(agent, "Send", conversation.Id, "last"));
        await memberInbox.WaitForAsync(m => m.Any(x => x.Text == "last"), "the last reply on instance B");
        await WaitForAsync(pageOnB, m => m.Any(x => x.Text == "last"), "the last reply on B's page");
        await WaitForAsync(pageOnA, m => m.Any(x => x.Text == "last"), "the last reply on A's page");

        var expected = sent.Select(m => m.Sequence).ToList();
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), expected.Append(note.Sequence).Order());
        var received = memberInbox.Items.Where(m => m.ConversationId == conversation.Id).ToList();
        Assert.Equal(expected, received.Select(m => m.Sequence));
        Assert.Equal(sent.Select(m => m.Text), received.Select(m => m.Text));
        Assert.All(received, m => Assert.True(m.FromIhec));
        Assert.Equal(expected, Snapshot(pageOnB).Select(m => m.Sequence));
        Assert.Equal(expected.Append(note.Sequence).Order(), Snapshot(pageOnA).Select(m => m.Sequence));

        // And back: the member's message through B reaches the agent on A once.
        var agentInbox = new Inbox<ChatMessageView>(agent, nameof(IChatClient.MessageReceived));
        var answer = await SendAsync(member, "Send", conversation.Id, "thank you");
        var barrier = await SendAsync(member, "Send", conversation.Id, "barrier");
        await agentInbox.WaitForAsync(m => m.Any(x => x.Sequence == barrier.Sequence), "the member's messages on instance A");
        Assert.Equal([answer.Sequence, barrier.Sequence], agentInbox.Items.Where(m => m.ConversationId == conversation.Id).Select(m => m.Sequence));
    }

    [Fact]
    public async Task A_user_signed_in_on_instance_A_is_signed_in_on_instance_B()
    {
        var cookie = await portals.A.SignInAsync(TammuzMember);
        using var onB = portals.B.ClientWithCookie(cookie);
        using var anonymousOnB = portals.B.CreateBrowserLikeClient();

        var page = await onB.GetAsync("/chat");
        var anonymous = await anonymousOnB.GetAsync("/chat");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoking_a_users_sessions_on_instance_A_closes_their_hub_connection_on_instance_B()
    {
        var connection = await portals.B.ConnectAsync(await portals.B.SignInAsync(KirkukMember));
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        string userId;
        await using (var scope = portals.A.Services.CreateAsyncScope())
        {
            userId = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(KirkukMember))!.Id;
        }

        // The server registers a connection in OnConnectedAsync, which can still be running when the client's start
        // returns; a call is only answered after it, so B knows the connection before the revocation arrives.
        await connection.InvokeAsync<IReadOnlyList<ConversationView>>("Conversations");

        // What a suspension or a member's removal on A does.
        portals.A.Services.GetRequiredService<SessionRevocations>().Revoke([userId]);

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
        await connection.DisposeAsync();
    }

    [Fact]
    public async Task The_instances_channels_are_under_the_configured_prefix()
    {
        // Connected to B so its backplane subscribes to the hub's channels as well.
        await using var member = await portals.B.ConnectAsync(await portals.B.SignInAsync(TammuzMember));
        await using var raw = await ConnectionMultiplexer.ConnectAsync(portals.Redis.ConnectionString);
        var server = raw.GetServer(raw.GetEndPoints()[0]);

        // StackExchange.Redis's own configuration channel is the only one without the prefix.
        var channels = (await server.SubscriptionChannelsAsync(RedisChannel.Pattern("*"))).Select(c => c.ToString())
            .Where(c => c != "__Booksleeve_MasterChanged").ToList();

        Assert.Contains(portals.ChannelPrefix + "chat:events", channels);
        Assert.Contains(portals.ChannelPrefix + "sessions:revoked", channels);
        Assert.Contains(portals.ChannelPrefix + "search:changes", channels);
        Assert.Contains(channels, c => c.StartsWith(portals.ChannelPrefix, StringComparison.Ordinal) && c.Contains(typeof(ChatHub).FullName!, StringComparison.Ordinal));
        Assert.All(channels, c => Assert.StartsWith(portals.ChannelPrefix, c, StringComparison.Ordinal));
    }

    [Fact]
    public async Task What_one_instance_writes_to_the_search_index_is_found_on_the_other()
    {
        var word = "scaleout" + NewId()[..10];
        var document = new SearchDocument("library", NewId(), "/library/test", DateTimeOffset.UtcNow,
            [new SearchText("en", "Replicated " + word, "A document indexed on instance A.")],
            new Dictionary<string, IReadOnlyList<string>> { ["kind"] = ["guide"] });
        var onB = portals.B.Services.GetRequiredService<ISearchIndex>();

        await portals.A.Services.GetRequiredService<ISearchIndex>().UpsertAsync(document);
        await WaitUntilAsync(() => onB.Search(new SearchRequest(word)).Hits.Any(h => h.Key == document.Key), "the document on B");
        await portals.A.Services.GetRequiredService<ISearchIndex>().DeleteAsync(document.Source, document.Key);
        await WaitUntilAsync(() => onB.Search(new SearchRequest(word)).Total == 0, "the document gone from B");

        Assert.Empty(portals.A.Services.GetRequiredService<ISearchIndex>().Search(new SearchRequest(word)).Hits);
    }

    [Fact]
    public async Task An_agent_connected_to_instance_B_is_online_on_instance_As_queue_until_the_connection_closes()
    {
        var mediaId = await UserIdAsync(Media);
        var presenceOnA = portals.A.Services.GetRequiredService<ChatPresence>();
        // The other tests' agent connections have closed (on whichever instance they were).
        await WaitUntilAsync(() => !presenceOnA.IsOnline(mediaId), "the agent offline before the test");
        using var queueOnA = portals.A.ClientWithCookie(await portals.A.SignInAsync(Media));
        Assert.False(await OnlineOnQueueAsync(queueOnA, mediaId));

        var agentOnB = await portals.B.ConnectAsync(await portals.B.SignInAsync(Media));
        await WaitUntilAsync(() => presenceOnA.IsOnline(mediaId), "the agent on B online on A");
        Assert.True(await OnlineOnQueueAsync(queueOnA, mediaId));
        Assert.Contains(portals.B.Services.GetRequiredService<Ihec.Portal.Infrastructure.Redis.PortalInstance>().Id,
            portals.A.Services.GetRequiredService<ChatRemotePresence>().Instances);

        await agentOnB.DisposeAsync();
        await WaitUntilAsync(() => !presenceOnA.IsOnline(mediaId), "the agent offline on A once the connection on B closed");
        Assert.False(await OnlineOnQueueAsync(queueOnA, mediaId));
    }

    [Fact]
    public async Task The_agents_of_a_stopped_instance_drop_off_the_others_presence()
    {
        var mediaId = await UserIdAsync(Media);
        var presenceOnA = portals.A.Services.GetRequiredService<ChatPresence>();
        await WaitUntilAsync(() => !presenceOnA.IsOnline(mediaId), "the agent offline before the test");
        var third = portals.StartAnother();
        // The agent's queue page is open on the third instance (a circuit: it never leaves before the instance stops).
        _ = third.Services.GetRequiredService<ChatPresence>().Enter(mediaId);
        await WaitUntilAsync(() => presenceOnA.IsOnline(mediaId), "the agent on the third instance online on A");

        await third.DisposeAsync();

        var stopped = DateTime.UtcNow;
        await WaitUntilAsync(() => !presenceOnA.IsOnline(mediaId), "the stopped instance's agent offline on A");
        Assert.True(DateTime.UtcNow - stopped < ScaleOutInstance.PresenceExpiry + TimeSpan.FromSeconds(5), "gone within the expiry (with room for a loaded machine)");
    }

    [Fact]
    public async Task The_users_of_an_instance_that_died_without_a_word_drop_off_within_the_expiry()
    {
        // What a crashed instance leaves: one publication of its presence and then silence (no heartbeat, no goodbye).
        var userId = "crashed-" + NewId();
        var conversationId = Guid.NewGuid();
        var presenceOnA = portals.A.Services.GetRequiredService<ChatPresence>();
        var presenceOnB = portals.B.Services.GetRequiredService<ChatPresence>();
        await using var raw = await ConnectionMultiplexer.ConnectAsync(portals.Redis.ConnectionString);
        var message = new RedisChatPresence.Message(NewId(), 1, (long)ScaleOutInstance.PresenceExpiry.TotalMilliseconds,
            [userId], new Dictionary<Guid, string[]> { [conversationId] = [userId] }, Gone: false);
        var published = DateTime.UtcNow;
        await raw.GetSubscriber().PublishAsync(RedisChannel.Literal(portals.ChannelPrefix + "chat:presence"),
            System.Text.Json.JsonSerializer.Serialize(message, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)));

        await WaitUntilAsync(() => presenceOnA.IsOnline(userId) && presenceOnB.IsOnline(userId), "the user online on both instances");
        Assert.Contains(userId, presenceOnA.UsersIn(conversationId));
        await WaitUntilAsync(() => !presenceOnA.IsOnline(userId) && !presenceOnB.IsOnline(userId), "the user offline on both instances");

        Assert.True(DateTime.UtcNow - published < ScaleOutInstance.PresenceExpiry + TimeSpan.FromSeconds(5), "gone within the expiry (with room for a loaded machine)");
        Assert.Empty(presenceOnA.UsersIn(conversationId));
    }

    [Fact]
    public async Task A_member_viewing_the_conversation_on_instance_B_gets_no_e_mail_for_a_reply_through_instance_A()
    {
        var topic = "Viewing " + NewId()[..8];
        var memberId = await UserIdAsync(TammuzMember);
        var presenceOnA = portals.A.Services.GetRequiredService<ChatPresence>();
        await using var member = await portals.B.ConnectAsync(await portals.B.SignInAsync(TammuzMember));
        var started = await member.InvokeAsync<ChatResult<ConversationView>>("Start", topic, "ar");
        Assert.True(started.Succeeded, started.ErrorText);
        var conversation = started.Value!;
        Assert.True((await member.InvokeAsync<ChatResult<IReadOnlyList<ChatMessageView>>>("Join", conversation.Id, 0L)).Succeeded);
        await WaitUntilAsync(() => presenceOnA.UsersIn(conversation.Id).Contains(memberId), "the member viewing on B known on A");
        await using var agent = await portals.A.ConnectAsync(await portals.A.SignInAsync(Media));

        await SendAsync(agent, "Send", conversation.Id, "You are reading this on B.");
        Assert.Empty(MailsAbout(topic));

        // Once the member has left the conversation on B, the next reply through A is e-mailed.
        await member.InvokeAsync("Leave", conversation.Id);
        await WaitUntilAsync(() => !presenceOnA.UsersIn(conversation.Id).Contains(memberId), "the member gone from the conversation on A");
        await SendAsync(agent, "Send", conversation.Id, "Now you are away.");
        Assert.Contains("Now you are away.", Assert.Single(MailsAbout(topic)).TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_nobody_viewing_replies_through_both_instances_in_the_interval_send_one_e_mail()
    {
        var topic = "Once " + NewId()[..8];
        ConversationView conversation;
        await using (var member = await portals.B.ConnectAsync(await portals.B.SignInAsync(TammuzMember)))
        {
            var started = await member.InvokeAsync<ChatResult<ConversationView>>("Start", topic, "ar");
            Assert.True(started.Succeeded, started.ErrorText);
            conversation = started.Value!;
            await SendAsync(member, "Send", conversation.Id, "Is anyone there?");
        }

        await using var agentOnA = await portals.A.ConnectAsync(await portals.A.SignInAsync(Media));
        await using var agentOnB = await portals.B.ConnectAsync(await portals.B.SignInAsync(Media));
        Assert.Empty(portals.A.Services.GetRequiredService<ChatPresence>().UsersIn(conversation.Id));
        Assert.Empty(portals.B.Services.GetRequiredService<ChatPresence>().UsersIn(conversation.Id));

        // Both at once, then one more through each: each instance would e-mail once if it counted alone.
        await Task.WhenAll(
            SendAsync(agentOnA, "Send", conversation.Id, "First reply through A."),
            SendAsync(agentOnB, "Send", conversation.Id, "First reply through B."));
        await SendAsync(agentOnB, "Send", conversation.Id, "Second reply through B.");
        await SendAsync(agentOnA, "Send", conversation.Id, "Second reply through A.");

        var mail = Assert.Single(MailsAbout(topic));
        Assert.Equal(TammuzMember, mail.To.Mailboxes.Single().Address);
        Assert.Contains("First reply through", mail.TextBody, StringComparison.Ordinal);
    }

    /// <summary>The e-mails about the topic that either instance sent (each has its own pickup folder).</summary>
    private List<MimeKit.MimeMessage> MailsAbout(string topic) =>
        portals.A.Mails().Concat(portals.B.Mails()).Where(m => (m.Subject ?? "").Contains(topic, StringComparison.Ordinal)).ToList();

    private async Task<string> UserIdAsync(string email)
    {
        await using var scope = portals.A.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email))!.Id;
    }

    /// <summary>Whether A's queue page (<c>/ihec/chat</c>) shows the agent as online now.</summary>
    private static async Task<bool> OnlineOnQueueAsync(HttpClient client, string agentId)
    {
        var response = await client.GetAsync("/ihec/chat");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        var badge = page.QuerySelector($"#agents li[data-agent='{agentId}'] .badge");
        Assert.NotNull(badge);
        return badge.ClassList.Contains("badge-accredited");
    }

    private static async Task<ChatMessageView> SendAsync(HubConnection connection, string method, Guid conversationId, string text)
    {
        var sent = await connection.InvokeAsync<ChatResult<ChatMessageView>>(method, conversationId, NewId(), text);
        Assert.True(sent.Succeeded, sent.ErrorText);
        return sent.Value!;
    }

    private static Task Collect(List<ChatMessageView> page, ChatEvent chatEvent)
    {
        if (chatEvent is ChatMessageStored stored)
        {
            lock (page)
            {
                page.Add(stored.Message);
            }
        }

        return Task.CompletedTask;
    }

    private static List<ChatMessageView> Snapshot(List<ChatMessageView> page)
    {
        lock (page)
        {
            return [.. page];
        }
    }

    private static Task WaitForAsync(List<ChatMessageView> page, Func<IReadOnlyList<ChatMessageView>, bool> condition, string what) =>
        WaitUntilAsync(() => condition(Snapshot(page)), what);

    /// <summary>Checks a condition on another instance's state until it holds (the state has no change notification to wait on).</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited 30 s for {what}.");
            }

            await Task.Delay(20);
        }
    }
}
