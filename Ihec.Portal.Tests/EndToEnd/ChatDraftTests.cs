using Ihec.Portal.Features.Chat;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Ihec.Portal.Tests.EndToEnd.ChatJourneyTests;

namespace Ihec.Portal.Tests.EndToEnd;

/// <summary>
/// What is typed in a conversation's message box and not yet sent survives a reload in the same tab (as after a lost
/// circuit); once sent, a reload leaves the box empty. The restart case is in <see cref="ChatRestartTests"/>.
/// </summary>
[Collection(PlaywrightCollection.Name)]
public sealed class ChatDraftTests(PlaywrightPortal browser)
{
    [Fact]
    public async Task Unsent_text_comes_back_after_a_reload_and_is_gone_once_sent()
    {
        var unique = Guid.NewGuid().ToString("N")[..6];
        await using var context = await browser.NewContextAsync(Principal.CsoMember, "ar-IQ");
        var member = await context.NewPageAsync();
        await PlaywrightPortal.OpenAsync(member, "/chat?culture=ar");
        await member.Locator("#topic").FillAsync($"مسودة {unique}");
        await member.Locator("main form button[type=submit]").ClickAsync();
        await member.Locator("#started-notice").WaitForAsync();
        await member.Locator("table a", new() { HasTextString = unique }).ClickAsync();
        await member.WaitForURLAsync("**/chat/*");
        await InteractiveAsync(member);

        // Typed by keyboard, two lines, not sent; the page is reloaded (a lost circuit reloads it the same way).
        var box = member.Locator("#message-text");
        await box.FocusAsync();
        await member.Keyboard.TypeAsync($"لم يُرسل بعد {unique}");
        await member.Keyboard.PressAsync("Shift+Enter");
        await member.Keyboard.TypeAsync("سطر ثانٍ");
        var typed = await box.InputValueAsync();
        await member.ReloadAsync(new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await InteractiveAsync(member);
        await Assertions.Expect(box).ToHaveValueAsync(typed);
        Assert.Equal(0, await member.Locator("li.chat-message").CountAsync());

        // Sent as restored: stored once, the box and the tab's copy are emptied, and a reload keeps the box empty.
        await box.PressAsync("Enter");
        await Assertions.Expect(member.Locator("li.chat-own .chat-text", new() { HasTextString = unique })).ToHaveCountAsync(1);
        await Assertions.Expect(box).ToHaveValueAsync("");
        await member.WaitForFunctionAsync("() => Object.keys(sessionStorage).every(k => !k.startsWith('ihec-chat-draft:'))");
        await member.ReloadAsync(new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await InteractiveAsync(member);
        await ShownOnceInOrderAsync(member, $"لم يُرسل بعد {unique}");
        await member.WaitForTimeoutAsync(500);
        await Assertions.Expect(box).ToHaveValueAsync("");

        // The connection went just as a message was stored, before the tab's copy was removed: the copy (with the
        // message's client id) comes back, and sending it again does not store it twice.
        string clientId;
        await using (var db = browser.Portal.CreateDbContext())
        {
            clientId = (await db.Set<ChatMessage>().SingleAsync(m => m.Text.Contains(unique))).ClientMessageId;
        }

        var key = await box.GetAttributeAsync("data-chat-draft");
        await member.EvaluateAsync("([key, text, id]) => { sessionStorage.setItem(key, text); sessionStorage.setItem(key + ':id', id); }",
            new[] { key, typed, clientId });
        await member.ReloadAsync(new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await InteractiveAsync(member);
        await Assertions.Expect(box).ToHaveValueAsync(typed);
        await box.PressAsync("Enter");
        await Assertions.Expect(box).ToHaveValueAsync("");
        await ShownOnceInOrderAsync(member, $"لم يُرسل بعد {unique}");
        await using (var db = browser.Portal.CreateDbContext())
        {
            Assert.Equal(1, await db.Set<ChatMessage>().CountAsync(m => m.Text.Contains(unique)));
        }

        // The copy is per conversation: another conversation's box starts empty, and this one's text waits here.
        var url = member.Url;
        await box.FillAsync($"لهذه المحادثة {unique}");
        await member.WaitForFunctionAsync($"() => Object.values(sessionStorage).includes('لهذه المحادثة {unique}')");
        await PlaywrightPortal.OpenAsync(member, "/chat?culture=ar");
        await member.Locator("#topic").FillAsync($"أخرى {unique}");
        await member.Locator("main form button[type=submit]").ClickAsync();
        await member.Locator("#started-notice").WaitForAsync();
        await member.Locator("table a", new() { HasTextString = $"أخرى {unique}" }).ClickAsync();
        await member.WaitForURLAsync(u => u != url && u.Contains("/chat/", StringComparison.Ordinal));
        await InteractiveAsync(member);
        await member.WaitForTimeoutAsync(500);
        await Assertions.Expect(box).ToHaveValueAsync("");
        await PlaywrightPortal.OpenAsync(member, url);
        await InteractiveAsync(member);
        await Assertions.Expect(box).ToHaveValueAsync($"لهذه المحادثة {unique}");
    }
}
