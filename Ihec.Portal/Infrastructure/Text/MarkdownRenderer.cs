using Ganss.Xss;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Components;

namespace Ihec.Portal.Infrastructure.Text;

/// <summary>
/// Renders user-written Markdown (decisions, reports, rumour responses) to HTML that is safe to emit as-is.
/// Two layers: Markdig with raw HTML disabled, then a sanitiser that allows only the elements and attributes
/// this pipeline produces and only http, https and mailto links. <c>DisableHtml()</c> alone is not enough:
/// Markdig still emits <c>[x](javascript:…)</c> and autolinks verbatim.
/// </summary>
public sealed class MarkdownRenderer
{
    private static readonly string[] Tags =
    [
        "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
    ];

    private static readonly string[] Schemes = ["http", "https", "mailto"];

    private readonly MarkdownPipeline pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    private readonly HtmlSanitizer sanitizer = CreateSanitizer();

    /// <summary>Safe HTML for <paramref name="markdown"/>. Headings start at <c>h2</c>: the page owns its <c>h1</c>.</summary>
    public string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        var document = Markdown.Parse(markdown, pipeline);
        // The text's top headings become h2, whether the author started at # or ##, so levels never skip after the page's h1.
        var headings = document.Descendants<HeadingBlock>().ToList();
        if (headings.Count > 0)
        {
            var shift = 2 - headings.Min(h => h.Level);
            foreach (var heading in headings)
            {
                heading.Level = Math.Clamp(heading.Level + shift, 2, 6);
            }
        }

        // Images would load from anywhere (and leak readers' addresses); show their text as a link instead.
        foreach (var image in document.Descendants<LinkInline>().Where(l => l.IsImage).ToList())
        {
            image.IsImage = false;
        }

        var html = document.ToHtml(pipeline);
        return sanitizer.Sanitize(html);
    }

    public MarkupString Render(string? markdown) => new(ToHtml(markdown));

    /// <summary>The text of <paramref name="markdown"/> without markup, for search indexing and summaries.</summary>
    public string ToPlainText(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : Markdown.ToPlainText(markdown, pipeline).Trim();

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(Tags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href", "title"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(Schemes, StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        };
        var sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        sanitizer.FilterUrl += (_, e) =>
        {
            // Relative links would resolve against the portal; protocol-relative ones ("//host") leave it. Allow
            // only absolute http(s) and mailto addresses and in-page anchors.
            var url = e.OriginalUrl.Trim();
            if (url.StartsWith('#') && url.Length > 1 && url.Skip(1).All(c => char.IsLetterOrDigit(c) || c is '-' or '_'))
            {
                e.SanitizedUrl = url;
                return;
            }

            e.SanitizedUrl = Uri.TryCreate(url, UriKind.Absolute, out var uri)
                             && Schemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase)
                             && !url.StartsWith("//", StringComparison.Ordinal)
                             && (uri.Scheme == Uri.UriSchemeMailto || !string.IsNullOrEmpty(uri.Host))
                ? uri.AbsoluteUri
                : null;
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link && link.GetAttribute("href") is { } href && !href.StartsWith('#'))
            {
                link.SetAttribute("rel", "nofollow noopener noreferrer");
            }
        };
        return sanitizer;
    }
}
