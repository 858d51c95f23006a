using Ihec.Portal.Features.Chat;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Ihec.Portal.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static Ihec.Portal.Tests.Chat.ChatOpsSupport;
using static Ihec.Portal.Tests.Chat.ChatPortal;

namespace Ihec.Portal.Tests.Chat;

/// <summary>The media unit searches across transcripts (the Lucene transcript index), with Arabic-script folding.</summary>
public sealed class ChatSearchTests(ChatPortal portal) : IClassFixture<ChatPortal>
{
    [Fact]
    public async Task Arabic_text_is_found_whatever_hamza_and_taa_marbuta_and_the_result_links_to_the_conversation()
    {
        var marker = "ز" + NewId()[..6];
        await using var member = await portal.ConnectAsync(TammuzMember);
        var conversation = await StartAsync(member, "بحث " + marker);
        await SendAsync(member, conversation.Id, $"متى تبدأ الإنتخابات المحلية في المحافظة {marker}؟");
        await CatchUpAsync();
        var media = await portal.SignedInClientAsync(Media);

        var page = await media.GetDocumentAsync("/ihec/chat/search?q=" + Uri.EscapeDataString($"الانتخابات المحليه في المحافظه {marker}"));

        var row = page.QuerySelector($"#search-results tr[data-conversation='{conversation.Id}']");
        Assert.NotNull(row);
        Assert.Equal($"/ihec/chat/{conversation.Id}", row!.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("الإنتخابات", row.QuerySelector(".snippet")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sorani_typed_with_arabic_letters_finds_sorani_and_a_private_note_is_found_and_marked()
    {
        var marker = NewId()[..6];
        await using var member = await portal.ConnectAsync(TammuzMember);
        await using var agent = await portal.ConnectAsync(Media);
        var conversation = await StartAsync(member, "Sorani " + marker, "ckb");
        await SendAsync(member, conversation.Id, $"کارتی چاودێری {marker} کەی دەدرێت؟");
        var note = await agent.InvokeAsync<ChatResult<ChatMessageView>>("SendNote", conversation.Id, NewId(), $"internal {marker} check the list");
        Assert.True(note.Succeeded);
        await CatchUpAsync();
        var media = await portal.SignedInClientAsync(Media);

        var sorani = await media.GetDocumentAsync("/ihec/chat/search?q=" + Uri.EscapeDataString($"كارتي چاودێری {marker}"));
        Assert.NotNull(sorani.QuerySelector($"#search-results tr[data-conversation='{conversation.Id}']"));

        var notes = await media.GetDocumentAsync("/ihec/chat/search?q=" + Uri.EscapeDataString($"INTERNAL {marker}"));
        var row = notes.QuerySelector($"#search-results tr[data-conversation='{conversation.Id}']")!;
        Assert.Contains("ملاحظة داخلية", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_too_short_query_says_so_and_nothing_matching_says_so()
    {
        var media = await portal.SignedInClientAsync(Media);
        Assert.NotNull((await media.GetDocumentAsync("/ihec/chat/search?q=" + Uri.EscapeDataString("ً ا"))).QuerySelector("#search-too-short"));
        Assert.NotNull((await media.GetDocumentAsync("/ihec/chat/search?q=nothing-" + NewId())).QuerySelector("#search-none"));
    }

    [Fact]
    public async Task A_cso_member_cannot_search_transcripts_not_even_their_own()
    {
        var marker = NewId()[..8];
        await using var member = await portal.ConnectAsync(TammuzMember);
        var conversation = await StartAsync(member, "Badges " + marker);
        await SendAsync(member, conversation.Id, $"observer badges {marker}");
        await CatchUpAsync();

        var client = await portal.SignedInClientAsync(TammuzMember);
        var response = await client.GetAsync("/ihec/chat/search?q=" + marker);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Forbidden
                    || response.Headers.Location?.OriginalString.Contains("/account/access-denied", StringComparison.Ordinal) == true,
            $"{(int)response.StatusCode} {response.Headers.Location}");
        Assert.DoesNotContain(marker, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The service itself refuses the member (and answers the media unit, so the check is what differs).
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var principals = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>();
        var chat = scope.ServiceProvider.GetRequiredService<ChatService>();
        var asMember = await principals.CreateAsync((await users.FindByEmailAsync(TammuzMember))!);
        var asMedia = await principals.CreateAsync((await users.FindByEmailAsync(Media))!);
        Assert.Empty((await chat.SearchAsync(asMember, "badges " + marker)).Hits);
        Assert.Equal(conversation.Id, Assert.Single((await chat.SearchAsync(asMedia, "badges " + marker)).Hits).ConversationId);
    }

    [Fact]
    public async Task Newest_first_on_request_and_what_people_typed_is_shown_as_text_never_as_html()
    {
        var marker = NewId()[..8];
        await using var member = await portal.ConnectAsync(TammuzMember);
        var conversation = await StartAsync(member, "Order " + marker);
        await SendAsync(member, conversation.Id, $"{marker} {marker} {marker}");
        await SendAsync(member, conversation.Id, $"a longer message that says {marker} once, <b id='injected'>bold</b> and <script>alert(1)</script> with it");
        await CatchUpAsync();
        var media = await portal.SignedInClientAsync(Media);

        var best = await media.GetDocumentAsync("/ihec/chat/search?q=" + marker);
        var newest = await media.GetDocumentAsync("/ihec/chat/search?sort=newest&q=" + marker);

        Assert.Equal(2, best.QuerySelectorAll("#search-results tbody tr").Length);
        Assert.StartsWith(marker, best.QuerySelector("#search-results tbody tr .snippet")!.TextContent.Trim(), StringComparison.Ordinal);
        var first = newest.QuerySelector("#search-results tbody tr .snippet")!;
        Assert.Contains("<b id='injected'>bold</b>", first.TextContent, StringComparison.Ordinal);
        Assert.Null(newest.QuerySelector("#injected"));
        Assert.Equal(marker, first.QuerySelector("mark")!.TextContent);
        Assert.NotNull(newest.QuerySelector("#search-sort option[value=newest][selected]"));
        Assert.NotNull(newest.QuerySelector("#search-lag"));
    }

    /// <summary>The index is written off the send path: wait for it to take in what was stored, rather than sleeping.</summary>
    private Task<int> CatchUpAsync() => portal.Services.GetRequiredService<ChatSearchIndexer>().CatchUpAsync();

    [Theory]
    [InlineData("الإنتخابات", "الانتخابات", true)]
    [InlineData("مدرسة", "مدرسه", true)]
    [InlineData("مستشفى", "مستشفي", true)]
    [InlineData("Observer", "OBSERVER", true)]
    [InlineData("٢٠٢٦", "2026", true)]
    [InlineData("بطاقة", "قائمة", false)]
    public void Folding_matches_what_readers_expect(string text, string query, bool matches)
    {
        var needle = ChatService.SearchFold(query).Text;
        Assert.Equal(matches, ChatService.Snippet(text, needle) is not null);
    }

    [Fact]
    public void The_snippet_keeps_the_original_spelling_around_the_match()
    {
        var text = new string('x', 100) + " الإنتخابات " + new string('y', 100);
        var snippet = ChatService.Snippet(text, ChatService.SearchFold("الانتخابات").Text)!;
        Assert.Contains("الإنتخابات", snippet, StringComparison.Ordinal);
        Assert.StartsWith("…", snippet, StringComparison.Ordinal);
        Assert.EndsWith("…", snippet, StringComparison.Ordinal);
    }
}
