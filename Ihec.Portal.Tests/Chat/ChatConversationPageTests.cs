using System.Net;
using System.Security.Claims;
using System.Text;
using Ihec.Portal.Features.Chat;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ihec.Portal.Tests.Chat.ChatPortal;

namespace Ihec.Portal.Tests.Chat;

/// <summary>
/// The conversation pages as first rendered (before their circuit starts), and attachments: what each participant sees,
/// that another organisation's member finds neither the page nor its files, and that message text is never markup.
/// </summary>
public sealed class ChatConversationPageTests(ChatPortal portal) : IClassFixture<ChatPortal>
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private async Task<Guid> DemoConversationAsync()
    {
        await using var db = portal.CreateDbContext();
        return await db.Set<Conversation>().Where(c => c.Topic == ChatDemo.Topic).Select(c => c.Id).SingleAsync();
    }

    private async Task<ConversationView> StartAsync(HubConnection member)
    {
        var started = await member.InvokeAsync<ChatResult<ConversationView>>("Start", "Page " + Guid.NewGuid().ToString("N")[..8], "en");
        Assert.True(started.Succeeded, started.ErrorText);
        return started.Value!;
    }

    /// <summary>The service as the account, with the claims a sign-in gives it.</summary>
    private async Task<(ChatService Chat, ClaimsPrincipal User, AsyncServiceScope Scope)> AsAsync(string email)
    {
        var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>();
        var principal = await factory.CreateAsync((await users.FindByEmailAsync(email))!);
        return (scope.ServiceProvider.GetRequiredService<ChatService>(), principal, scope);
    }

    [Fact]
    public async Task The_organisation_sees_its_conversation_without_private_notes_the_media_unit_with_them_and_another_organisation_gets_not_found()
    {
        var id = await DemoConversationAsync();

        var member = await (await portal.SignedInClientAsync(TammuzMember)).GetAsync($"/chat/{id}");
        Assert.Equal(HttpStatusCode.OK, member.StatusCode);
        var memberPage = await member.ParseAsync();
        Assert.Equal([1L, 3L], memberPage.QuerySelectorAll("li.chat-message").Select(li => long.Parse(li.GetAttribute("data-sequence")!)));
        Assert.Empty(memberPage.QuerySelectorAll(".chat-note"));
        Assert.NotNull(memberPage.QuerySelector("textarea#message-text"));
        Assert.Null(memberPage.QuerySelector("textarea#note-text"));
        Assert.NotNull(memberPage.QuerySelector("[aria-live=polite]#chat-announcer"));

        var agent = await (await portal.SignedInClientAsync(Media)).GetAsync($"/ihec/chat/{id}");
        Assert.Equal(HttpStatusCode.OK, agent.StatusCode);
        var agentPage = await agent.ParseAsync();
        Assert.Equal([1L, 2L, 3L], agentPage.QuerySelectorAll("li.chat-message").Select(li => long.Parse(li.GetAttribute("data-sequence")!)));
        Assert.NotNull(agentPage.QuerySelector("li.chat-note[data-sequence='2'] .chat-note-label"));
        Assert.NotNull(agentPage.QuerySelector("textarea#note-text"));
        Assert.Equal(3, agentPage.QuerySelectorAll("button[data-state]").Length);

        var other = await (await portal.SignedInClientAsync(KirkukMember)).GetAsync($"/chat/{id}");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.DoesNotContain(ChatDemo.Topic, await other.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Message_text_is_shown_as_text_and_only_web_addresses_become_links_that_open_safely()
    {
        await using var hub = await portal.ConnectAsync(TammuzMember);
        var conversation = await StartAsync(hub);
        var sent = await hub.InvokeAsync<ChatResult<ChatMessageView>>("Send", conversation.Id, Guid.NewGuid().ToString("N"),
            "<script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) see https://ihec.iq/decisions?a=1&b=2.");
        Assert.True(sent.Succeeded, sent.ErrorText);

        var page = await (await portal.SignedInClientAsync(TammuzAdmin)).GetDocumentAsync($"/chat/{conversation.Id}");

        var text = page.QuerySelector("li[data-sequence='1'] .chat-text")!;
        Assert.Empty(text.QuerySelectorAll("script, img"));
        Assert.Contains("<script>alert(1)</script>", text.TextContent);
        var link = Assert.Single(text.QuerySelectorAll("a"));
        Assert.Equal("https://ihec.iq/decisions?a=1&b=2", link.GetAttribute("href"));
        Assert.Equal("noopener noreferrer nofollow", link.GetAttribute("rel"));
        Assert.Equal("_blank", link.GetAttribute("target"));
    }

    [Fact]
    public async Task An_attachment_is_stored_with_its_message_and_served_to_the_conversations_participants_only()
    {
        await using var hub = await portal.ConnectAsync(TammuzMember);
        var conversation = await StartAsync(hub);
        var (chat, member, scope) = await AsAsync(TammuzMember);
        await using var _ = scope;
        var clientId = Guid.NewGuid().ToString("N");

        var sent = await chat.SendWithAttachmentAsync(member, conversation.Id, clientId, "the badge", new MemoryStream(Png), "../badge photo.png");
        var resent = await chat.SendWithAttachmentAsync(member, conversation.Id, clientId, "the badge", new MemoryStream(Png), "../badge photo.png");

        Assert.True(sent.Succeeded, sent.ErrorText);
        Assert.Equal(sent.Value!.Sequence, resent.Value!.Sequence);
        var attachment = sent.Value.Attachment!;
        Assert.Equal("badge photo.png", attachment.Name);
        await using (var db = portal.CreateDbContext())
        {
            Assert.Equal(1, await db.Set<ChatMessage>().CountAsync(m => m.ConversationId == conversation.Id && m.AttachmentFileId != null));
        }

        foreach (var allowed in new[] { TammuzMember, TammuzAdmin, Media })
        {
            var response = await (await portal.SignedInClientAsync(allowed)).GetAsync(attachment.Url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
            UploadedFileAssert.IsSandboxed(response);
            Assert.Equal(Png, await response.Content.ReadAsByteArrayAsync());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await (await portal.SignedInClientAsync(KirkukMember)).GetAsync(attachment.Url)).StatusCode);
        var relations = await (await portal.SignedInClientAsync(Relations)).GetAsync(attachment.Url);
        Assert.StartsWith("/account/access-denied", relations.RedirectPath());

        var page = await (await portal.SignedInClientAsync(Media)).GetDocumentAsync($"/ihec/chat/{conversation.Id}");
        Assert.Equal(attachment.Url, page.QuerySelector("li[data-sequence='1'] .chat-attachment img")?.GetAttribute("src"));
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_or_a_pdf_is_refused_with_a_message_and_nothing_is_stored()
    {
        await using var hub = await portal.ConnectAsync(TammuzMember);
        var conversation = await StartAsync(hub);
        var (chat, member, scope) = await AsAsync(TammuzMember);
        await using var _ = scope;

        var html = await chat.SendWithAttachmentAsync(member, conversation.Id, Guid.NewGuid().ToString("N"), "",
            new MemoryStream(Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>")), "photo.png");

        Assert.Equal(ChatError.AttachmentWrongType, html.Error);
        Assert.False(string.IsNullOrWhiteSpace(html.ErrorText));
        await using var db = portal.CreateDbContext();
        Assert.False(await db.Set<ChatMessage>().AnyAsync(m => m.ConversationId == conversation.Id));
    }
}
