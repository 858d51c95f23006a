using Ihec.Portal.Features.Chat;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Ihec.Portal.Tests.EndToEnd;

/// <summary>
/// A live conversation in two browsers and two languages: a CSO member (Arabic) starts it and chats with the media unit
/// (English), with an attachment; the member's connection is cut while the agent writes and comes back; every message
/// is shown once, in order, on both sides.
/// </summary>
[Collection(PlaywrightCollection.Name)]
public sealed class ChatJourneyTests(PlaywrightPortal browser)
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    /// <summary>Keeps every WebSocket the page opens in <c>window.ihecSockets</c>, so a test can cut the circuit's.</summary>
    internal const string KeepSockets = """
        (() => {
          const Native = window.WebSocket;
          window.ihecSockets = [];
          window.WebSocket = class extends Native {
            constructor(...args) { super(...args); window.ihecSockets.push(this); }
          };
        })();
        """;

    /// <summary>Closes the page's open circuit sockets with an abnormal code (a dropped connection); returns how many.</summary>
    internal const string CutSockets = """
        () => {
          const open = window.ihecSockets.filter(s => s.url.includes('/_blazor') && s.readyState === WebSocket.OPEN);
          open.forEach(s => s.close(4000, 'connection cut by the test'));
          return open.length;
        }
        """;

    /// <summary>Blazor's default reconnect UI is showing (its overlay, in the host's shadow root, is visible).</summary>
    internal const string ReconnectShown = """
        () => {
          const host = document.getElementById('components-reconnect-modal');
          return !!(host && host.shadowRoot && host.shadowRoot.querySelector('.components-reconnect-overlay.components-reconnect-visible'));
        }
        """;

    /// <summary>The page's circuit is running: the composer is enabled only then.</summary>
    internal static Task InteractiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("#message-text")).ToBeEnabledAsync(new() { Timeout = 30_000 });

    internal static async Task SendAsync(IPage page, string text)
    {
        var box = page.Locator("#message-text");
        await box.FillAsync(text);
        await box.PressAsync("Enter");
        await Assertions.Expect(page.Locator("li.chat-message .chat-text", new() { HasTextString = text })).ToHaveCountAsync(1);
        await Assertions.Expect(box).ToHaveValueAsync("");
    }

    /// <summary>Each text shown exactly once, and the messages in strictly increasing sequence order.</summary>
    internal static async Task ShownOnceInOrderAsync(IPage page, params string[] texts)
    {
        foreach (var text in texts)
        {
            await Assertions.Expect(page.Locator("li.chat-message .chat-text", new() { HasTextString = text })).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        }

        var sequences = (await page.Locator("li.chat-message").EvaluateAllAsync<long[]>("items => items.map(i => Number(i.dataset.sequence))")).ToList();
        Assert.Equal(sequences.Order().Distinct(), sequences);
    }

    [Fact]
    public async Task A_member_and_an_agent_chat_in_two_languages_with_an_attachment_and_a_cut_connection_loses_or_repeats_nothing()
    {
        var unique = Guid.NewGuid().ToString("N")[..6];
        var topic = $"بطاقات المراقبين {unique}";

        // The member starts the conversation in Arabic and opens it from the organisation's list.
        await using var memberContext = await browser.NewContextAsync(Principal.CsoMember, "ar-IQ");
        await memberContext.AddInitScriptAsync(KeepSockets);
        var member = await memberContext.NewPageAsync();
        await PlaywrightPortal.OpenAsync(member, "/chat?culture=ar");
        await member.Locator("#topic").FillAsync(topic);
        await member.Locator("main form button[type=submit]").ClickAsync();
        await member.Locator("#started-notice").WaitForAsync();
        await member.Locator("table a", new() { HasTextString = topic }).ClickAsync();
        await member.WaitForURLAsync("**/chat/*");
        var id = member.Url.Split('/')[^1];
        Assert.Equal("rtl", await member.Locator("html").GetAttributeAsync("dir"));
        await InteractiveAsync(member);

        // The agent opens it from the queue in English.
        await using var agentContext = await browser.NewContextAsync(Principal.IhecMedia, "en-GB");
        var agent = await agentContext.NewPageAsync();
        await PlaywrightPortal.OpenAsync(agent, "/ihec/chat?culture=en");
        await agent.Locator($"table a[href='/ihec/chat/{id}']").ClickAsync();
        await agent.WaitForURLAsync($"**/ihec/chat/{id}");
        Assert.Equal("ltr", await agent.Locator("html").GetAttributeAsync("dir"));
        await InteractiveAsync(agent);
        await agent.Locator("#take").ClickAsync();
        await agent.Locator("#assigned-to-you").WaitForAsync();

        // Enter sends, Shift+Enter is a new line; the agent sees the question live, typed by keyboard only.
        var question = $"متى تُسلَّم البطاقات؟ {unique}";
        var box = member.Locator("#message-text");
        await box.FocusAsync();
        await member.Keyboard.TypeAsync("سطر أول");
        await member.Keyboard.PressAsync("Shift+Enter");
        await member.Keyboard.TypeAsync(question);
        await Assertions.Expect(agent.Locator("#typing")).Not.ToBeEmptyAsync();
        await member.Keyboard.PressAsync("Enter");
        await Assertions.Expect(box).ToHaveValueAsync("");
        await Assertions.Expect(box).ToBeFocusedAsync();
        await Assertions.Expect(agent.Locator("li.chat-other .chat-text", new() { HasTextString = question })).ToHaveCountAsync(1);
        Assert.Contains("\n", await agent.Locator("li.chat-other .chat-text", new() { HasTextString = question }).InnerTextAsync());

        // The agent answers with a link; the member hears it in the live region and the link is safe.
        var answer = $"{unique} Next week at the Rusafa office, see https://ihec.iq/badges";
        await SendAsync(agent, answer);
        var received = member.Locator("li.chat-other .chat-text", new() { HasTextString = unique });
        await Assertions.Expect(received).ToHaveCountAsync(1);
        await Assertions.Expect(member.Locator("#chat-announcer")).ToContainTextAsync(answer);
        // In the member's language, not the sender's (the event arrives on the agent's thread and culture).
        await Assertions.Expect(member.Locator("#chat-announcer")).ToContainTextAsync("رسالة جديدة من");
        Assert.Equal("noopener noreferrer nofollow", await received.Locator("a").GetAttributeAsync("rel"));
        // The member's page has read it: the agent sees "read".
        await Assertions.Expect(agent.Locator("li.chat-own .chat-mark").Last).ToHaveAttributeAsync("data-mark", "read");
        // The member has the page open, so the reply is not e-mailed as if they were away.
        Assert.DoesNotContain(browser.Portal.Mails(), m => (m.Subject ?? "").Contains(topic, StringComparison.Ordinal));

        // The agent inserts a canned response (the demo's, in the conversation's language, Arabic) and sends it by keyboard.
        var canned = "تُسلَّم باجات المراقبين في مكتب المحافظة";
        await agent.Locator("#canned-search").FillAsync("Accreditation badges");
        await agent.Locator("#canned-list").SelectOptionAsync(new SelectOptionValue { Label = "Accreditation badges / باجات الاعتماد" });
        await agent.Locator("#canned-insert").FocusAsync();
        await agent.Keyboard.PressAsync("Enter");
        await Assertions.Expect(agent.Locator("#message-text")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(canned));
        await Assertions.Expect(agent.Locator("#message-text")).ToBeFocusedAsync();
        await agent.Keyboard.PressAsync("Enter");
        await Assertions.Expect(member.Locator("li.chat-other .chat-text", new() { HasTextString = canned })).ToHaveCountAsync(1);

        // The member sends a photo; both sides show it and only they can open it.
        await member.Locator("#message-file").SetInputFilesAsync(new FilePayload { Name = "badge.png", MimeType = "image/png", Buffer = Png });
        await box.FillAsync($"صورة البطاقة {unique}");
        await member.Locator("form.chat-composer button[type=submit]").ClickAsync();
        await Assertions.Expect(member.Locator("li.chat-own .chat-attachment img")).ToHaveCountAsync(1);
        var image = agent.Locator("li.chat-other .chat-attachment img");
        await Assertions.Expect(image).ToHaveCountAsync(1);
        var src = await image.GetAttributeAsync("src");
        Assert.Equal(200, (await agentContext.APIRequest.GetAsync(src!)).Status);
        Assert.Equal(200, (await memberContext.APIRequest.GetAsync(src!)).Status);

        // An empty message is refused next to the box, in Arabic, and nothing is sent.
        await box.FillAsync("   ");
        await box.PressAsync("Enter");
        await Assertions.Expect(member.Locator("#message-error .validation-message")).ToContainTextAsync("اكتب");
        await Assertions.Expect(box).ToHaveValueAsync("   ");

        // Both pages as they are now (a photo, a link, an error next to the box, the unit's note composer) pass axe.
        foreach (var (page, description) in new[] { (member, $"/chat/{id} (ar) with an error"), (agent, $"/ihec/chat/{id} (en) with a photo") })
        {
            var scan = await browser.ScanAsync(page, description);
            Assert.True(scan.Violations.Count == 0, description + ": " + string.Join("; ", scan.Violations.Select(v => $"{v.Id} {v.Help} at "
                + string.Join(", ", v.Nodes.Take(3).Select(n => n.Html)))));
        }

        // The member's connection drops while the agent writes three messages, then comes back. Chromium's offline
        // emulation (SetOfflineAsync: CDP Network.emulateNetworkConditions) blocks new connections but leaves an open
        // WebSocket up, so the circuit's socket is also closed (as a dropped network would end it, not cleanly): Blazor
        // shows its reconnect UI and cannot reconnect while offline, and the agent's messages do not reach the page.
        await memberContext.SetOfflineAsync(true);
        Assert.True(await member.EvaluateAsync<int>(CutSockets) > 0, "The member's page has no open circuit socket to cut.");
        await member.WaitForFunctionAsync(ReconnectShown, null, new() { Timeout = 15_000 });
        var whileAway = Enumerable.Range(1, 3).Select(i => $"While you were away {i} {unique}").ToArray();
        foreach (var text in whileAway)
        {
            await SendAsync(agent, text);
        }

        await member.WaitForTimeoutAsync(3000);
        foreach (var text in whileAway)
        {
            Assert.Equal(0, await member.Locator("li.chat-message .chat-text", new() { HasTextString = text }).CountAsync());
        }

        Assert.True(await member.EvaluateAsync<bool>(ReconnectShown), "The reconnect UI went away while the member was offline.");
        await memberContext.SetOfflineAsync(false);
        // The same circuit comes back on a new socket (no reload: the window keeps its socket list), and catches up.
        await member.WaitForFunctionAsync($"() => !({ReconnectShown})()", null, new() { Timeout = 60_000, PollingInterval = 250 });
        Assert.True(await member.EvaluateAsync<bool>("() => window.ihecSockets.length > 1"), "No new circuit socket after the cut.");
        await ShownOnceInOrderAsync(member, [question, answer, .. whileAway]);
        await InteractiveAsync(member);

        // A message whose notification never reached this instance (stored by another one, say): the next message
        // arrives with a gap in the numbers, and the page fetches what it missed.
        var missed = $"Stored elsewhere {unique}";
        await using (var db = browser.Portal.CreateDbContext())
        {
            var conversation = await db.Set<Conversation>().SingleAsync(c => c.Id == Guid.Parse(id));
            var author = await db.Users.SingleAsync(u => u.Email == Principal.IhecMedia.Email());
            conversation.LastSequence++;
            db.Add(new ChatMessage
            {
                ConversationId = conversation.Id, Sequence = conversation.LastSequence, ClientMessageId = Guid.NewGuid().ToString("N"),
                AuthorUserId = author.Id, AuthorName = author.DisplayName, FromIhec = true, Text = missed, CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var next = $"And one more {unique}";
        await SendAsync(agent, next);
        await ShownOnceInOrderAsync(member, [question, answer, .. whileAway, missed, next]);

        // And the conversation goes on both ways.
        var after = $"شكراً، وصلت {unique}";
        await SendAsync(member, after);
        await ShownOnceInOrderAsync(agent, [question, answer, .. whileAway, next, after]);
        await ShownOnceInOrderAsync(member, [question, answer, .. whileAway, missed, next, after]);
    }
}
