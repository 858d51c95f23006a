using MimeKit;

namespace Ihec.Portal.Tests.Infrastructure;

/// <summary>What every e-mail the portal sends must be: HTML and plain text, in its recipient's language and direction.</summary>
public static class MailAssert
{
    /// <summary>
    /// <paramref name="mail"/> is multipart/alternative with a text and an HTML part; the HTML's <c>html</c> and <c>body</c>
    /// carry <paramref name="language"/> and its direction; and its portal link (when <paramref name="link"/> is given,
    /// that site-relative address) is written out in the text and is a link in the HTML.
    /// </summary>
    public static void HtmlAndText(MimeMessage mail, string language, string? link = null)
    {
        var alternative = Assert.IsType<MultipartAlternative>(mail.Body);
        Assert.Contains(alternative, p => p.ContentType.IsMimeType("text", "plain"));
        Assert.Contains(alternative, p => p.ContentType.IsMimeType("text", "html"));
        Assert.False(string.IsNullOrWhiteSpace(mail.TextBody));

        var html = PortalFactory.HtmlOf(mail);
        var dir = language is "ar" or "ckb" ? "rtl" : "ltr";
        Assert.Equal((language, dir), (html.DocumentElement.GetAttribute("lang"), html.DocumentElement.GetAttribute("dir")));
        Assert.Equal(dir, html.Body!.GetAttribute("dir"));

        if (link is not null)
        {
            Assert.Equal(link, PortalFactory.LinkIn(mail));
            Assert.Contains(html.QuerySelectorAll("a[href]"),
                a => Uri.TryCreate(a.GetAttribute("href"), UriKind.Absolute, out var href) && href.Host == "localhost" && href.PathAndQuery == link);
        }
    }
}
