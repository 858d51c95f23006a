using Ihec.Portal.Features.Chat;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using MimeKit;
using static Ihec.Portal.Tests.Chat.ChatOpsSupport;
using static Ihec.Portal.Tests.Chat.ChatPortal;

namespace Ihec.Portal.Tests.Chat;

/// <summary>A reply from the media unit that no member of the organisation is there to see is e-mailed, at most once per conversation per interval.</summary>
public sealed class ChatAwayEmailTests(ChatPortal portal) : IClassFixture<ChatPortal>
{
    private IReadOnlyList<MimeMessage> MailsAbout(string topic) =>
        portal.Mails().Where(m => (m.Subject ?? "").Contains(topic, StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task A_reply_while_the_member_is_away_is_e_mailed_once_with_the_text_and_a_link_in_the_members_language()
    {
        var topic = "Away " + NewId()[..8];
        ConversationView conversation;
        await using (var member = await portal.ConnectAsync(TammuzMember))
        {
            conversation = await StartAsync(member, topic, "en");
            await SendAsync(member, conversation.Id, "Where do we collect the badges?");
        }

        await using var agent = await portal.ConnectAsync(Media);
        await SendAsync(agent, conversation.Id, "At the governorate office, from Sunday.");
        await SendAsync(agent, conversation.Id, "Bring the accreditation letter.");

        var mail = Assert.Single(MailsAbout(topic));
        Assert.Equal(TammuzMember, mail.To.Mailboxes.Single().Address);
        Assert.Contains("At the governorate office, from Sunday.", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Bring the accreditation letter.", mail.TextBody, StringComparison.Ordinal);
        // The demo member reads the portal in Arabic.
        Assert.StartsWith("رد من وحدة الإعلام", mail.Subject, StringComparison.Ordinal);
        MailAssert.HtmlAndText(mail, "ar", $"/chat/{conversation.Id}");
    }

    [Fact]
    public async Task No_e_mail_while_a_member_has_the_conversation_open_and_none_for_a_private_note()
    {
        var topic = "Present " + NewId()[..8];
        await using var member = await portal.ConnectAsync(TammuzMember);
        var conversation = await StartAsync(member, topic, "ar");
        var joined = await member.InvokeAsync<ChatResult<IReadOnlyList<ChatMessageView>>>("Join", conversation.Id, 0L);
        Assert.True(joined.Succeeded);
        await using var agent = await portal.ConnectAsync(Media);

        await SendAsync(agent, conversation.Id, "You are here, no e-mail.");
        var note = await agent.InvokeAsync<ChatResult<ChatMessageView>>("SendNote", conversation.Id, NewId(), "staff only");
        Assert.True(note.Succeeded);
        Assert.Empty(MailsAbout(topic));

        // Once the member leaves the conversation, the next reply is e-mailed.
        await member.InvokeAsync("Leave", conversation.Id);
        await SendAsync(agent, conversation.Id, "Now you are away.");
        Assert.Contains("Now you are away.", Assert.Single(MailsAbout(topic)).TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_that_registers_presence_in_the_conversation_also_stops_the_e_mail()
    {
        var topic = "Page " + NewId()[..8];
        ConversationView conversation;
        await using (var member = await portal.ConnectAsync(TammuzMember))
        {
            conversation = await StartAsync(member, topic, "ar");
        }

        var presence = (ChatPresence)portal.Services.GetService(typeof(ChatPresence))!;
        await using var db = portal.CreateDbContext();
        var memberId = db.Users.Single(u => u.Email == TammuzMember).Id;
        await using var agent = await portal.ConnectAsync(Media);
        using (presence.EnterConversation(conversation.Id, memberId))
        {
            await SendAsync(agent, conversation.Id, "Seen on the page.");
        }

        Assert.Empty(MailsAbout(topic));
    }
}
