using System.Net;
using System.Text;
using System.Xml.Linq;
using Ihec.Portal.Features.Reports;
using Ihec.Portal.Infrastructure.Localisation;
using Ihec.Portal.Tests.Infrastructure;

namespace Ihec.Portal.Tests.Reports;

/// <summary>
/// The files attached to a report are listed wherever the report is read, without their Markdown in the text: on its
/// page (name, type, size, a download link that works for those who may read the report), in its feed entry, and with
/// each version the files it had.
/// </summary>
public sealed partial class ReportVisibilityTests
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

    [Fact]
    public async Task Attached_files_are_listed_on_the_report_in_its_feed_entry_and_with_each_version()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var admin = await factory.SignedInClientAsync(TammuzAdmin);
        var other = await factory.SignedInClientAsync(KirkukMember);
        var editor = await factory.SignedInClientAsync(Editor);
        var anonymous = factory.CreateBrowserLikeClient();
        const string title = "مراقبة الحملات الانتخابية في البصرة";

        // A draft with a PDF and a photo, neither written into the text.
        var created = await member.SubmitFormAsync("/reports/mine/new?culture=en", "report", new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Body"] = "## الملاحظات\n\nلا صور في النص.",
            ["Input.Language"] = "ar",
        });
        var manage = created.RedirectPath()!.Split('?')[0];
        await (await member.SubmitFormAsync(manage + "?culture=en", "upload", [], [("file", "findings.pdf", Pdf)])).AssertRedirectAsync();
        await (await member.SubmitFormAsync(manage + "?culture=en", "upload", [], [("file", "rally.png", Png)])).AssertRedirectAsync();
        await (await admin.SubmitFormAsync(manage + "?culture=en", "publish", [])).AssertRedirectAsync();
        var report = await ReportAsync(title);
        var page = "/reports/" + report.Slug;
        var first = report.Files.OrderBy(f => f.AddedAt).ToList();
        Assert.Equal(new[] { "findings.pdf", "rally.png" }, first.Select(f => f.FileName));

        // Published to CSOs: another organisation's member sees both, with the type and the size in the portal's format.
        foreach (var (culture, types) in new (string, string[])[] { ("en", ["PDF", "PNG image"]), ("ar", ["PDF", "صورة PNG"]), ("ckb", ["PDF", "وێنەی PNG"]) })
        {
            AssertListed(await other.GetDocumentAsync($"{page}?culture={culture}"), culture, first, types);
        }

        // Not public yet: the download is refused to the public; once endorsed it is served to anyone.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(first[0].Url)).StatusCode);
        await (await admin.SubmitFormAsync(manage + "?culture=en", "request-listing", [])).AssertRedirectAsync();
        await (await editor.SubmitFormAsync($"/ihec/reports/{report.Id:D}?culture=en", "endorse", [])).AssertRedirectAsync();
        var publicPage = await anonymous.GetDocumentAsync(page + "?culture=en");
        AssertListed(publicPage, "en", first, ["PDF", "PNG image"]);
        foreach (var link in publicPage.QuerySelectorAll("#attachments-heading + ul a"))
        {
            var download = await anonymous.GetAsync(link.GetAttribute("href"));
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(first.Single(f => f.Url == link.GetAttribute("href")).Length, (await download.Content.ReadAsByteArrayAsync()).Length);
        }

        // The feed entry carries each file as an enclosure with its type and length.
        Assert.Equal(new[] { ("application/pdf", first[0].Length), ("image/png", first[1].Length) }, await EnclosuresAsync(anonymous, title, first));

        // A correction attaches a third file: the current text and version 2 list it, version 1 keeps its own two.
        var corrected = await admin.SubmitFormAsync(manage + "?culture=en", "correct", new Dictionary<string, string>
        {
            ["erratum"] = "أُضيف محضر الاجتماع.",
            ["body"] = "## الملاحظات\n\nلا صور في النص، والمحضر مرفق.",
        }, [("file", "minutes.pdf", Pdf)]);
        await corrected.AssertRedirectAsync();
        var all = (await ReportAsync(title)).Files.OrderBy(f => f.AddedAt).ToList();
        Assert.Equal(3, all.Count);
        AssertListed(await anonymous.GetDocumentAsync(page + "?culture=en"), "en", all, ["PDF", "PNG image", "PDF"]);
        AssertListed(await anonymous.GetDocumentAsync(page + "/versions/2?culture=en"), "en", all, ["PDF", "PNG image", "PDF"]);
        AssertListed(await anonymous.GetDocumentAsync(page + "/versions/1?culture=en"), "en", first, ["PDF", "PNG image"]);
        Assert.Equal(3, (await EnclosuresAsync(anonymous, title, all)).Count);
    }

    /// <summary>The page's attachment list is exactly <paramref name="files"/>: name, download link, type and size.</summary>
    private static void AssertListed(AngleSharp.Html.Dom.IHtmlDocument document, string culture, IReadOnlyList<ReportFile> files, string[] types)
    {
        var items = document.QuerySelectorAll("#attachments-heading + ul.attachments > li").ToList();
        Assert.Equal(files.Count, items.Count);
        for (var i = 0; i < files.Count; i++)
        {
            var link = items[i].QuerySelector("a")!;
            Assert.Equal(files[i].FileName, link.TextContent);
            Assert.Equal(files[i].Url, link.GetAttribute("href"));
            Assert.Equal(files[i].FileName, link.GetAttribute("download"));
            string size;
            using (Cultures.Use(culture))
            {
                size = DisplayFormat.FileSize(files[i].Length);
            }

            Assert.Equal($"({types[i]}, {size})", items[i].QuerySelector(".attachment-facts")!.TextContent);
        }
    }

    /// <summary>The enclosures of the report's feed entry (type, length), each pointing at one of its files.</summary>
    private static async Task<List<(string Type, long Length)>> EnclosuresAsync(HttpClient client, string title, IReadOnlyList<ReportFile> files)
    {
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = XDocument.Parse(await client.GetStringAsync("/reports/feed.atom"));
        var entry = feed.Root!.Elements(atom + "entry").Single(e => e.Element(atom + "title")!.Value == title);
        var enclosures = entry.Elements(atom + "link").Where(l => (string?)l.Attribute("rel") == "enclosure").ToList();
        Assert.All(enclosures, l => Assert.Contains(files, f => ((string)l.Attribute("href")!).EndsWith(f.Url, StringComparison.Ordinal)));
        return [.. enclosures.Select(l => ((string)l.Attribute("type")!, long.Parse((string)l.Attribute("length")!, System.Globalization.CultureInfo.InvariantCulture)))];
    }
}
