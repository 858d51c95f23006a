using Ihec.Portal.Features.Chat;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Ihec.Portal.Tests.EndToEnd.ChatJourneyTests;

namespace Ihec.Portal.Tests.EndToEnd;

/// <summary>
/// The media unit's queue updates by itself: open in one browser (in Kurdish), it shows a conversation a member starts
/// in another, announces it politely, keeps the keyboard focus where it was, shows new unread messages, reloads once
/// for a burst of events, and drops a conversation resolved elsewhere from a queue filtered to open ones.
/// </summary>
[Collection(PlaywrightCollection.Name)]
public sealed class ChatQueueLiveTests(PlaywrightPortal browser)
{
    private static async Task<string> StartAsync(IPage member, string topic)
    {
        await PlaywrightPortal.OpenAsync(member, "/chat?culture=ar");
        await member.Locator("#topic").FillAsync(topic);
        await member.Locator("main form button[type=submit]").ClickAsync();
        await member.Locator("#started-notice").WaitForAsync();
        return (await member.Locator("table a", new() { HasTextString = topic }).GetAttributeAsync("href"))!.Split('/')[^1];
    }

    private static Task<int> RefreshesAsync(IPage page) =>
        page.Locator("#queue").EvaluateAsync<int>("t => Number(t.dataset.refreshes)");

    [Fact]
    public async Task The_queue_shows_a_conversation_started_elsewhere_without_a_reload_and_keeps_the_focus()
    {
        var unique = Guid.NewGuid().ToString("N")[..6];
        await using var memberContext = await browser.NewContextAsync(Principal.CsoMember, "ar-IQ");
        var member = await memberContext.NewPageAsync();
        var first = await StartAsync(member, $"یەکەم {unique}");

        // The agent's queue, in Kurdish, filtered to open conversations; the first paint is the server's table.
        await using var agentContext = await browser.NewContextAsync(Principal.IhecMedia, "ckb-IQ");
        var agent = await agentContext.NewPageAsync();
        await PlaywrightPortal.OpenAsync(agent, "/ihec/chat?state=Open&culture=ckb");
        Assert.Equal("ckb", await agent.Locator("html").GetAttributeAsync("lang"));
        await Assertions.Expect(agent.Locator($"#queue tr[data-conversation='{first}']")).ToHaveCountAsync(1);
        await Assertions.Expect(agent.Locator("#queue-live")).ToHaveAttributeAsync("data-live", "true", new() { Timeout = 30_000 });
        await agent.EvaluateAsync("() => window.notReloaded = true");

        // The agent is on the first row's assignment button, by keyboard.
        var assign = agent.Locator($"#assign-{first}");
        await assign.FocusAsync();
        await Assertions.Expect(assign).ToBeFocusedAsync();

        // A member starts another conversation: it appears, is announced once in Kurdish, and the focus stays.
        var topic = $"دووەم {unique}";
        var second = await StartAsync(member, topic);
        await Assertions.Expect(agent.Locator($"#queue tr[data-conversation='{second}']")).ToHaveCountAsync(1);
        await Assertions.Expect(agent.Locator("#queue-announcer")).ToHaveTextAsync($"گفتوگۆیەکی نوێ چاوەڕێی وەڵامە: {topic}");
        Assert.Equal("polite", await agent.Locator("#queue-announcer").GetAttributeAsync("aria-live"));
        await Assertions.Expect(assign).ToBeFocusedAsync();
        Assert.True(await agent.EvaluateAsync<bool>("() => window.notReloaded === true"));

        // The member writes in the second conversation: its unread count and waiting time change, without a reload.
        await PlaywrightPortal.OpenAsync(member, $"/chat/{second}?culture=ar");
        await InteractiveAsync(member);
        await SendAsync(member, $"سؤال {unique}");
        var row = agent.Locator($"#queue tr[data-conversation='{second}']");
        await Assertions.Expect(row.Locator("[data-unread]")).ToHaveAttributeAsync("data-unread", "1");
        await Assertions.Expect(row.Locator("[data-waiting]")).Not.ToHaveTextAsync("چاوەڕێی وەڵام ناکات");
        await Assertions.Expect(assign).ToBeFocusedAsync();

        // A third conversation, then the unit replies in the first: the first row moves below the third (the queue
        // orders the conversations not waiting by their last change), its focused button with it, and keeps the focus.
        var third = await StartAsync(member, $"سێیەم {unique}");
        await Assertions.Expect(agent.Locator($"#queue tr[data-conversation='{first}'] + tr")).ToHaveAttributeAsync("data-conversation", third);
        var other = await agentContext.NewPageAsync();
        await PlaywrightPortal.OpenAsync(other, $"/ihec/chat/{first}?culture=ckb");
        await InteractiveAsync(other);
        await SendAsync(other, $"Reply {unique}");
        await Assertions.Expect(agent.Locator($"#queue tr[data-conversation='{third}'] + tr")).ToHaveAttributeAsync("data-conversation", first);
        await Assertions.Expect(assign).ToBeFocusedAsync();

        // A burst of events (a busy election day) makes one or two reloads, not one each.
        var before = await RefreshesAsync(agent);
        var events = browser.Portal.Services.GetRequiredService<ChatLocalEvents>();
        for (var i = 0; i < 40; i++)
        {
            await events.DeliverAsync(new ChatMessageStored(new ChatMessageView(Guid.NewGuid(), 1000 + i, Guid.NewGuid().ToString("N"),
                "nobody", "Burst", false, ChatMessageKind.Message, "burst", DateTimeOffset.UtcNow)));
        }

        await Assertions.Expect(agent.Locator("#queue")).Not.ToHaveAttributeAsync("data-refreshes", before.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await agent.WaitForTimeoutAsync(1500);
        var made = await RefreshesAsync(agent) - before;
        // One or two for the burst (an event may land just after a reload started), one more at most from the minute's tick.
        Assert.InRange(made, 1, 3);
        var announced = await agent.Locator("#queue-announcer").TextContentAsync();

        // Resolved in another tab: it leaves this queue, filtered to open conversations, and nothing is announced.
        await PlaywrightPortal.OpenAsync(other, $"/ihec/chat/{second}?culture=ckb");
        await Assertions.Expect(other.Locator("button[data-state=Resolved]")).ToBeEnabledAsync(new() { Timeout = 30_000 });
        await other.Locator("button[data-state=Resolved]").ClickAsync();
        await Assertions.Expect(agent.Locator($"#queue tr[data-conversation='{second}']")).ToHaveCountAsync(0);
        await Assertions.Expect(agent.Locator($"#queue tr[data-conversation='{first}']")).ToHaveCountAsync(1);
        await Assertions.Expect(agent.Locator("#queue-announcer")).ToHaveTextAsync(announced!);
        await agent.BringToFrontAsync();
        await Assertions.Expect(assign).ToBeFocusedAsync();
        Assert.True(await agent.EvaluateAsync<bool>("() => window.notReloaded === true"));
    }
}
