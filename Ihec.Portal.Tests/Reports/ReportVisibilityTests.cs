using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using Ihec.Portal.Features.Reports;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Tests.Reports;

/// <summary>
/// The report workflow through HTTP, as the people who use it: drafts and CSO-only reports never reach readers who
/// should not see them (pages, lists, search, feed, sitemap, files); only the organisation's administrator publishes;
/// only an IHEC editor endorses; what writers type is never markup.
/// </summary>
public sealed partial class ReportVisibilityTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string TammuzMember = "member@tammuz.demo";
    private const string TammuzAdmin = "admin@tammuz.demo";
    private const string KirkukMember = "member@kirkuk-women.demo";
    private const string KirkukAdmin = "admin@kirkuk-women.demo";
    private const string Editor = "editor@demo.ihec.iq";

    /// <summary>A valid 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private const string Xss = "<script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) ![x](javascript:alert(4))";

    [Fact]
    public async Task Draft_published_to_csos_then_endorsed_for_the_public_never_leaks_before_its_time()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var admin = await factory.SignedInClientAsync(TammuzAdmin);
        var other = await factory.SignedInClientAsync(KirkukMember);
        var otherAdmin = await factory.SignedInClientAsync(KirkukAdmin);
        var editor = await factory.SignedInClientAsync(Editor);
        var anonymous = factory.CreateBrowserLikeClient();
        const string title = "رصد فرز الأصوات في الموصل";

        // A member drafts, with an image and a script in the text.
        var created = await member.SubmitFormAsync("/reports/mine/new?culture=en", "report", new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Summary"] = "ملخص " + Xss,
            ["Input.Body"] = "## النتائج\n\nجرى الفرز بهدوء. " + Xss,
            ["Input.Language"] = "ar",
            ["Input.Topics"] = "counting",
            ["Input.Governorates"] = "IQ-NI",
            ["Input.Election"] = "cor-2025",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var manage = created.RedirectPath()!.Split('?')[0];
        var report = await ReportAsync(title);
        Assert.Equal(ReportState.Draft, report.State);
        var upload = await member.SubmitFormAsync(manage + "?culture=en", "upload", [], [("file", "photo.png", Png)]);
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        report = await ReportAsync(title);
        var image = report.Files.Single();
        var saved = await member.SubmitFormAsync(manage + "/edit?culture=en", "report", new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Summary"] = "ملخص " + Xss,
            ["Input.Body"] = $"## النتائج\n\n![صورة المركز]({image.Url})\n\nجرى الفرز بهدوء. " + Xss,
            ["Input.Language"] = "ar",
            ["Input.Topics"] = "counting",
            ["Input.Governorates"] = "IQ-NI",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = "/reports/" + report.Slug;

        // The draft: its organisation only.
        await AssertHiddenAsync(anonymous, report, image, title);
        await AssertHiddenAsync(other, report, image, title);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(manage)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync(image.Url)).StatusCode);

        // The preview is the readers' rendering: the image is shown, nothing typed became markup.
        var preview = await member.GetDocumentAsync(manage + "?culture=en");
        AssertHarmless(preview.QuerySelector(".report-preview")!);
        Assert.Equal(image.Url, preview.QuerySelector(".report-preview img")!.GetAttribute("src"));

        // A member cannot publish; another organisation's administrator cannot either.
        Assert.Null(preview.QuerySelector("input[name=_handler][value=publish]"));
        Assert.Equal(ReportState.Draft, (await ReportAsync(title)).State);
        var adminPage = await admin.GetDocumentAsync(manage + "?culture=en");
        Assert.NotNull(adminPage.QuerySelector("input[name=_handler][value=publish]"));
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.GetAsync(manage)).StatusCode);

        // The administrator publishes: every accredited organisation reads it, the public does not.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync(manage + "?culture=en", "publish", [])).StatusCode);
        Assert.Equal(ReportState.Published, (await ReportAsync(title)).State);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(image.Url)).StatusCode);
        Assert.Contains(await ListTitlesAsync(other, "/reports"), t => t == title);
        Assert.Contains(await ListTitlesAsync(other, "/reports?q=" + Uri.EscapeDataString("الموصل")), t => t == title);
        await AssertHiddenAsync(anonymous, report, image, title);

        // Published reports change only through errata.
        Assert.Equal(HttpStatusCode.Redirect, (await member.GetAsync(manage + "/edit")).StatusCode);

        // The administrator asks for public listing; only an IHEC editor decides.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync(manage + "?culture=en", "request-listing", [])).StatusCode);
        var decision = $"/ihec/reports/{report.Id:D}";
        Assert.Contains("/account/access-denied", (await otherAdmin.GetAsync(decision)).RedirectPath());
        Assert.Contains(await ListTitlesAsync(editor, "/ihec/reports"), t => t == title);
        var declineWithoutReason = await editor.SubmitFormAsync(decision + "?culture=en", "decline", new Dictionary<string, string> { ["reason"] = " " });
        Assert.Equal(HttpStatusCode.OK, declineWithoutReason.StatusCode);
        Assert.Equal(PublicListing.Requested, (await ReportAsync(title)).Listing);
        await AssertHiddenAsync(anonymous, report, image, title);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.SubmitFormAsync(decision + "?culture=en", "endorse", [])).StatusCode);

        // Endorsed: public, marked as endorsed, found by search and in the feed, the sitemap and the organisation's profile.
        var publicPage = await anonymous.GetDocumentAsync(page + "?culture=en");
        Assert.Contains("Endorsed by IHEC", publicPage.QuerySelector("article")!.TextContent);
        AssertHarmless(publicPage.QuerySelector("article")!);
        var publicImage = await anonymous.GetAsync(image.Url);
        Assert.Equal(HttpStatusCode.OK, publicImage.StatusCode);
        UploadedFileAssert.IsSandboxed(publicImage);
        Assert.Contains(await ListTitlesAsync(anonymous, "/reports?q=" + Uri.EscapeDataString("الموصل")), t => t == title);
        Assert.Contains(await FeedTitlesAsync(anonymous), t => t == title);
        Assert.Contains(page, await anonymous.GetStringAsync("/sitemap.xml"));
        var profile = await anonymous.GetDocumentAsync("/organisations/CSO-DEMO-0001");
        Assert.Contains(profile.QuerySelectorAll("#reports-heading ~ ul a"), a => a.GetAttribute("href") == page);
        var feed = await anonymous.GetStringAsync("/reports/feed.atom");
        Assert.DoesNotContain("<script", feed, StringComparison.OrdinalIgnoreCase);

        // A correction appends a dated erratum; version 1 stays readable.
        var corrected = await admin.SubmitFormAsync(manage + "?culture=en", "correct", new Dictionary<string, string>
        {
            ["erratum"] = "صُحّح اسم المركز.",
            ["body"] = "## النتائج\n\nجرى الفرز بهدوء في المركز الصحيح.",
        });
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        var afterCorrection = await anonymous.GetDocumentAsync(page + "?culture=en");
        Assert.Contains("صُحّح اسم المركز.", afterCorrection.QuerySelector("#errata-heading")!.ParentElement!.TextContent);
        Assert.Contains("جرى الفرز بهدوء. ", (await anonymous.GetDocumentAsync(page + "/versions/1")).QuerySelector(".document-body")!.TextContent);

        // Withdrawal needs a reason and leaves a tombstone; the text, the file, search and feed let it go.
        var noReason = await admin.SubmitFormAsync(manage + "?culture=en", "withdraw", new Dictionary<string, string> { ["reason"] = "" });
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Equal(ReportState.Published, (await ReportAsync(title)).State);
        var withdrawn = await admin.SubmitFormAsync(manage + "?culture=en", "withdraw", new Dictionary<string, string> { ["reason"] = "أرقام غير دقيقة." });
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        var tombstone = await anonymous.GetDocumentAsync(page + "?culture=en");
        Assert.Contains("أرقام غير دقيقة.", tombstone.Body!.TextContent);
        Assert.Null(tombstone.QuerySelector(".document-body"));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(image.Url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(page + "/versions/1")).StatusCode);
        Assert.DoesNotContain(await ListTitlesAsync(anonymous, "/reports?q=" + Uri.EscapeDataString("الموصل")), t => t == title);
        Assert.DoesNotContain(await FeedTitlesAsync(anonymous), t => t == title);
    }

    [Fact]
    public async Task The_seeded_cso_only_draft_and_withdrawn_reports_are_never_public()
    {
        var anonymous = factory.CreateBrowserLikeClient();
        var kirkuk = await factory.SignedInClientAsync(KirkukMember);
        foreach (var slug in new[] { ReportDemo.CsoOnlySlug, ReportDemo.DraftSlug, ReportDemo.WithdrawnSlug })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/reports/" + slug)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/reports/" + slug + "/versions/1")).StatusCode);
        }

        var publicTitles = await ListTitlesAsync(anonymous, "/reports");
        var searchTitles = await ListTitlesAsync(anonymous, "/reports?q=" + Uri.EscapeDataString("كركوك"));
        var feedTitles = await FeedTitlesAsync(anonymous);
        var sitemap = await anonymous.GetStringAsync("/sitemap.xml");
        await using (var db = factory.CreateDbContext())
        {
            var hiddenReports = await db.Set<CsoReport>().AsNoTracking()
                .Where(r => r.Slug == ReportDemo.CsoOnlySlug || r.Slug == ReportDemo.DraftSlug || r.Slug == ReportDemo.WithdrawnSlug).ToListAsync();
            Assert.Equal(3, hiddenReports.Count);
            foreach (var hidden in hiddenReports)
            {
                Assert.DoesNotContain(hidden.Title, publicTitles);
                Assert.DoesNotContain(hidden.Title, searchTitles);
                Assert.DoesNotContain(hidden.Title, feedTitles);
                Assert.DoesNotContain(hidden.Slug, sitemap);
            }
        }

        Assert.Contains(publicTitles, t => t.Contains("بغداد"));

        // Another organisation: the CSO-only report and the withdrawn report's tombstone, never Tammuz's draft.
        Assert.Equal(HttpStatusCode.OK, (await kirkuk.GetAsync("/reports/" + ReportDemo.CsoOnlySlug)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await kirkuk.GetAsync("/reports/" + ReportDemo.DraftSlug)).StatusCode);
        var tombstone = await kirkuk.GetDocumentAsync("/reports/" + ReportDemo.WithdrawnSlug);
        Assert.Null(tombstone.QuerySelector(".document-body"));
        Assert.Contains(await ListTitlesAsync(kirkuk, "/reports?q=" + Uri.EscapeDataString("كركوك")), t => t.Contains("كركوك"));
        // Spelled another way (taa marbuta as haa, a diacritic): CSO-only reports are folded as the public index folds.
        Assert.Contains(await ListTitlesAsync(kirkuk, "/reports?q=" + Uri.EscapeDataString("الحملات الانتخابيه")), t => t.Contains("كركوك"));
        Assert.DoesNotContain(await ListTitlesAsync(anonymous, "/reports?q=" + Uri.EscapeDataString("الحملات الانتخابيه")), t => t.Contains("كركوك"));
    }

    [Fact]
    public async Task Autosave_keeps_a_draft_for_its_own_organisation_only()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var other = await factory.SignedInClientAsync(KirkukMember);
        var created = await member.SubmitFormAsync("/reports/mine/new?culture=en", "report", new Dictionary<string, string>
        {
            ["Input.Title"] = "مسودة تحفظ نفسها",
            ["Input.Language"] = "ar",
        });
        var manage = created.RedirectPath()!.Split('?')[0];

        var mine = await AutosaveAsync(member, manage, "نص كُتب ولم يُضغط زر الحفظ");
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Contains("Draft saved automatically", await mine.Content.ReadAsStringAsync());
        Assert.Equal("نص كُتب ولم يُضغط زر الحفظ", (await ReportAsync("مسودة تحفظ نفسها")).Body);

        // Another organisation, even with a valid token of its own, finds nothing to save.
        var theirs = await AutosaveAsync(other, "/reports/mine/new", "تخريب", manage + "/autosave");
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal("نص كُتب ولم يُضغط زر الحفظ", (await ReportAsync("مسودة تحفظ نفسها")).Body);
    }

    [Theory]
    [InlineData("en", "Polling, Election observation, Accessibility for persons with disabilities")]
    [InlineData("ar", "، ")]
    public async Task Lists_of_topics_are_joined_in_the_reader_language(string culture, string expected)
    {
        var html = await factory.CreateBrowserLikeClient().GetStringAsync($"/reports/r-de0000000001?culture={culture}");
        Assert.Contains(expected, System.Net.WebUtility.HtmlDecode(html));
    }

    [Fact]
    public async Task A_new_report_is_created_by_its_first_autosave_and_later_autosaves_change_that_draft()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        const string title = "تقرير لم يُحفظ بزر الحفظ";
        int before;
        await using (var db = factory.CreateDbContext())
        {
            before = await db.Set<CsoReport>().CountAsync();
        }

        // Without a title nothing is kept, and the answer says why.
        var early = await NewFormAutosaveAsync(member, "", "بداية النص");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        Assert.Contains("once it has a title", await early.Content.ReadAsStringAsync());

        var first = await NewFormAutosaveAsync(member, title, "النص الأول");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var answer = System.Text.Json.JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        var report = await ReportAsync(title);
        Assert.Equal("النص الأول", report.Body);
        Assert.Equal($"/reports/mine/{report.Id:D}/autosave", answer.GetProperty("autosave").GetString());
        Assert.Equal($"/reports/mine/{report.Id:D}/edit", answer.GetProperty("edit").GetString());

        // The script then posts to the draft's own address: the same draft changes, no second one appears.
        var second = await AutosaveAsync(member, $"/reports/mine/{report.Id:D}", "النص الثاني");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await using (var db = factory.CreateDbContext())
        {
            Assert.Equal(before + 1, await db.Set<CsoReport>().CountAsync());
            Assert.Equal("النص الثاني", (await db.Set<CsoReport>().SingleAsync(r => r.Id == report.Id)).Body);
        }
    }

    /// <summary>Posts the empty new-report form (token included) with a title and body to the new report's autosave.</summary>
    private static async Task<HttpResponseMessage> NewFormAutosaveAsync(HttpClient client, string title, string body)
    {
        var document = await client.GetDocumentAsync("/reports/mine/new?culture=en");
        var form = document.Forms.Single(f => f.QuerySelector("input[name=_handler]")?.GetAttribute("value") == "report");
        Assert.Equal("/reports/mine/autosave", form.GetAttribute("data-autosave"));
        var values = form.QuerySelectorAll("input[type=hidden]").OfType<AngleSharp.Html.Dom.IHtmlInputElement>()
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
        values.Add(new("Input.Title", title));
        values.Add(new("Input.Language", "ar"));
        values.Add(new("Input.Body", body));
        return await client.PostAsync("/reports/mine/autosave?culture=en", new FormUrlEncodedContent(values));
    }

    /// <summary>Posts the draft form of <paramref name="formPage"/> (token included) to the autosave address, as the page's script does.</summary>
    private static async Task<HttpResponseMessage> AutosaveAsync(HttpClient client, string formPage, string body, string? target = null)
    {
        var editPage = formPage.EndsWith("/new", StringComparison.Ordinal) ? formPage : formPage + "/edit";
        var document = await client.GetDocumentAsync(editPage + "?culture=en");
        var form = document.Forms.Single(f => f.QuerySelector("input[name=_handler]")?.GetAttribute("value") == "report");
        var values = form.QuerySelectorAll("input[type=hidden]").OfType<AngleSharp.Html.Dom.IHtmlInputElement>()
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
        values.Add(new("Input.Title", "مسودة تحفظ نفسها"));
        values.Add(new("Input.Language", "ar"));
        values.Add(new("Input.Body", body));
        return await client.PostAsync((target ?? formPage + "/autosave") + "?culture=en", new FormUrlEncodedContent(values));
    }

    private async Task AssertHiddenAsync(HttpClient client, CsoReport report, ReportFile file, string title)
    {
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/reports/" + report.Slug)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(file.Url)).StatusCode);
        Assert.DoesNotContain(await ListTitlesAsync(client, "/reports"), t => t == title);
        Assert.DoesNotContain(await ListTitlesAsync(client, "/reports?q=" + Uri.EscapeDataString("الموصل")), t => t == title);
        Assert.DoesNotContain(await FeedTitlesAsync(client), t => t == title);
        Assert.DoesNotContain(report.Slug, await client.GetStringAsync("/sitemap.xml"));
    }

    /// <summary>What was typed shows as text: no script, no event handler, no script address, no image from elsewhere.</summary>
    private static void AssertHarmless(AngleSharp.Dom.IElement element)
    {
        Assert.Empty(element.QuerySelectorAll("script"));
        var all = element.QuerySelectorAll("*").ToList();
        Assert.DoesNotContain(all, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(all, e => e.Attributes.Any(a => a.Value.Contains("javascript:", StringComparison.OrdinalIgnoreCase)));
        Assert.All(element.QuerySelectorAll("img"), img => Assert.StartsWith("/reports/files/", img.GetAttribute("src")));
        Assert.Contains("<script>alert(1)</script>", element.TextContent);
    }

    private static async Task<List<string>> ListTitlesAsync(HttpClient client, string url)
    {
        var document = await client.GetDocumentAsync(url);
        return [.. document.QuerySelectorAll(".library-item-title a").Select(a => a.TextContent.Trim())];
    }

    private static async Task<List<string>> FeedTitlesAsync(HttpClient client)
    {
        using var reader = XmlReader.Create(await client.GetStreamAsync("/reports/feed.atom"));
        return [.. SyndicationFeed.Load(reader).Items.Select(i => i.Title.Text)];
    }

    private async Task<CsoReport> ReportAsync(string title)
    {
        await using var db = factory.CreateDbContext();
        return await db.Set<CsoReport>().AsNoTracking().Include(r => r.Files).SingleAsync(r => r.Title == title);
    }
}
