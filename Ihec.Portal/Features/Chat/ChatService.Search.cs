using System.Security.Claims;
using System.Text;
using Ihec.Portal.Infrastructure.Localisation;
using Ihec.Portal.Shared.Text;

namespace Ihec.Portal.Features.Chat;

/// <summary>A message that matched a transcript search.</summary>
public sealed record ChatSearchHit(Guid ConversationId, string Topic, string OrganisationName, long Sequence, bool FromIhec,
    ChatMessageKind Kind, string AuthorName, IReadOnlyList<Infrastructure.Search.SnippetPart> Snippet, DateTimeOffset CreatedAt);

/// <summary>One page of a transcript search: its hits, how many messages matched in all, and the page asked for (from 1).</summary>
public sealed record ChatSearchResults(IReadOnlyList<ChatSearchHit> Hits, int Total, int Page)
{
    public static readonly ChatSearchResults Empty = new([], 0, 1);

    public int PageCount => Math.Max(1, (Total + ChatService.MaxSearchHits - 1) / ChatService.MaxSearchHits);
}

/// <summary>Search across transcripts for the media unit.</summary>
/// <remarks>
/// Messages and private notes are found in their own Lucene index (<see cref="ChatSearchIndex"/>, fed off the send path
/// by <see cref="ChatSearchIndexer"/>, so results can be a few seconds behind): Arabic, Sorani and English analysis with
/// the portal's folding (hamza and alef forms, taa marbuta, alef maqsura, Kurdish letters, diacritics, tatweel) and
/// stemming, over every message ever stored. <see cref="SearchFold"/> remains for filtering short lists in the page
/// (the canned-response picker).
/// </remarks>
public sealed partial class ChatService
{
    /// <summary>Results per page.</summary>
    public const int MaxSearchHits = 50;
    public const int MinSearchLength = 2;
    private const int SnippetContext = 60;

    /// <summary>One page (from 1) of the messages matching <paramref name="query"/>; for the media unit only, nothing for anyone else.</summary>
    public async Task<ChatSearchResults> SearchAsync(ClaimsPrincipal user, string? query, ChatSearchOrder order = ChatSearchOrder.Relevance,
        int page = 1, CancellationToken cancellationToken = default)
    {
        var needle = SearchFold(query?.Trim() ?? "").Text.Trim();
        if (needle.Length < MinSearchLength || await CallerAsync(user) is not { IsAgent: true })
        {
            return ChatSearchResults.Empty;
        }

        page = Math.Clamp(page, 1, 1000);
        var found = searchIndex.Search(query, order, (page - 1) * MaxSearchHits, MaxSearchHits);
        if (found.Hits.Count == 0)
        {
            return new ChatSearchResults([], found.Total, page);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = found.Hits.Select(h => h.ConversationId).Distinct().ToList();
        var conversations = (await ViewsAsync(db, db.Set<Conversation>().Where(c => ids.Contains(c.Id)), cancellationToken)).ToDictionary(c => c.Id);
        // A conversation no longer stored drops out of the page.
        var hits = found.Hits.Where(h => conversations.ContainsKey(h.ConversationId)).Select(h =>
        {
            var c = conversations[h.ConversationId];
            return new ChatSearchHit(c.Id, c.Topic, c.OrganisationName, h.Sequence, h.FromIhec, h.Kind, h.AuthorName, h.Snippet, h.CreatedAt);
        }).ToList();
        return new ChatSearchResults(hits, found.Total, page);
    }

    /// <summary>The text around the first match of <paramref name="needle"/> (already folded) in <paramref name="text"/>, or null.</summary>
    internal static string? Snippet(string text, string needle)
    {
        var (folded, origin) = SearchFold(text);
        var at = folded.IndexOf(needle, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var start = origin[at];
        var end = at + needle.Length < origin.Length ? origin[at + needle.Length] : text.Length;
        var from = Math.Max(0, start - SnippetContext);
        var to = Math.Min(text.Length, end + SnippetContext);
        return (from > 0 ? "…" : "") + text[from..to].Trim() + (to < text.Length ? "…" : "");
    }

    /// <summary>The folded text, and for each of its characters the index of the original character it came from.</summary>
    internal static (string Text, int[] Origin) SearchFold(string text)
    {
        var folded = new StringBuilder(text.Length);
        var origin = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var piece = ScriptFolding.Fold(text[i].ToString(), Cultures.Arabic).ToLowerInvariant()
                .Replace('\u06A9', '\u0643')  // Kurdish kaf → Arabic kaf
                .Replace('\u0695', '\u0631')  // Kurdish reh with small v below → reh
                .Replace('\u06B5', '\u0644'); // Kurdish lam with small v → lam
            foreach (var c in piece)
            {
                folded.Append(c);
                origin.Add(i);
            }
        }

        return (folded.ToString(), origin.ToArray());
    }
}
