using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Ihec.Portal.Infrastructure.Localisation;

namespace Ihec.Portal.Infrastructure.Email;

/// <summary>The HTML part of every e-mail: the recipient's language and direction, and addresses kept as links.</summary>
public static partial class EmailHtml
{
    /// <summary>The whole HTML document of <paramref name="message"/>.</summary>
    public static string Document(EmailMessage message)
    {
        var language = Cultures.Normalise(message.Language);
        var dir = Cultures.IsRightToLeft(language) ? "rtl" : "ltr";
        return $"<!DOCTYPE html><html lang=\"{language}\" dir=\"{dir}\"><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(message.Subject)}</title></head>"
               + $"<body dir=\"{dir}\" style=\"text-align:start\">{message.HtmlBody ?? FromText(message.TextBody)}</body></html>";
    }

    /// <summary>Plain text as HTML paragraphs (blank-line separated), lines kept, http(s) addresses as links.</summary>
    public static string FromText(string text)
    {
        var html = new StringBuilder();
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            html.Append("<p>").Append(string.Join("<br>", paragraph.Split('\n').Select(Line))).Append("</p>");
        }

        return html.ToString();
    }

    private static string Line(string line)
    {
        var html = new StringBuilder();
        var at = 0;
        foreach (Match match in Address().Matches(line))
        {
            html.Append(WebUtility.HtmlEncode(line[at..match.Index]));
            var url = WebUtility.HtmlEncode(match.Value);
            // The address is left-to-right inside right-to-left text.
            html.Append($"<a href=\"{url}\" dir=\"ltr\">{url}</a>");
            at = match.Index + match.Length;
        }

        return html.Append(WebUtility.HtmlEncode(line[at..])).ToString();
    }

    [GeneratedRegex(@"https?://[^\s<>""]+[^\s<>"".,;:!?)\]،؛]")]
    private static partial Regex Address();
}
