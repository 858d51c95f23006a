using System.Net;
using Ihec.Portal.Features.Chat;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using static Ihec.Portal.Tests.Chat.ChatOpsSupport;
using static Ihec.Portal.Tests.Chat.ChatPortal;

namespace Ihec.Portal.Tests.Chat;

/// <summary>A member rates a resolved conversation once; agents see the rating on the queue.</summary>
public sealed class ChatRatingTests(ChatPortal portal) : IClassFixture<ChatPortal>
{
    private async Task<ConversationView> ConversationAsync(bool resolve)
    {
        await using var member = await portal.ConnectAsync(TammuzMember);
        var conversation = await StartAsync(member, "Rating " + NewId()[..6]);
        if (resolve)
        {
            await using var agent = await portal.ConnectAsync(Media);
            Assert.True((await agent.InvokeAsync<ChatResult<ConversationView>>("SetState", conversation.Id, ConversationState.Resolved)).Succeeded);
        }

        return conversation;
    }

    [Fact]
    public async Task A_member_rates_a_resolved_conversation_once_and_the_queue_shows_it()
    {
        var conversation = await ConversationAsync(resolve: true);
        var member = await portal.SignedInClientAsync(TammuzMember);

        var response = await member.SubmitFormAsync($"/chat/{conversation.Id}/rating", "rate-conversation", new Dictionary<string, string>
        {
            ["Input.Score"] = "4",
            ["Input.Comment"] = "Quick and clear.",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await member.GetDocumentAsync(response.Headers.Location!.PathAndQuery);
        Assert.Contains("Quick and clear.", page.QuerySelector("#rating-given")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form[aria-labelledby=rating-heading]"));

        // Another member of the same organisation cannot rate it again.
        {
            var admin = await portal.SignedInClientAsync(TammuzAdmin);
            var again = await admin.GetDocumentAsync($"/chat/{conversation.Id}/rating");
            Assert.NotNull(again.QuerySelector("#rating-given"));
            Assert.Empty(again.QuerySelectorAll("input[name='Input.Score']"));
        }

        await using (var db = portal.CreateDbContext())
        {
            var rating = await db.Set<ChatRating>().SingleAsync(r => r.ConversationId == conversation.Id);
            Assert.Equal(4, rating.Score);
        }

        var queue = await (await portal.SignedInClientAsync(Media)).GetDocumentAsync("/ihec/chat?state=Resolved");
        Assert.Equal("4", queue.QuerySelector($"#queue tr[data-conversation='{conversation.Id}'] [data-rating]")!.GetAttribute("data-rating"));
    }

    [Fact]
    public async Task A_conversation_still_open_cannot_be_rated()
    {
        var conversation = await ConversationAsync(resolve: false);
        var member = await portal.SignedInClientAsync(TammuzMember);

        var page = await member.GetDocumentAsync($"/chat/{conversation.Id}/rating");

        Assert.NotNull(page.QuerySelector("#rating-not-resolved"));
        Assert.Empty(page.QuerySelectorAll("input[name='Input.Score']"));
    }

    [Fact]
    public async Task A_score_out_of_range_is_refused_with_a_localised_message_and_the_comment_kept()
    {
        var conversation = await ConversationAsync(resolve: true);
        var member = await portal.SignedInClientAsync(TammuzMember);

        var response = await member.SubmitFormAsync($"/chat/{conversation.Id}/rating", "rate-conversation", new Dictionary<string, string>
        {
            ["Input.Score"] = "9",
            ["Input.Comment"] = "Kept comment",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.NotNull(page.QuerySelector("#rating-score-error .validation-message"));
        Assert.Equal("Kept comment", page.QuerySelector("#rating-comment")!.TextContent);
        await using var db = portal.CreateDbContext();
        Assert.False(await db.Set<ChatRating>().AnyAsync(r => r.ConversationId == conversation.Id));
    }

    [Fact]
    public async Task Another_organisations_member_gets_not_found()
    {
        var conversation = await ConversationAsync(resolve: true);
        var other = await portal.SignedInClientAsync(KirkukMember);

        var response = await other.GetAsync($"/chat/{conversation.Id}/rating");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
