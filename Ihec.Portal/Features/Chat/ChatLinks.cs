using System.Text.RegularExpressions;

namespace Ihec.Portal.Features.Chat;

/// <summary>One run of a message's text: plain text, or an address shown as a link.</summary>
public sealed record ChatTextRun(string Text, string? Href);

/// <summary>
/// Turns a message's plain text into runs of text and links, for the page to render as text nodes and anchors (never
/// as markup): only absolute http and https addresses become links; everything else, HTML included, stays text.
/// </summary>
public static partial class ChatLinks
{
    /// <summary>What every link in a message carries: it opens in a new tab without giving the page a handle on the portal, and passes no referrer or ranking.</summary>
    public const string Rel = "noopener noreferrer nofollow";

    public const string Target = "_blank";

    public static IReadOnlyList<ChatTextRun> Split(string? text)
    {
        var runs = new List<ChatTextRun>();
        if (string.IsNullOrEmpty(text))
        {
            return runs;
        }

        var at = 0;
        foreach (Match match in Address().Matches(text))
        {
            var address = match.Value.TrimEnd('.', ',', ';', ':', '!', '?', '،', '؛', '؟', ')', ']', '"', '\'');
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host)
                || !string.IsNullOrEmpty(uri.UserInfo))
            {
                continue;
            }

            if (match.Index > at)
            {
                runs.Add(new ChatTextRun(text[at..match.Index], null));
            }

            runs.Add(new ChatTextRun(address, uri.AbsoluteUri));
            at = match.Index + address.Length;
        }

        if (at < text.Length)
        {
            runs.Add(new ChatTextRun(text[at..], null));
        }

        return runs;
    }

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Address();
}
