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
public sealed partial class MarkdownRenderer
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

    private readonly HtmlSanitizer sanitizer = CreateSanitizer(withImages: false);
    private readonly HtmlSanitizer imageSanitizer = CreateSanitizer(withImages: true);

    /// <summary>Safe HTML for <paramref name="markdown"/>. Headings start at <c>h2</c>: the page owns its <c>h1</c>.</summary>
    public string ToHtml(string? markdown) => ToHtml(markdown, null);

    /// <summary>
    /// Safe HTML where images stay images only when <paramref name="localImage"/> maps their address to one of the
    /// portal's own file addresses (<c>/{module}/files/{guid}</c>, served by an authorising endpoint); other images
    /// become links as usual.
    /// </summary>
    public string ToHtml(string? markdown, Func<string, string?>? localImage)
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
        var kept = false;
        foreach (var image in document.Descendants<LinkInline>().Where(l => l.IsImage).ToList())
        {
            if (localImage?.Invoke(image.Url ?? "") is { } local && LocalFile().IsMatch(local))
            {
                image.Url = local;
                kept = true;
            }
            else
            {
                image.IsImage = false;
            }
        }

        var html = document.ToHtml(pipeline);
        return (kept ? imageSanitizer : sanitizer).Sanitize(html);
    }

    public MarkupString Render(string? markdown) => new(ToHtml(markdown));

    public MarkupString Render(string? markdown, Func<string, string?>? localImage) => new(ToHtml(markdown, localImage));

    [System.Text.RegularExpressions.GeneratedRegex("^/[a-z]+/files/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial System.Text.RegularExpressions.Regex LocalFile();

    /// <summary>The text of <paramref name="markdown"/> without markup, for search indexing and summaries.</summary>
    public string ToPlainText(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : Markdown.ToPlainText(markdown, pipeline).Trim();

    /// <summary>
    /// The text of <paramref name="markdown"/> for a plain-text e-mail: like <see cref="ToPlainText"/>, but each link
    /// keeps its address after its words ("words (https://…)"), as the reader of a text e-mail has nothing else to follow.
    /// </summary>
    public string ToMailText(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        var document = Markdown.Parse(markdown, pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            var words = string.Concat(link.Descendants<LiteralInline>().Select(l => l.Content.ToString()));
            if (!string.IsNullOrWhiteSpace(link.Url) && words != link.Url)
            {
                link.InsertAfter(new LiteralInline($" ({link.Url})"));
            }
        }

        using var writer = new StringWriter();
        var renderer = new Markdig.Renderers.HtmlRenderer(writer) { EnableHtmlForBlock = false, EnableHtmlForInline = false, EnableHtmlEscape = false };
        pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString().Trim();
    }

    private static HtmlSanitizer CreateSanitizer(bool withImages)
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(withImages ? [.. Tags, "img"] : Tags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(withImages ? ["href", "title", "src", "alt"] : ["href", "title"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(Schemes, StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(withImages ? ["href", "src"] : ["href"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        };
        var sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        sanitizer.FilterUrl += (_, e) =>
        {
            // Relative links would resolve against the portal; protocol-relative ones ("//host") leave it. Allow
            // only absolute http(s) and mailto addresses and in-page anchors.
            var url = e.OriginalUrl.Trim();
            // An image's source is only ever one of the portal's own file addresses (checked before rendering).
            if (e.Tag.LocalName == "img")
            {
                e.SanitizedUrl = withImages && LocalFile().IsMatch(url) ? url : null;
                return;
            }

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
