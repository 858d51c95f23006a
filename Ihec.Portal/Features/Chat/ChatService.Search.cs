using System.Security.Claims;
using System.Text;
using Ihec.Portal.Infrastructure.Localisation;
using Ihec.Portal.Shared.Text;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Chat;

/// <summary>A message that matched a transcript search.</summary>
public sealed record ChatSearchHit(Guid ConversationId, string Topic, string OrganisationName, long Sequence, bool FromIhec,
    ChatMessageKind Kind, string AuthorName, string Snippet, DateTimeOffset CreatedAt);

/// <summary>Search across transcripts for the media unit.</summary>
/// <remarks>
/// A first step: the newest <see cref="MaxSearchScan"/> messages are read and compared after the portal's Arabic-script
/// folding (<see cref="ScriptFolding"/>: hamza and alef forms, taa marbuta, alef maqsura, Kurdish yeh/kaf/ae,
/// diacritics, tatweel, Arabic-Indic digits; case-insensitive), so "انتخابات" finds "الإنتخابات" and Sorani typed on
/// an Arabic keyboard finds Sorani typed on a Kurdish one. No stemming; moving the messages into the portal's Lucene
/// index (Infrastructure/Search) is the step after.
/// </remarks>
public sealed partial class ChatService
{
    public const int MaxSearchScan = 20_000;
    public const int MaxSearchHits = 50;
    public const int MinSearchLength = 2;
    private const int SnippetContext = 60;

    public async Task<IReadOnlyList<ChatSearchHit>> SearchAsync(ClaimsPrincipal user, string? query, CancellationToken cancellationToken = default)
    {
        var needle = SearchFold(query?.Trim() ?? "").Text.Trim();
        if (needle.Length < MinSearchLength || await CallerAsync(user) is not { IsAgent: true })
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var hits = new List<(ChatMessage Message, string Snippet)>();
        const int page = 1000;
        for (var skip = 0; skip < MaxSearchScan && hits.Count < MaxSearchHits; skip += page)
        {
            var batch = await db.Set<ChatMessage>().AsNoTracking()
                .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Sequence)
                .Skip(skip).Take(page).ToListAsync(cancellationToken);
            foreach (var message in batch)
            {
                if (Snippet(message.Text, needle) is { } snippet)
                {
                    hits.Add((message, snippet));
                    if (hits.Count == MaxSearchHits)
                    {
                        break;
                    }
                }
            }

            if (batch.Count < page)
            {
                break;
            }
        }

        var ids = hits.Select(h => h.Message.ConversationId).Distinct().ToList();
        var conversations = (await ViewsAsync(db, db.Set<Conversation>().Where(c => ids.Contains(c.Id)), cancellationToken)).ToDictionary(c => c.Id);
        return hits.Where(h => conversations.ContainsKey(h.Message.ConversationId)).Select(h =>
        {
            var c = conversations[h.Message.ConversationId];
            return new ChatSearchHit(c.Id, c.Topic, c.OrganisationName, h.Message.Sequence, h.Message.FromIhec, h.Message.Kind,
                h.Message.AuthorName, h.Snippet, h.Message.CreatedAt);
        }).ToList();
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
