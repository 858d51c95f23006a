using System.Net;
using Ihec.Portal.Tests.Infrastructure;
using static Ihec.Portal.Tests.Chat.ChatPortal;

namespace Ihec.Portal.Tests.Chat;

/// <summary>The server-rendered chat pages: a CSO member starts a conversation, and it shows in the organisation's list and the media unit's queue only.</summary>
public sealed class ChatPagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_started_conversation_shows_in_the_organisations_list_and_the_queue_and_not_to_another_organisation()
    {
        var topic = "Observer badges " + Guid.NewGuid().ToString("N")[..8];
        var member = await portal.SignedInClientAsync(TammuzMember);

        var response = await member.SubmitFormAsync("/chat", "start-conversation", new Dictionary<string, string>
        {
            ["Input.Topic"] = topic,
            ["Input.Language"] = "en",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/chat?started=true", response.Headers.Location?.PathAndQuery);
        var list = await member.GetDocumentAsync("/chat?started=true");
        Assert.NotNull(list.QuerySelector("#started-notice"));
        Assert.Contains(list.QuerySelectorAll("table td"), td => td.TextContent == topic);

        var queue = await (await portal.SignedInClientAsync(Media)).GetDocumentAsync("/ihec/chat");
        Assert.Contains(queue.QuerySelectorAll("table td"), td => td.TextContent == topic);

        var other = await (await portal.SignedInClientAsync(KirkukMember)).GetDocumentAsync("/chat");
        Assert.DoesNotContain(topic, other.DocumentElement.OuterHtml);
    }

    [Fact]
    public async Task A_conversation_without_a_topic_is_not_started_and_the_form_says_why()
    {
        var member = await portal.SignedInClientAsync(KirkukMember);

        var response = await member.SubmitFormAsync("/chat", "start-conversation", new Dictionary<string, string>
        {
            ["Input.Topic"] = "  ",
            ["Input.Language"] = "ar",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.NotNull(page.QuerySelector("#error-summary a[href$='#topic']"));
        Assert.NotNull(page.QuerySelector("#topic-error .validation-message"));
    }
}
