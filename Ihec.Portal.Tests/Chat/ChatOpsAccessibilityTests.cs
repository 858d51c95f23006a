using System.Text;
using Ihec.Portal.Features.Chat;
using Ihec.Portal.Tests.EndToEnd;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ihec.Portal.Tests.Chat;

/// <summary>
/// The media unit's tools and the rating page in a browser, in each language, in the states the authorisation matrix
/// scan does not reach: a form with errors, search results, a rating form for a resolved conversation.
/// </summary>
[Collection(PlaywrightCollection.Name)]
public sealed class ChatOpsAccessibilityTests(PlaywrightPortal browser)
{
    [Theory]
    [InlineData("ar")]
    [InlineData("ckb")]
    [InlineData("en")]
    public async Task Canned_responses_search_and_rating_have_no_serious_violations(string language)
    {
        var problems = new StringBuilder();
        var topic = $"Rating a11y {language} {Guid.NewGuid():N}"[..28];
        var conversationId = await ResolvedConversationAsync(topic);

        await using var media = await browser.NewContextAsync(Principal.IhecMedia);
        var page = await media.NewPageAsync();
        var editor = PlaywrightPortal.WithCulture("/ihec/chat/canned/new", language);
        await PlaywrightPortal.OpenAsync(page, editor);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.Locator("#error-summary").WaitForAsync();
        await Scan(page, $"{editor}, form with errors");

        await page.Locator("#canned-title").FillAsync("Badges " + language);
        await page.Locator("#canned-ar").FillAsync("نص");
        await page.Locator("#canned-ckb").FillAsync("دەق");
        await page.Locator("#canned-en").FillAsync("Text");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.Locator("#canned-done").WaitForAsync();
        await Scan(page, "/ihec/chat/canned with a response");

        var search = PlaywrightPortal.WithCulture("/ihec/chat/search?q=" + Uri.EscapeDataString(topic), language);
        await PlaywrightPortal.OpenAsync(page, search);
        await page.Locator("#search-results mark").First.WaitForAsync();
        await Scan(page, search);

        await using var member = await browser.NewContextAsync(Principal.CsoMember);
        var memberPage = await member.NewPageAsync();
        var rating = PlaywrightPortal.WithCulture($"/chat/{conversationId}/rating", language);
        await PlaywrightPortal.OpenAsync(memberPage, rating);
        await memberPage.Locator("main form button[type=submit]").ClickAsync();
        await memberPage.Locator("#error-summary").WaitForAsync();
        await Scan(memberPage, $"{rating}, form with errors");

        Assert.True(problems.Length == 0, problems.ToString());

        async Task Scan(IPage scanned, string description)
        {
            var scan = await browser.ScanAsync(scanned, description);
            foreach (var violation in scan.Violations)
            {
                problems.AppendLine($"{description}: {violation.Id} ({violation.Impact}) {violation.Help} at "
                                    + string.Join(", ", violation.Nodes.Take(3).Select(n => n.Html)));
            }
        }
    }

    private async Task<Guid> ResolvedConversationAsync(string topic)
    {
        await using var db = browser.Portal.CreateDbContext();
        var member = await db.Users.SingleAsync(u => u.Email == ChatPortal.TammuzMember);
        var now = DateTimeOffset.UtcNow;
        var conversation = new Conversation
        {
            OrganisationId = member.OrganisationId!.Value, Topic = topic, Language = "ar", State = ConversationState.Resolved,
            StartedByUserId = member.Id, StartedByName = member.DisplayName, CreatedAt = now, UpdatedAt = now, LastSequence = 1,
        };
        // A message with the topic's words, so the search scan sees a results table with a highlighted excerpt.
        conversation.Messages.Add(new ChatMessage
        {
            Sequence = 1, ClientMessageId = "a11y", AuthorUserId = member.Id, AuthorName = member.DisplayName,
            Text = "About " + topic + " and the observer badges", CreatedAt = now,
        });
        db.Add(conversation);
        await db.SaveChangesAsync();
        await browser.Portal.Services.GetRequiredService<ChatSearchIndexer>().CatchUpAsync();
        return conversation.Id;
    }
}
