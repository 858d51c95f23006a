using Ihec.Portal.Infrastructure.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using System.Xml.Linq;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Ihec.Portal.Tests.EndToEnd;

/// <summary>
/// The library's journey in the browser: an editor publishes a Board decision with a PDF and amends it; a reader
/// without an account finds it by an Arabic search spelled differently from the text (no hamza, no shadda, heh for
/// taa marbuta, a Kurdish keyboard's yeh), reads both versions and their difference, prints it, and subscribes to
/// the feed.
/// </summary>
[Collection(PlaywrightCollection.Name)]
public sealed class LibraryJourneyTests(PlaywrightPortal browser)
{
    private const string Year = "2026";
    private const string KeptParagraph = "تلتزم المكاتب بتوفير مراكز الاقتراع.";
    private const string AmendedParagraph = "تلتزم المكاتب بتوفير مراكز اقتراع يسهل على الأشخاص ذوي الإعاقة الوصول إليها.";
    private const string ChangeNote = "إضافة إمكانية الوصول";

    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    // Letters that are neither proclitics (ب ل ك ف و) nor the stemmer's affixes, so the made-up stem stays whole.
    private const string StemLetters = "تثجحخدذرزسشصضطظعغقمن";

    [Fact]
    public async Task Editor_publishes_and_amends_a_decision_that_a_reader_finds_by_a_differently_spelled_search_prints_and_follows()
    {
        var stem = new string(Enumerable.Range(0, 5).Select(_ => StemLetters[Random.Shared.Next(StemLetters.Length)]).ToArray());
        // As written: hamza on the alef, shadda, taa marbuta. As searched: bare alef, no shadda, Farsi yeh (U+06CC), heh.
        var word = "إ" + stem + "يّة";
        var wordAsTyped = "ا" + stem + "\u06CCه";
        var number = Random.Shared.Next(10_000, 99_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var permalink = $"/library/decisions/{Year}/{number}";
        var title = $"قرار مجلس المفوضين بشأن مواعيد الإنتخابات في {word}";
        var opening = $"تُجري المفوضيّة الإنتخابات في {word} وفق الجدول الزمني المعتمد.";
        var fileName = $"decision-{number}.pdf";

        // 1. The editor creates the decision as a draft, attaches its PDF and publishes it.
        await using var editorContext = await browser.NewContextAsync(Principal.IhecEditor);
        var editor = await editorContext.NewPageAsync();
        await PlaywrightPortal.OpenAsync(editor, "/ihec/library/new?culture=ar");
        await editor.Locator("#kind").SelectOptionAsync("BoardDecision");
        await editor.Locator("#number").FillAsync(number);
        await editor.Locator("#year").FillAsync(Year);
        await editor.Locator("#title-ar").FillAsync(title);
        await editor.Locator("#body-ar").FillAsync(opening + "\n\n" + KeptParagraph);
        await editor.Locator("form:has(#body-ar) button[type=submit]").ClickAsync();
        await editor.WaitForURLAsync("**done=Created");
        var manage = new Uri(editor.Url).AbsolutePath;
        Assert.Matches("^/ihec/library/[0-9a-f-]{36}$", manage);

        await editor.Locator("#file").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "application/pdf", Buffer = Pdf });
        await editor.Locator("#file-language").SelectOptionAsync("ar");
        await editor.Locator("form:has(#file) button[type=submit]").ClickAsync();
        await editor.WaitForURLAsync("**done=AttachmentAdded");
        var attachment = await editor.Locator($"ul.attachments a:text-is('{fileName}')").GetAttributeAsync("href");
        Assert.Matches("^/library/files/[0-9a-f-]{36}$", attachment);

        await editor.Locator("section[aria-labelledby='publication-heading'] button[type=submit]").ClickAsync();
        await editor.WaitForURLAsync("**done=Published");
        Assert.Equal(permalink, await editor.Locator($"a[href='{permalink}']").GetAttributeAsync("href"));

        // 2. The editor amends the body, with a change note: a second, published version.
        await editor.Locator($"a[href='{manage}/edit']").ClickAsync();
        await editor.WaitForURLAsync("**/edit");
        await editor.Locator("#body-ar").FillAsync(opening + "\n\n" + AmendedParagraph);
        await editor.Locator("#note").FillAsync(ChangeNote);
        await editor.Locator("form:has(#body-ar) button[type=submit]").ClickAsync();
        await editor.WaitForURLAsync("**done=Saved");
        var editorVersions = editor.Locator("section[aria-labelledby='versions-heading'] tbody tr");
        Assert.Equal(2, await editorVersions.CountAsync());
        Assert.Contains(ChangeNote, await editorVersions.First.InnerTextAsync(), StringComparison.Ordinal);

        // 3. A reader without an account searches as typed on a Kurdish keyboard, without hamza or diacritics.
        await using var readerContext = await browser.NewContextAsync(Principal.Anonymous, "ar-IQ");
        var reader = await readerContext.NewPageAsync();
        var accessibility = new List<string>();
        await SearchAsync(reader, $"الانتخابات مفوضیه {wordAsTyped}");
        // Every word matched (no "partial matches" notice) and only this decision has the made-up word.
        Assert.True(await reader.Locator("main .notice-info").CountAsync() == 0,
            "Not every word matched (the search fell back to partial matches): " + await reader.Locator("main [role=status]").InnerTextAsync());
        Assert.Equal([permalink], await Hrefs(reader.Locator(".search-results .library-item-title a")));
        // The highlights point into the text as written, not as folded.
        var marks = await reader.Locator(".search-results .snippet mark").AllInnerTextsAsync();
        Assert.Contains("الإنتخابات", marks);
        Assert.Contains("المفوضيّة", marks);
        Assert.Contains(word, marks);
        await ScanAsync(reader, "search results", accessibility);

        // The index holds the amended text: a word only the second version has finds it too.
        await SearchAsync(reader, $"الاعاقه {wordAsTyped}");
        Assert.Equal([permalink], await Hrefs(reader.Locator(".search-results .library-item-title a")));
        Assert.Contains("الإعاقة", await reader.Locator(".search-results .snippet mark").AllInnerTextsAsync());

        // The decision's page: the current version, with its PDF.
        await reader.Locator($".search-results a[href='{permalink}']").ClickAsync();
        await reader.WaitForURLAsync(browser.BaseUrl + permalink);
        // Blazor's enhanced navigation changes the address before it patches the page in.
        await reader.Locator("article.library-document .document-body").WaitForAsync();
        Assert.Equal(title, (await reader.Locator("h1").InnerTextAsync()).Trim());
        var body = await reader.Locator(".document-body").InnerTextAsync();
        Assert.Contains("ذوي الإعاقة", body, StringComparison.Ordinal);
        Assert.DoesNotContain(KeptParagraph, body, StringComparison.Ordinal);
        Assert.Equal(attachment, await reader.Locator($"ul.attachments a:text-is('{fileName}')").GetAttributeAsync("href"));
        var file = await readerContext.APIRequest.GetAsync(browser.BaseUrl + attachment);
        Assert.Equal(200, file.Status);
        Assert.Equal("application/pdf", file.Headers["content-type"]);
        Assert.Equal(Pdf, await file.BodyAsync());
        await ScanAsync(reader, "decision page", accessibility);

        // 4. Printed: the portal's chrome and the page's own links are gone, the decision and its address remain.
        await AssertPrintedLayoutAsync(reader, "ذوي الإعاقة");
        Assert.Equal("block", await Display(reader.Locator(".document-footer .print-only")));
        // The printed address is the portal's public one (Portal:PublicBaseUrl), not the address the browser used.
        var publicAddress = browser.Portal.Services.GetRequiredService<IOptions<PortalUrlOptions>>().Value.Absolute(permalink);
        Assert.Contains(publicAddress, await reader.Locator(".document-footer .print-only").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("none", await Display(reader.Locator(".breadcrumb")));
        Assert.Equal("none", await Display(reader.Locator(".document-footer .inline-links")));
        await reader.EmulateMediaAsync(new() { Media = Media.Screen });
        Assert.Equal("none", await Display(reader.Locator(".document-footer .print-only")));

        // 5. The feed the page advertises (and links to) resolves and has the decision, amended, at its permalink.
        var feedHref = await reader.Locator("head link[rel=alternate][type='application/atom+xml']").GetAttributeAsync("href");
        Assert.Equal("/library/decisions/feed.atom", feedHref);
        Assert.Equal(1, await reader.Locator($".document-footer a[href='{feedHref}']").CountAsync());
        var feedResponse = await readerContext.APIRequest.GetAsync(new Uri(new Uri(reader.Url), feedHref).ToString());
        Assert.Equal(200, feedResponse.Status);
        Assert.StartsWith("application/atom+xml", feedResponse.Headers["content-type"], StringComparison.Ordinal);
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var entry = Assert.Single(XDocument.Parse(await feedResponse.TextAsync()).Root!.Elements(atom + "entry"), e =>
            e.Elements(atom + "link").Any(l => (string?)l.Attribute("rel") == "alternate"
                                               && new Uri((string)l.Attribute("href")!).AbsolutePath == permalink));
        Assert.Equal(title, (string?)entry.Element(atom + "title"));
        Assert.Contains("ذوي الإعاقة", (string?)entry.Element(atom + "content"), StringComparison.Ordinal);

        // 6. Both versions: the history lists them with the change note; the first is readable as it was.
        await reader.Locator($".document-footer a[href='{permalink}/versions']").ClickAsync();
        await reader.WaitForURLAsync(browser.BaseUrl + permalink + "/versions");
        await reader.Locator("form[action$='/diff']").WaitForAsync();
        var rows = reader.Locator("main table tbody tr");
        Assert.Equal(2, await rows.CountAsync());
        Assert.Contains(ChangeNote, await rows.First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal([$"{permalink}/versions/2", $"{permalink}/versions/1"], await Hrefs(rows.Locator("th a")));
        await ScanAsync(reader, "versions", accessibility);

        await rows.Locator($"a[href='{permalink}/versions/1']").ClickAsync();
        await reader.WaitForURLAsync(browser.BaseUrl + permalink + "/versions/1");
        await reader.Locator("main .notice-warning").WaitForAsync();
        var first = await reader.Locator(".document-body").InnerTextAsync();
        Assert.Contains(KeptParagraph, first, StringComparison.Ordinal);
        Assert.DoesNotContain("ذوي الإعاقة", first, StringComparison.Ordinal);
        Assert.Equal(1, await reader.Locator("main .notice-warning").CountAsync());
        await ScanAsync(reader, "version 1", accessibility);
        await AssertPrintedLayoutAsync(reader, KeptParagraph);
        await reader.EmulateMediaAsync(new() { Media = Media.Screen });

        // The history's comparison form, as it comes (first version against the current one).
        await reader.Locator($"main a[href='{permalink}/versions']").ClickAsync();
        await reader.WaitForURLAsync(browser.BaseUrl + permalink + "/versions");
        await reader.Locator("form[action$='/diff'] button[type=submit]").ClickAsync();
        await reader.WaitForURLAsync("**/diff?**");
        await reader.Locator("section.diff").First.WaitForAsync();
        Assert.Contains(KeptParagraph, string.Join("\n", await reader.Locator(".diff-removed del").AllInnerTextsAsync()), StringComparison.Ordinal);
        Assert.Contains("ذوي الإعاقة", string.Join("\n", await reader.Locator(".diff-added ins").AllInnerTextsAsync()), StringComparison.Ordinal);
        await ScanAsync(reader, "diff", accessibility);

        Assert.True(accessibility.Count == 0, string.Join("\n", accessibility));
    }

    /// <summary>Searches through the search page's own form, as a reader would.</summary>
    private static async Task SearchAsync(IPage page, string words)
    {
        await PlaywrightPortal.OpenAsync(page, "/library/search?culture=ar");
        await page.Locator("#q").FillAsync(words);
        await page.Locator("#q").PressAsync("Enter");
        await page.WaitForURLAsync("**/library/search?q=**");
        await page.Locator("main [role=status]").WaitForAsync();
    }

    /// <summary>In print the app bar, language switcher and main navigation are hidden; the document's text is shown.</summary>
    private static async Task AssertPrintedLayoutAsync(IPage page, string text)
    {
        string[] chrome = [".app-bar", ".main-nav", ".skip-link"];
        foreach (var selector in chrome.Take(2))
        {
            Assert.NotEqual("none", await Display(page.Locator(selector)));
        }

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        foreach (var selector in chrome)
        {
            Assert.True(await Display(page.Locator(selector)) == "none", $"{selector} is shown in print on {page.Url}.");
            Assert.False(await page.Locator(selector).IsVisibleAsync());
        }

        var documentBody = page.Locator(".library-document .document-body");
        Assert.True(await documentBody.IsVisibleAsync(), $"The document's text is hidden in print on {page.Url}.");
        Assert.NotEqual("none", await Display(documentBody));
        Assert.Contains(text, await documentBody.InnerTextAsync(), StringComparison.Ordinal);
    }

    private static Task<string> Display(ILocator locator) =>
        locator.EvaluateAsync<string>("e => getComputedStyle(e).display");

    private static async Task<List<string?>> Hrefs(ILocator links)
    {
        var hrefs = new List<string?>();
        foreach (var link in await links.AllAsync())
        {
            hrefs.Add(await link.GetAttributeAsync("href"));
        }

        return hrefs;
    }

    private async Task ScanAsync(IPage page, string what, List<string> problems)
    {
        var scan = await browser.ScanAsync(page, what);
        problems.AddRange(scan.Violations.Select(v =>
            $"{what} ({page.Url}): {v.Id} {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}"));
    }
}
