using System.Net;
using System.Security.Claims;
using Ihec.Portal.Features.Chat;
using Ihec.Portal.Shared.Security;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ihec.Portal.Tests.Chat.ChatPortal;

namespace Ihec.Portal.Tests.Chat;

/// <summary>The media unit's canned responses: managed on their page, listed in a conversation's language.</summary>
public sealed class ChatCannedResponseTests(ChatPortal portal) : IClassFixture<ChatPortal>
{
    private static Dictionary<string, string> Fields(string title, string ar = "نص عربي", string ckb = "دەقی کوردی", string en = "English text") => new()
    {
        ["Input.Title"] = title,
        ["Input.TextAr"] = ar,
        ["Input.TextCkb"] = ckb,
        ["Input.TextEn"] = en,
    };

    [Fact]
    public async Task An_agent_creates_edits_and_deletes_a_canned_response()
    {
        var media = await portal.SignedInClientAsync(Media);
        var title = "Registration " + Guid.NewGuid().ToString("N")[..6];

        var created = await media.SubmitFormAsync("/ihec/chat/canned/new", "canned-response", Fields(title, en: "Registration closes on the 10th."));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/ihec/chat/canned?done=saved", created.Headers.Location?.PathAndQuery);
        var list = await media.GetDocumentAsync("/ihec/chat/canned");
        var row = list.QuerySelectorAll("#canned tr[data-canned]").Single(r => r.TextContent.Contains(title, StringComparison.Ordinal));
        var id = Guid.Parse(row.GetAttribute("data-canned")!);

        var edited = await media.SubmitFormAsync($"/ihec/chat/canned/{id}", "canned-response", Fields(title + " (edited)", ckb: "تۆمارکردن لە ١٠ دادەخرێت."));
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        await using (var db = portal.CreateDbContext())
        {
            var stored = await db.Set<CannedResponse>().SingleAsync(c => c.Id == id);
            Assert.Equal(title + " (edited)", stored.Title);
            Assert.Equal("تۆمارکردن لە ١٠ دادەخرێت.", stored.TextCkb);
            Assert.Contains(await db.AuditEntries.Where(a => a.EntityId == id.ToString()).Select(a => a.Action).ToListAsync(), a => a == ChatOperationsAudit.CannedSaved);
        }

        var deleted = await media.SubmitFormAsync("/ihec/chat/canned", "canned-actions", new Dictionary<string, string> { ["Action.Delete"] = id.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        await using (var db = portal.CreateDbContext())
        {
            Assert.False(await db.Set<CannedResponse>().AnyAsync(c => c.Id == id));
        }
    }

    [Fact]
    public async Task A_canned_response_without_a_title_or_a_language_is_refused_with_what_was_typed_kept()
    {
        var media = await portal.SignedInClientAsync(Media);

        var response = await media.SubmitFormAsync("/ihec/chat/canned/new", "canned-response", Fields("", en: "Kept text", ckb: " "));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.NotNull(page.QuerySelector("#error-summary a[href$='#canned-title']"));
        Assert.NotNull(page.QuerySelector("#canned-title-error .validation-message"));
        Assert.NotNull(page.QuerySelector("#canned-ckb-error .validation-message"));
        Assert.Equal("Kept text", page.QuerySelector("#canned-en")!.TextContent);
    }

    [Fact]
    public async Task The_service_lists_the_texts_in_the_conversations_language_and_only_for_the_media_unit()
    {
        var media = await portal.SignedInClientAsync(Media);
        var title = "Languages " + Guid.NewGuid().ToString("N")[..6];
        await media.SubmitFormAsync("/ihec/chat/canned/new", "canned-response", Fields(title, "عربي", "کوردی", "English"));
        await using var scope = portal.Services.CreateAsyncScope();
        var chat = scope.ServiceProvider.GetRequiredService<ChatService>();

        var agent = await PrincipalAsync(Media, PortalRoles.IhecMedia);
        Assert.Equal("کوردی", (await chat.CannedResponsesAsync(agent, "ckb")).Single(c => c.Title == title).Text);
        Assert.Equal("English", (await chat.CannedResponsesAsync(agent, "en")).Single(c => c.Title == title).Text);
        Assert.Equal("عربي", (await chat.CannedResponsesAsync(agent, "ar")).Single(c => c.Title == title).Text);

        var relations = await PrincipalAsync(Relations, PortalRoles.IhecRelations);
        Assert.Empty(await chat.CannedResponsesAsync(relations, "en"));
    }

    private async Task<ClaimsPrincipal> PrincipalAsync(string email, string role)
    {
        await using var db = portal.CreateDbContext();
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Name, email), new Claim(ClaimTypes.Role, role)], "Test"));
    }
}
