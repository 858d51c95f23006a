using System.Net;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Ihec.Portal.Features.Library;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Tests.Library;

/// <summary>
/// An editor publishes a decision with a PDF and amends it; a reader without an account finds both versions by an
/// Arabic search spelled differently, compares them and subscribes to the feed. Drafts never leak.
/// </summary>
public sealed class LibraryPublishingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Editor = "editor@demo.ihec.iq";
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

    [Fact]
    public async Task Editor_publishes_and_amends_a_decision_that_an_anonymous_reader_finds_by_a_differently_spelled_search()
    {
        var editor = await factory.SignedInClientAsync(Editor);
        var anonymous = factory.CreateBrowserLikeClient();

        // A draft with a PDF.
        var created = await editor.SubmitFormAsync("/ihec/library/new", "document", DecisionFields("45", "قرار مجلس المفوضين بشأن موعد الإنتخابات المحلية",
            "تُجرى الإنتخابات المحلية في موعدها المحدد.\n\nتلتزم الدوائر بتوفير مراكز الاقتراع."));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var manage = created.RedirectPath()!.Split('?')[0];
        Assert.StartsWith("/ihec/library/", manage);
        var attached = await editor.SubmitFormAsync(manage, "attach", [new("language", "ar")], [("file", "decision-45.pdf", Pdf)]);
        Assert.EndsWith("done=AttachmentAdded", attached.RedirectPath());
        var attachmentUrl = (await editor.GetDocumentAsync(manage)).QuerySelector("a[href^='/library/files/']")!.GetAttribute("href")!;

        // Nothing of a draft is public: page, search, feed, file.
        const string permalink = "/library/decisions/2026/45";
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(permalink)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(attachmentUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync(attachmentUrl)).StatusCode);
        Assert.DoesNotContain(permalink, await SearchAsync(anonymous, "انتخابات محلية"));
        Assert.DoesNotContain(await FeedTitlesAsync(anonymous, "/library/decisions/feed.atom"), t => t.Contains("موعد الإنتخابات"));

        // Published: found by an Arabic search without hamza, article or taa marbuta, and with diacritics.
        Assert.EndsWith("done=Published", (await editor.SubmitFormAsync(manage, "publication", [])).RedirectPath());
        Assert.Contains(permalink, await SearchAsync(anonymous, "اِنتخابات محليه"));
        var page = await anonymous.GetDocumentAsync(permalink);
        Assert.Equal("قرار مجلس المفوضين بشأن موعد الإنتخابات المحلية", page.QuerySelector("h1")!.TextContent.Trim());
        var file = await anonymous.GetAsync(attachmentUrl);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/pdf", file.Content.Headers.ContentType!.MediaType);
        UploadedFileAssert.IsSandboxed(file);
        Assert.Equal(Pdf, await file.Content.ReadAsByteArrayAsync());
        Assert.Contains(await FeedTitlesAsync(anonymous, "/library/decisions/feed.atom"), t => t.Contains("موعد الإنتخابات"));

        // Amended: a second version; the first stays readable and the change is shown.
        var amended = await editor.SubmitFormAsync(manage + "/edit", "document", DecisionFields("45", "قرار مجلس المفوضين بشأن موعد الإنتخابات المحلية",
            "تُجرى الإنتخابات المحلية في موعدها المحدد.\n\nتلتزم الدوائر بتوفير مراكز اقتراع يسهل على الأشخاص ذوي الإعاقة الوصول إليها.",
            note: "إضافة إمكانية الوصول"));
        Assert.EndsWith("done=Saved", amended.RedirectPath());
        Assert.Contains(permalink, await SearchAsync(anonymous, "الاعاقة"));
        var versions = await anonymous.GetDocumentAsync(permalink + "/versions");
        Assert.Equal(2, versions.QuerySelectorAll("tbody tr").Length);
        Assert.Contains("إضافة إمكانية الوصول", versions.QuerySelector("tbody")!.TextContent);
        var first = await anonymous.GetDocumentAsync(permalink + "/versions/1");
        Assert.Contains("بتوفير مراكز الاقتراع", first.QuerySelector(".document-body")!.TextContent);
        var diff = await anonymous.GetDocumentAsync(permalink + "/diff?from=1&to=2&lang=ar");
        Assert.Contains("بتوفير مراكز الاقتراع", diff.QuerySelector(".diff-removed del")!.TextContent);
        Assert.Contains("ذوي الإعاقة", diff.QuerySelector(".diff-added ins")!.TextContent);

        // Unpublished: gone from every public surface again.
        Assert.EndsWith("done=Unpublished", (await editor.SubmitFormAsync(manage, "publication", [])).RedirectPath());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(permalink)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(permalink + "/versions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(permalink + "/versions/1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(attachmentUrl)).StatusCode);
        Assert.DoesNotContain(permalink, await SearchAsync(anonymous, "الاعاقة المحلية"));
        Assert.DoesNotContain(await FeedTitlesAsync(anonymous, "/library/feed.atom"), t => t.Contains("موعد الإنتخابات"));
        Assert.DoesNotContain(permalink, await anonymous.GetStringAsync("/sitemap.xml"));

        await using var db = factory.CreateDbContext();
        var actions = await db.AuditEntries.Where(e => e.EntityType == "LibraryDocument").Select(e => e.Action).ToListAsync();
        Assert.Contains("library.created", actions);
        Assert.Contains("library.attachment-added", actions);
        Assert.Contains("library.published", actions);
        Assert.Contains("library.edited", actions);
        Assert.Contains("library.unpublished", actions);
    }

    [Fact]
    public async Task Attachment_that_is_not_really_a_pdf_is_refused()
    {
        var editor = await factory.SignedInClientAsync(Editor);
        var created = await editor.SubmitFormAsync("/ihec/library/new", "document", DecisionFields("46", "قرار تجريبي للمرفقات", "نص"));
        var manage = created.RedirectPath()!.Split('?')[0];

        var response = await editor.SubmitFormAsync(manage, "attach", [new("language", "ar")],
            [("file", "invoice.pdf", Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"))]);

        Assert.EndsWith("error=AttachmentWrongType", response.RedirectPath());
    }

    [Fact]
    public async Task Markdown_body_is_rendered_without_script_or_unsafe_links()
    {
        var editor = await factory.SignedInClientAsync(Editor);
        var created = await editor.SubmitFormAsync("/ihec/library/new", "document", DecisionFields("47", "قرار لاختبار النص",
            "<script>alert(1)</script>\n\n[انقر](javascript:alert(1)) <img src=x onerror=alert(1)> [الموقع](https://ihec.iq)"));
        var manage = created.RedirectPath()!.Split('?')[0];
        await editor.SubmitFormAsync(manage, "publication", []);

        var page = await factory.CreateClient().GetDocumentAsync("/library/decisions/2026/47");
        var body = page.QuerySelector(".document-body")!;

        Assert.Empty(body.QuerySelectorAll("script, img, [onerror]"));
        Assert.DoesNotContain(body.QuerySelectorAll("a"), a => a.GetAttribute("href")?.StartsWith("javascript", StringComparison.OrdinalIgnoreCase) == true);
        Assert.NotNull(body.QuerySelector("a[href='https://ihec.iq/']"));
        Assert.Contains("<script>alert(1)</script>", body.TextContent);
    }

    [Fact]
    public async Task Duplicate_number_of_the_same_kind_and_year_is_refused()
    {
        var editor = await factory.SignedInClientAsync(Editor);

        var response = await editor.SubmitFormAsync("/ihec/library/new?culture=en", "document", DecisionFields("12", "قرار مكرر", "نص", year: "2025"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("already has this number", (await response.ParseAsync()).QuerySelector("[role=alert]")!.TextContent);
    }

    [Fact]
    public async Task Published_document_keeps_its_address()
    {
        var editor = await factory.SignedInClientAsync(Editor);
        var created = await editor.SubmitFormAsync("/ihec/library/new", "document", DecisionFields("48", "قرار ثابت الرابط", "نص"));
        var manage = created.RedirectPath()!.Split('?')[0];
        await editor.SubmitFormAsync(manage, "publication", []);

        var response = await editor.SubmitFormAsync(manage + "/edit?culture=en", "document", DecisionFields("49", "قرار ثابت الرابط", "نص معدل"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("cannot change", (await response.ParseAsync()).QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/library/decisions/2026/48")).StatusCode);
    }

    [Fact]
    public async Task Amending_relation_marks_the_older_decision_as_amended_with_a_link_both_ways()
    {
        var client = factory.CreateClient();

        var amended = await client.GetDocumentAsync("/library/decisions/2025/12?culture=en");
        var amending = await client.GetDocumentAsync("/library/decisions/2025/27?culture=en");

        Assert.Contains("Amended", amended.QuerySelector(".document-facts")!.TextContent);
        Assert.NotNull(amended.QuerySelector("#relations-heading ~ ul a[href='/library/decisions/2025/27']"));
        Assert.NotNull(amending.QuerySelector("#relations-heading ~ ul a[href='/library/decisions/2025/12']"));
        // The status change is itself a version of the older decision.
        Assert.Equal(2, (await client.GetDocumentAsync("/library/decisions/2025/12/versions")).QuerySelectorAll("tbody tr").Length);
    }

    [Fact]
    public async Task Missing_translation_says_so_and_shows_the_authoritative_arabic()
    {
        var client = factory.CreateClient();

        var sorani = await client.GetDocumentAsync("/library/procedures/2025/9?culture=ckb");
        var english = await client.GetDocumentAsync("/library/procedures/2025/9?culture=en");

        Assert.Contains("وەرگێڕانی", sorani.QuerySelector(".notice")!.TextContent);
        Assert.Equal("ar", sorani.QuerySelector(".document-text")!.GetAttribute("lang"));
        Assert.Contains("This is a translation", english.QuerySelector(".notice")!.TextContent);
        Assert.Equal("ltr", english.QuerySelector(".document-text")!.GetAttribute("dir"));
        Assert.NotNull(english.QuerySelector("a[href='/library/procedures/2025/9?lang=ar']"));
    }

    [Fact]
    public async Task Lists_filter_by_facets_in_the_address()
    {
        var client = factory.CreateClient();

        var decisions = await client.GetDocumentAsync("/library?kind=decisions&year=2025&topic=displaced");
        var byRoute = await client.GetDocumentAsync("/library/regulations");

        var links = decisions.QuerySelectorAll(".library-list a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/library/decisions/2025/27"], links);
        Assert.All(byRoute.QuerySelectorAll(".library-list a"), a => Assert.StartsWith("/library/regulations/", a.GetAttribute("href")));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/library/novels")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/library/decisions/2025/999")).StatusCode);
    }

    [Fact]
    public async Task Search_page_highlights_matches_and_counts_facets()
    {
        var page = await factory.CreateClient().GetDocumentAsync("/library/search?q=" + Uri.EscapeDataString("سجل الناخبين"));

        Assert.Contains("/library/decisions/2025/12", page.QuerySelectorAll(".search-results a").Select(a => a.GetAttribute("href")));
        Assert.Contains(page.QuerySelectorAll(".snippet mark"), m => m.TextContent == "الناخبين");
        Assert.NotNull(page.QuerySelector("select#f-kind option[value=decisions]"));
    }

    [Fact]
    public async Task Atom_feeds_parse_and_link_to_permalinks()
    {
        var client = factory.CreateClient();

        foreach (var slug in LibraryCatalog.Slugs.Values)
        {
            var response = await client.GetAsync($"/library/{slug}/feed.atom");
            Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
            using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync());
            var feed = SyndicationFeed.Load(reader);
            Assert.All(feed.Items, item => Assert.StartsWith($"http://localhost/library/{slug}/", item.Links.Single(l => l.RelationshipType == "alternate").Uri.ToString()));
        }

        using var all = XmlReader.Create(await client.GetStreamAsync("/library/feed.atom?culture=en"));
        var allFeed = SyndicationFeed.Load(all);
        Assert.Contains(allFeed.Items, i => i.Title.Text == "Board decision No. 12 of 2025 on updating the voter register");
    }

    [Fact]
    public async Task Calendar_feed_is_valid_icalendar_with_the_plan_milestones()
    {
        var response = await factory.CreateClient().GetAsync("/library/calendar.ics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", text);
        Assert.EndsWith("END:VCALENDAR\r\n", text);
        Assert.DoesNotContain("\n", text.Replace("\r\n", ""));
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.True(Encoding.UTF8.GetByteCount(l) <= 75, l));
        Assert.Equal(lines.Count(l => l == "BEGIN:VEVENT"), lines.Count(l => l == "END:VEVENT"));
        Assert.Contains("DTSTART;VALUE=DATE:20251111", lines);
        var uids = lines.Where(l => l.StartsWith("UID:")).ToList();
        Assert.Equal(uids.Count, uids.Distinct().Count());
        Assert.True(uids.Count >= 5);
    }

    [Fact]
    public async Task Sitemap_lists_published_permalinks()
    {
        var xml = XDocument.Parse(await factory.CreateClient().GetStringAsync("/sitemap.xml"));
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";

        var locations = xml.Root!.Elements(ns + "url").Select(u => u.Element(ns + "loc")!.Value).ToList();

        Assert.Contains("http://localhost/library/decisions/2025/12", locations);
        Assert.Contains("http://localhost/library/calendar", locations);
    }

    [Theory]
    [InlineData("/ihec/library")]
    [InlineData("/ihec/library/new")]
    public async Task Editor_pages_are_for_editors_only(string url)
    {
        var anonymous = await factory.CreateBrowserLikeClient().GetAsync(url);
        var member = await (await factory.SignedInClientAsync("member@tammuz.demo")).GetAsync(url);
        var media = await (await factory.SignedInClientAsync("media@demo.ihec.iq")).GetAsync(url);
        var editor = await (await factory.SignedInClientAsync(Editor)).GetAsync(url);

        Assert.StartsWith("/account/login", anonymous.RedirectPath());
        member.AssertForbidden();
        media.AssertForbidden();
        Assert.Equal(HttpStatusCode.OK, editor.StatusCode);
    }

    [Theory]
    [InlineData("/library")]
    [InlineData("/library/decisions")]
    [InlineData("/library/decisions/2025/12")]
    [InlineData("/library/decisions/2025/12/versions")]
    [InlineData("/library/decisions/2025/12/diff?from=1&to=2")]
    [InlineData("/library/search?q=test")]
    [InlineData("/library/calendar")]
    public async Task Public_pages_have_one_h1_a_title_and_tables_with_captions(string url)
    {
        var response = await factory.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();

        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.False(string.IsNullOrWhiteSpace(page.Title));
        Assert.All(page.QuerySelectorAll("table"), t => Assert.NotNull(t.QuerySelector("caption")));
        Assert.All(page.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
    }

    private static async Task<List<string>> SearchAsync(HttpClient client, string query)
    {
        var page = await client.GetDocumentAsync("/library/search?q=" + Uri.EscapeDataString(query));
        return [.. page.QuerySelectorAll(".search-results h3 a").Select(a => a.GetAttribute("href")!.Split('?')[0])];
    }

    private static async Task<List<string>> FeedTitlesAsync(HttpClient client, string url)
    {
        using var reader = XmlReader.Create(await client.GetStreamAsync(url));
        return [.. SyndicationFeed.Load(reader).Items.Select(i => i.Title.Text)];
    }

    internal static List<KeyValuePair<string, string>> DecisionFields(string number, string title, string body, string? note = null, string year = "2026") =>
    [
        new("Input.Kind", "BoardDecision"),
        new("Input.Year", year),
        new("Input.Number", number),
        new("Input.SessionNumber", "3"),
        new("Input.SessionDate", "2026-01-14"),
        new("Input.EffectiveDate", "2026-01-15"),
        new("Input.Status", "InForce"),
        new("Input.Election", "pc-2023"),
        new("Input.Topics", "polling"),
        new("Input.Topics", "accessibility"),
        new("Input.TitleAr", title),
        new("Input.SummaryAr", ""),
        new("Input.BodyAr", body),
        new("Input.TitleCkb", ""),
        new("Input.BodyCkb", ""),
        new("Input.TitleEn", ""),
        new("Input.BodyEn", ""),
        new("Input.ChangeNote", note ?? ""),
    ];
}
