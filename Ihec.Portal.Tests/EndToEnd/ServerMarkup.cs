using System.Security.Cryptography;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Ihec.Portal.Tests.EndToEnd;

/// <summary>
/// The fingerprint of a page's markup as the server sends it, in two parts as <see cref="PlaywrightPortal.ScanAsync"/>
/// makes them from the browser's DOM: the shell (everything outside <c>main</c>) and the content (<c>main</c>), each
/// apart from text and from the values that change on every request. It decides whether a page must be opened in
/// Chromium at all: fetching a page costs the server a render, opening it costs the browser a load of the page and
/// its assets, which was most of the scan tests' time.
/// </summary>
public static class ServerMarkup
{
    private static readonly HtmlParser Parser = new();

    public static (string Shell, string Content) Fingerprint(string html)
    {
        var document = Parser.ParseDocument(html);
        var root = document.DocumentElement;
        var main = document.QuerySelector("main");
        var shell = new StringBuilder();
        Walk(root, shell, main);
        var content = new StringBuilder($"main lang={root.GetAttribute("lang")} dir={root.GetAttribute("dir")}");
        if (main is not null)
        {
            Walk(main, content, null);
        }

        return (Hash(shell), Hash(content));
    }

    // As the browser-side signature: elements and attributes in document order, text as "there is some", no hidden
    // input's value, no session guard, no nonce; in the shell, links' addresses and titles and the current-page mark
    // left out (the language links and the skip link point at the page itself), and the content's place marked.
    private static void Walk(INode node, StringBuilder parts, IElement? main)
    {
        if (node.NodeType == NodeType.Text)
        {
            if (!string.IsNullOrWhiteSpace(node.TextContent))
            {
                parts.Append('#');
            }

            return;
        }

        if (node is not IElement element || element.HasAttribute("data-session-guard"))
        {
            return;
        }

        if (main is not null && element == main)
        {
            parts.Append("<MAIN/>");
            return;
        }

        var hidden = element.LocalName == "input" && element.GetAttribute("type") == "hidden";
        var attributes = element.Attributes
            .Where(a => !(hidden && a.Name == "value") && a.Name != "nonce" && !(main is not null && a.Name == "aria-current"))
            .Select(a => a.Name + "=" + (main is not null && a.Name is "href" or "title" ? "" : a.Value))
            .Order(StringComparer.Ordinal);
        parts.Append('<').Append(element.LocalName).Append(' ').AppendJoin(' ', attributes).Append('>');
        foreach (var child in element.ChildNodes)
        {
            Walk(child, parts, main);
        }

        parts.Append("</").Append(element.LocalName).Append('>');
    }

    private static string Hash(StringBuilder text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
}
