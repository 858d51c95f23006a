using Ihec.Portal.Features.Chat;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using static Ihec.Portal.Tests.Chat.ChatOpsSupport;
using static Ihec.Portal.Tests.Chat.ChatPortal;

namespace Ihec.Portal.Tests.Chat;

/// <summary>The navigation's unread badges: conversations with unread messages, in words for screen readers.</summary>
public sealed class ChatUnreadBadgeTests(ChatPortal portal) : IClassFixture<ChatPortal>
{
    private static async Task<int> BadgeAsync(HttpClient client, string page)
    {
        var document = await client.GetDocumentAsync(page);
        var badge = document.QuerySelector("nav.main-nav #chat-unread-badge");
        if (badge is null)
        {
            return 0;
        }

        // Not a number alone: the badge carries words for screen readers.
        Assert.Contains("غير مقروءة", badge.QuerySelector(".visually-hidden")!.TextContent, StringComparison.Ordinal);
        return int.Parse(badge.GetAttribute("data-count")!, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Agents_count_conversations_with_unread_organisation_messages_and_members_unread_replies()
    {
        var media = await portal.SignedInClientAsync(Media);
        var tammuz = await portal.SignedInClientAsync(TammuzMember);
        var kirkuk = await portal.SignedInClientAsync(KirkukMember);
        var agentBefore = await BadgeAsync(media, "/ihec/chat");
        var memberBefore = await BadgeAsync(tammuz, "/chat");
        var kirkukBefore = await BadgeAsync(kirkuk, "/chat");

        await using var member = await portal.ConnectAsync(TammuzMember);
        await using var agent = await portal.ConnectAsync(Media);
        var conversation = await StartAsync(member, "Badge " + NewId()[..6]);
        await SendAsync(member, conversation.Id, "question");
        Assert.Equal(agentBefore + 1, await BadgeAsync(media, "/ihec/chat"));

        var reply = await SendAsync(agent, conversation.Id, "answer");
        Assert.True((await agent.InvokeAsync<ChatResult<ChatReadMark>>("MarkRead", conversation.Id, reply.Sequence)).Succeeded);
        Assert.Equal(agentBefore, await BadgeAsync(media, "/ihec/chat"));
        Assert.Equal(memberBefore + 1, await BadgeAsync(tammuz, "/chat"));
        // Another organisation's badge does not count it.
        Assert.Equal(kirkukBefore, await BadgeAsync(kirkuk, "/chat"));

        Assert.True((await member.InvokeAsync<ChatResult<ChatReadMark>>("MarkRead", conversation.Id, reply.Sequence)).Succeeded);
        Assert.Equal(memberBefore, await BadgeAsync(tammuz, "/chat"));
    }
}
