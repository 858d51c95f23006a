using System.Net;
using Ihec.Portal.Features.Chat;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using static Ihec.Portal.Tests.Chat.ChatOpsSupport;
using static Ihec.Portal.Tests.Chat.ChatPortal;

namespace Ihec.Portal.Tests.Chat;

/// <summary>The media unit's queue: waiting time and unread counts, filters, assignment and transfer, presence.</summary>
public sealed class ChatQueueTests(ChatPortal portal) : IClassFixture<ChatPortal>
{
    private static AngleSharp.Dom.IElement Row(AngleSharp.Html.Dom.IHtmlDocument page, Guid id) =>
        page.QuerySelector($"#queue tr[data-conversation='{id}']") ?? throw new Xunit.Sdk.XunitException($"No row for {id} in the queue.");

    [Fact]
    public async Task The_queue_shows_unread_counts_and_waiting_time_until_the_unit_answers()
    {
        await using var member = await portal.ConnectAsync(TammuzMember);
        await using var agent = await portal.ConnectAsync(Media);
        var conversation = await StartAsync(member, "Queue counts " + NewId()[..6]);
        await SendAsync(member, conversation.Id, "first question");
        await SendAsync(member, conversation.Id, "second question");
        var media = await portal.SignedInClientAsync(Media);

        var row = Row(await media.GetDocumentAsync("/ihec/chat"), conversation.Id);
        Assert.Equal("2", row.QuerySelector("[data-unread]")!.GetAttribute("data-unread"));
        Assert.Contains("2 غير مقروءة", row.TextContent, StringComparison.Ordinal); // the portal's default language is Arabic
        Assert.Matches(@"\d+ دقيقة", row.QuerySelector("[data-waiting]")!.TextContent);

        var reply = await SendAsync(agent, conversation.Id, "an answer");
        var read = await agent.InvokeAsync<ChatResult<ChatReadMark>>("MarkRead", conversation.Id, reply.Sequence);
        Assert.True(read.Succeeded);

        row = Row(await media.GetDocumentAsync("/ihec/chat"), conversation.Id);
        Assert.Equal("0", row.QuerySelector("[data-unread]")!.GetAttribute("data-unread"));
        Assert.Equal("لا ينتظر ردًا", row.QuerySelector("[data-waiting]")!.TextContent.Trim());
    }

    [Fact]
    public async Task An_agent_assigns_to_a_colleague_and_takes_it_back_as_a_transfer_with_both_in_the_audit_log()
    {
        var colleague = await ColleagueAsync(portal);
        await using var member = await portal.ConnectAsync(TammuzMember);
        var conversation = await StartAsync(member, "Assignment " + NewId()[..6]);
        var media = await portal.SignedInClientAsync(Media);

        var response = await media.SubmitFormAsync("/ihec/chat", "queue-actions", new Dictionary<string, string>
        {
            ["Action.Assign"] = conversation.Id.ToString(),
            [$"Action.To[{conversation.Id}]"] = colleague.Id,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull((await media.GetDocumentAsync(response.Headers.Location!.ToString())).QuerySelector("#assigned-notice"));

        await using (var db = portal.CreateDbContext())
        {
            Assert.Equal(colleague.Id, (await db.Set<Conversation>().SingleAsync(c => c.Id == conversation.Id)).AssignedToUserId);
        }

        // The colleague's queue ("mine") has it; the unassigned filter no longer does.
        var unassigned = await media.GetDocumentAsync("/ihec/chat?scope=Unassigned");
        Assert.Null(unassigned.QuerySelector($"#queue tr[data-conversation='{conversation.Id}']"));

        var mediaId = await UserIdAsync(Media);
        response = await media.SubmitFormAsync("/ihec/chat", "queue-actions", new Dictionary<string, string>
        {
            ["Action.Assign"] = conversation.Id.ToString(),
            [$"Action.To[{conversation.Id}]"] = mediaId,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var mine = await media.GetDocumentAsync("/ihec/chat?scope=Mine");
        Assert.NotNull(mine.QuerySelector($"#queue tr[data-conversation='{conversation.Id}']"));

        await using (var db = portal.CreateDbContext())
        {
            var actions = await db.AuditEntries.Where(a => a.EntityId == conversation.Id.ToString()).Select(a => a.Action).ToListAsync();
            Assert.Contains(ChatAuditActions.Assigned, actions);
            Assert.Contains(ChatOperationsAudit.Transferred, actions);
        }
    }

    [Fact]
    public async Task A_conversation_cannot_be_assigned_to_staff_outside_the_media_unit_and_the_page_says_why()
    {
        await using var member = await portal.ConnectAsync(TammuzMember);
        var conversation = await StartAsync(member, "Wrong assignee " + NewId()[..6]);
        var media = await portal.SignedInClientAsync(Media);

        var response = await media.SubmitFormAsync("/ihec/chat", "queue-actions", new Dictionary<string, string>
        {
            ["Action.Assign"] = conversation.Id.ToString(),
            [$"Action.To[{conversation.Id}]"] = await UserIdAsync(Relations),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("إلى موظفي وحدة الإعلام فقط", (await response.ParseAsync()).QuerySelector("#assign-error")!.TextContent, StringComparison.Ordinal);
        await using var db = portal.CreateDbContext();
        Assert.Null((await db.Set<Conversation>().SingleAsync(c => c.Id == conversation.Id)).AssignedToUserId);
    }

    [Fact]
    public async Task The_state_filter_shows_only_conversations_in_that_state()
    {
        await using var member = await portal.ConnectAsync(TammuzMember);
        await using var agent = await portal.ConnectAsync(Media);
        var open = await StartAsync(member, "Still open " + NewId()[..6]);
        var resolved = await StartAsync(member, "Resolved one " + NewId()[..6]);
        Assert.True((await agent.InvokeAsync<ChatResult<ConversationView>>("SetState", resolved.Id, ConversationState.Resolved)).Succeeded);
        var media = await portal.SignedInClientAsync(Media);

        var page = await media.GetDocumentAsync("/ihec/chat?state=Resolved");
        Assert.NotNull(page.QuerySelector($"#queue tr[data-conversation='{resolved.Id}']"));
        Assert.Null(page.QuerySelector($"#queue tr[data-conversation='{open.Id}']"));
    }

    [Fact]
    public async Task An_agent_with_a_hub_connection_is_shown_online_and_offline_after_it_closes()
    {
        var media = await portal.SignedInClientAsync(Media);
        var mediaId = await UserIdAsync(Media);
        var colleague = await ColleagueAsync(portal);

        await using (var connection = await portal.ConnectAsync(Media))
        {
            // The server counts a connection online at the end of OnConnectedAsync, which can still be running when the
            // client's start returns (it checks the session first); a call is only answered after it.
            await connection.InvokeAsync<IReadOnlyList<ConversationView>>("Conversations");
            var page = await media.GetDocumentAsync("/ihec/chat");
            Assert.Equal("متصل الآن", page.QuerySelector($"#agents li[data-agent='{mediaId}'] .badge")!.TextContent);
            Assert.Equal("غير متصل", page.QuerySelector($"#agents li[data-agent='{colleague.Id}'] .badge")!.TextContent);
        }

        var presence = (ChatPresence)portal.Services.GetService(typeof(ChatPresence))!;
        for (var i = 0; i < 100 && presence.IsOnline(mediaId); i++)
        {
            await Task.Delay(50);
        }

        var after = await media.GetDocumentAsync("/ihec/chat");
        Assert.Equal("غير متصل", after.QuerySelector($"#agents li[data-agent='{mediaId}'] .badge")!.TextContent);
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var db = portal.CreateDbContext();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }
}
