using AngleSharp.Html.Parser;
using Ihec.Portal.Infrastructure.Text;
using Ihec.Portal.Tests.Library;

namespace Ihec.Portal.Tests.Reports;

/// <summary>Reports show their own uploaded images, and nothing else that could load, run or track.</summary>
public sealed class ReportMarkdownTests
{
    private const string Local = "/reports/files/0b6c7c1e-6a65-4f2a-9a39-3f7c2f0d1a11";
    private static readonly MarkdownRenderer Renderer = new();

    private static string? OwnImage(string url) => url == Local ? Local : null;

    public static TheoryData<string> Payloads => MarkdownRendererTests.Payloads;

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Xss_payloads_render_harmless_when_images_are_allowed(string markdown)
    {
        var html = Renderer.ToHtml($"![own]({Local})\n\n" + markdown, OwnImage);
        var document = new HtmlParser().ParseDocument("<body>" + html + "</body>");

        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            Assert.DoesNotContain(element.Attributes, a => a.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase) || a.LocalName == "style");
            if (element.LocalName == "img")
            {
                Assert.Equal(Local, element.GetAttribute("src"));
            }

            if (element.GetAttribute("href") is { } href)
            {
                Assert.Matches("^(https?://[^/]|mailto:|#)", href);
            }
        }

        Assert.Empty(document.QuerySelectorAll("script, iframe, object, embed, svg, style, form"));
    }

    [Fact]
    public void Only_the_reports_own_images_are_shown_as_images()
    {
        var html = Renderer.ToHtml(
            $"![own]({Local})\n\n![other](/reports/files/11111111-1111-1111-1111-111111111111)\n\n![far](https://evil.example/x.png)", OwnImage);
        var document = new HtmlParser().ParseDocument(html);

        var image = Assert.Single(document.QuerySelectorAll("img"));
        Assert.Equal(Local, image.GetAttribute("src"));
        Assert.Equal("own", image.GetAttribute("alt"));
        Assert.Contains("https://evil.example/x.png", document.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void Without_a_resolver_no_image_is_shown()
    {
        Assert.DoesNotContain("<img", Renderer.ToHtml($"![own]({Local})"), StringComparison.OrdinalIgnoreCase);
    }
}
