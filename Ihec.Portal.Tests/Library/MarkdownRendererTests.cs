using AngleSharp.Html.Parser;
using Ihec.Portal.Infrastructure.Text;

namespace Ihec.Portal.Tests.Library;

/// <summary>Markdown from editors and CSOs is rendered without any way to run script or leave the portal unnoticed.</summary>
public sealed class MarkdownRendererTests
{
    private static readonly MarkdownRenderer Renderer = new();

    public static TheoryData<string> Payloads => new()
    {
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<form action=\"https://evil.example\"><input name=p type=password></form>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](java\tscript:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click](//evil.example/path)",
        "[click](\\\\evil.example\\share)",
        "[click](/account/logout)",
        "<javascript:alert(1)>",
        "<data:text/html,<script>alert(1)</script>>",
        "![x](https://evil.example/track.png)",
        "![x](javascript:alert(1))",
        "[x](https://ok.example \"title\" onmouseover=alert(1))",
        "<style>body{display:none}</style>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<object data=\"x.swf\"></object><embed src=x>",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
        "<base href=\"https://evil.example/\">",
        "<details open ontoggle=alert(1)>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "`<script>alert(1)</script>`",
        "```html\n<script>alert(1)</script>\n```",
        "[a]: javascript:alert(1)\n\n[link][a]",
        "<<script>script>alert(1)<</script>/script>",
        "<button formaction=javascript:alert(1)>x</button>",
        "<textarea><script>alert(1)</script></textarea>",
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Xss_payloads_render_harmless(string markdown)
    {
        var html = Renderer.ToHtml(markdown);
        var document = new HtmlParser().ParseDocument("<body>" + html + "</body>");

        var allowed = new HashSet<string>(["p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "code", "pre",
            "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td"]);
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            Assert.Contains(element.LocalName, allowed);
            foreach (var attribute in element.Attributes)
            {
                Assert.Contains(attribute.LocalName, (string[])["href", "title", "rel"]);
            }

            if (element.GetAttribute("href") is { } href)
            {
                Assert.Matches("^(https?://[^/]|mailto:|#)", href);
            }
        }

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Ordinary_markdown_keeps_its_structure()
    {
        var html = Renderer.ToHtml("# المادة الأولى\n\nنص **مهم** و*مائل*.\n\n- بند\n- بند آخر\n\n| أ | ب |\n|---|---|\n| 1 | 2 |\n\n[الموقع](https://ihec.iq) و<mailto:info@ihec.iq>");
        var document = new HtmlParser().ParseDocument(html);

        Assert.NotNull(document.QuerySelector("h2"));
        Assert.Null(document.QuerySelector("h1"));
        Assert.NotNull(document.QuerySelector("strong"));
        Assert.Equal(2, document.QuerySelectorAll("li").Length);
        Assert.NotNull(document.QuerySelector("table th"));
        var link = document.QuerySelector("a[href='https://ihec.iq/']");
        Assert.NotNull(link);
        Assert.Equal("nofollow noopener noreferrer", link!.GetAttribute("rel"));
        Assert.NotNull(document.QuerySelector("a[href='mailto:info@ihec.iq']"));
    }

    [Theory]
    [InlineData("# أ\n\n## ب", "h2", "h3")]
    [InlineData("## أ\n\n### ب", "h2", "h3")]
    [InlineData("### أ\n\n#### ب", "h2", "h3")]
    public void Top_headings_become_h2_whatever_level_the_author_started_at(string markdown, string first, string second)
    {
        var document = new HtmlParser().ParseDocument(Renderer.ToHtml(markdown));

        Assert.Equal([first, second], document.Body!.Children.Select(e => e.LocalName));
    }

    [Fact]
    public void Plain_text_drops_markup_for_the_index()
    {
        Assert.Equal("عنوان\nنص مهم", Renderer.ToPlainText("## عنوان\n\nنص **مهم**").Replace("\n\n", "\n"));
    }
}
