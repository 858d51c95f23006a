using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Ihec.Portal.Features.Rumours;
using Ihec.Portal.Tests.Infrastructure;
using Ihec.Portal.Tests.Organisations;
using Microsoft.EntityFrameworkCore;
using static Ihec.Portal.Tests.Rumours.RumourFlows;

namespace Ihec.Portal.Tests.Rumours;

public sealed class RumourQueueTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string ArabicClaim = "المفوضية ألغت نتائج {0} محطة اقتراع في كركوك بعد اكتشاف تزوير واسع في صناديق الاقتراع";

    [Fact]
    public async Task Four_organisations_report_one_rumour_the_unit_answers_it_and_the_answer_is_public_with_claim_review()
    {
        // Three organisations, three spellings of the same Arabic claim (hamza, taa marbuta, tatweel, diacritics, word order, emoji, a link).
        var tammuz = await factory.SignedInClientAsync(TammuzMember);
        var kirkuk = await factory.SignedInClientAsync(KirkukMember);
        var erbil = await factory.SignedInClientAsync(ErbilMember);
        const string first = "المفوضية ألغت نتائج ٣٠ محطة اقتراع في كركوك بعد اكتشاف تزوير واسع في صناديق الاقتراع";
        const string second = "عاجل 🔴 المفوضيه الغت نتائج 30 محطه اقتراع في كركوك بعد اكتشاف تزوير واسع في صناديق الاقتراع https://t.me/x/1";
        const string third = "بعد اكتشاف تزويرٍ واسعٍ في صناديق الاقتراع، المفـــوضية أَلغت نتائج 30 محطة اقتراع في كركوك!!";
        var reference = await FileAsync(tammuz, Report(first, reach: ReachBand.OneMillionOrMore, links: "https://www.facebook.com/example/posts/30",
            targets: [RumourTarget.Ihec, RumourTarget.Results]));
        Assert.Equal(reference, await FileAsync(kirkuk, Report(second, reach: ReachBand.UnderOneMillion)));
        Assert.Equal(reference, await FileAsync(erbil, Report(third)));

        // A fourth organisation reports it in Sorani. Across languages the match is suggested, not grouped: the analyst
        // sees the Sorani case among the Arabic case's similar cases and merges it in.
        var relations = await factory.SignedInClientAsync(OrganisationFlows.Relations);
        var (_, fourthAdmin, fourthEmail) = await OrganisationFlows.AccreditedOrganisationAsync(factory, relations);
        var soraniReference = await FileAsync(fourthAdmin, Report("کۆمسیۆن ئەنجامی ٣٠ وێستگەی دەنگدانی لە کەرکووک هەڵوەشاندەوە بەهۆی ساختەکاری لە سندوقەکاندا", "ckb"));
        Assert.NotEqual(reference, soraniReference);
        var analyst = await factory.SignedInClientAsync(Analyst);
        var rumourCase = await CaseAsync(factory, reference);
        var soraniCase = await CaseAsync(factory, soraniReference);
        Assert.Equal(rumourCase.Id, soraniCase.Reports.Single().SuggestedCaseId);
        var casePage = await analyst.GetDocumentAsync($"/ihec/rumours/{rumourCase.Id}?culture=en");
        Assert.Contains(casePage.QuerySelectorAll(".suggestions li a"), a => a.TextContent == soraniReference);
        var merge = await analyst.SubmitFormAsync($"/ihec/rumours/{rumourCase.Id}?culture=en", "merge-" + soraniCase.Id.ToString("N"), []);
        Assert.Equal(HttpStatusCode.Redirect, merge.StatusCode);
        Assert.Equal(RumourStatus.Closed, (await CaseAsync(factory, soraniReference)).Status);

        rumourCase = await CaseAsync(factory, reference);
        Assert.Equal(4, rumourCase.Reports.Count);
        Assert.Equal(4, rumourCase.Reports.Select(r => r.OrganisationId).Distinct().Count());

        // At the top of the queue, with four reports from four organisations.
        var queue = await analyst.GetDocumentAsync("/ihec/rumours?culture=en");
        var top = queue.QuerySelector("table.rumour-queue tbody tr")!;
        Assert.Equal(reference, top.QuerySelector("th a")!.TextContent);
        Assert.Contains("4 reports from 4 organisations", top.TextContent);
        Assert.Contains("Critical", top.TextContent);

        // The unit answers: published at a permalink, every reporter told by e-mail.
        var respond = await ActAsync(analyst, rumourCase.Id, "respond", new()
        {
            ["RespondInput.Verdict"] = nameof(RumourVerdict.False),
            ["RespondInput.VerdictReason"] = "The Kirkuk office confirms no station results were cancelled.",
            ["RespondInput.ClaimAr"] = "المفوضية ألغت نتائج 30 محطة اقتراع في كركوك",
            ["RespondInput.ClaimCkb"] = "کۆمسیۆن ئەنجامی ٣٠ وێستگەی لە کەرکووک هەڵوەشاندەوە",
            ["RespondInput.ClaimEn"] = "IHEC cancelled the results of 30 polling stations in Kirkuk",
            ["RespondInput.ResponseAr"] = "هذا الادعاء كاذب. لم تُلغَ نتائج أي محطة في كركوك.",
            ["RespondInput.ResponseCkb"] = "ئەم بانگەشەیە درۆیە. ئەنجامی هیچ وێستگەیەک لە کەرکووک هەڵنەوەشێنراوەتەوە.",
            ["RespondInput.ResponseEn"] = "This claim is false. No station's results in Kirkuk were cancelled.",
        });
        Assert.Equal(HttpStatusCode.Redirect, respond.StatusCode);
        foreach (var email in new[] { TammuzMember, KirkukMember, ErbilMember, fourthEmail })
        {
            var mail = factory.Mails().Last(m => m.To.Mailboxes.Any(b => b.Address == email));
            Assert.Contains("/fact-checks/" + reference.ToLowerInvariant(), mail.TextBody);
        }

        // Each organisation sees the answer in its own list.
        var mine = await kirkuk.GetDocumentAsync("/rumours?culture=en");
        Assert.Contains(mine.QuerySelectorAll("tbody tr"), tr => tr.TextContent.Contains(reference) && tr.QuerySelector($"a[href='/fact-checks/{reference.ToLowerInvariant()}']") is not null);

        var visitor = factory.CreateBrowserLikeClient();
        var page = await visitor.GetAsync($"/fact-checks/{reference.ToLowerInvariant()}?culture=en");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var document = await page.ParseAsync();
        Assert.Equal("IHEC cancelled the results of 30 polling stations in Kirkuk", document.QuerySelector("h1")!.TextContent.Replace("Claim: ", "").Trim());
        var json = JsonDocument.Parse(document.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        Assert.Equal("https://schema.org", json.GetProperty("@context").GetString());
        Assert.Equal("ClaimReview", json.GetProperty("@type").GetString());
        Assert.Equal($"http://localhost/fact-checks/{reference.ToLowerInvariant()}", json.GetProperty("url").GetString());
        Assert.Equal("IHEC cancelled the results of 30 polling stations in Kirkuk", json.GetProperty("claimReviewed").GetString());
        Assert.Equal(1, json.GetProperty("reviewRating").GetProperty("ratingValue").GetInt32());
        Assert.Equal("False", json.GetProperty("reviewRating").GetProperty("alternateName").GetString());
        Assert.Equal("Organization", json.GetProperty("author").GetProperty("@type").GetString());
        Assert.Contains(json.GetProperty("itemReviewed").GetProperty("appearance").EnumerateArray(),
            a => a.GetProperty("url").GetString() == "https://www.facebook.com/example/posts/30");
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", json.GetProperty("datePublished").GetString());

        // The same permalink in Arabic and Sorani, and in the Atom feed.
        var arabic = await visitor.GetDocumentAsync($"/fact-checks/{reference.ToLowerInvariant()}?culture=ar");
        Assert.Contains("المفوضية ألغت نتائج 30 محطة اقتراع في كركوك", arabic.QuerySelector("h1")!.TextContent);
        var sorani = await visitor.GetDocumentAsync($"/fact-checks/{reference.ToLowerInvariant()}?culture=ckb");
        Assert.Contains("درۆیە", sorani.QuerySelector(".fact-check-response")!.TextContent);
        var feed = XDocument.Parse(await visitor.GetStringAsync("/fact-checks/feed.atom?culture=en"));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Contains(feed.Root!.Elements(atom + "entry"), e => e.Elements(atom + "link").Any(l => (string?)l.Attribute("href") == $"http://localhost/fact-checks/{reference.ToLowerInvariant()}"));
    }

    [Fact]
    public async Task A_report_with_errors_is_refused_with_messages_and_keeps_what_was_typed_and_attached()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var fields = Report("", links: "https://ok.example.org/a\njavascript:alert(1)")
            .Where(f => f.Key != "Input.Targets").Append(new("Input.Details", "Seen in three groups.")).ToList();

        var response = await member.SubmitFormAsync("/rumours/new?culture=en", "report-rumour", fields,
            [("screenshots", "shot.png", OrganisationFlows.Png)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("required", page.QuerySelector("#claim-error")!.TextContent);
        Assert.Contains("javascript:alert(1)", page.QuerySelector("#links-error")!.TextContent);
        Assert.Contains("Choose at least one", page.QuerySelector("#targets-error")!.TextContent);
        Assert.NotNull(page.QuerySelector("#error-summary"));
        Assert.Equal("Seen in three groups.", page.QuerySelector("#details")!.TextContent);
        Assert.Contains("https://ok.example.org/a", page.QuerySelector("#links")!.TextContent);
        Assert.Contains("shot.png", page.QuerySelector("#screenshots-kept")!.TextContent);

        // Corrected, the kept screenshot goes with the report without being chosen again.
        var kept = page.QuerySelectorAll("input[name='Input.KeptScreenshots']").Select(i => i.GetAttribute("value")!).Single();
        var corrected = Report($"الانتخابات أُجّلت أسبوعاً في البصرة {Guid.NewGuid():N}", links: "https://ok.example.org/a")
            .Append(new("Input.KeptScreenshots", kept)).ToList();
        var reference = await FileAsync(member, corrected);
        var rumourCase = await CaseAsync(factory, reference);
        await using var db = factory.CreateDbContext();
        Assert.Equal("shot.png", (await db.Set<RumourScreenshot>().SingleAsync(s => s.ReportId == rumourCase.Reports[0].Id)).FileName);
    }

    [Fact]
    public async Task A_screenshot_that_is_not_an_image_is_refused_by_its_content()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var response = await member.SubmitFormAsync("/rumours/new?culture=en", "report-rumour", Report("ادعاء " + Guid.NewGuid().ToString("N")),
            [("screenshots", "photo.png", OrganisationFlows.Pdf)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("not a PNG, JPEG or WebP image", (await response.ParseAsync()).QuerySelector("#screenshots-error")!.TextContent);
    }

    [Fact]
    public async Task A_retried_post_of_the_same_form_files_one_report()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var key = Guid.NewGuid().ToString("N");
        var fields = Report("خبر مكرر عن تأجيل الاقتراع " + key).Append(new("Input.SubmissionKey", key)).ToList();

        var first = await FileAsync(member, fields);
        var second = await FileAsync(member, fields);

        Assert.Equal(first, second);
        await using var db = factory.CreateDbContext();
        Assert.Equal(1, await db.Set<RumourReport>().CountAsync(r => r.SubmissionKey == key));
    }

    [Fact]
    public async Task An_organisation_never_sees_another_organisations_reports_screenshots_or_the_units_notes()
    {
        var kirkuk = await factory.SignedInClientAsync(KirkukMember);
        var tammuz = await factory.SignedInClientAsync(TammuzMember);
        var secret = "ادعاء خاص بمنظمة كركوك " + Guid.NewGuid().ToString("N");
        var reference = await FileAsync(kirkuk, Report(secret), [("screenshots", "kirkuk.png", OrganisationFlows.Png)]);
        var rumourCase = await CaseAsync(factory, reference);
        var analyst = await factory.SignedInClientAsync(Analyst);
        const string note = "Internal: source is a known troll network.";
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(analyst, rumourCase.Id, "note", new() { ["NoteInput.Note"] = note })).StatusCode);

        // Positive control: the list shows the organisation its own report, so its absence elsewhere means something.
        Assert.Contains(secret, (await kirkuk.GetDocumentAsync("/rumours?culture=en")).Body!.TextContent);
        Assert.DoesNotContain(secret, (await tammuz.GetDocumentAsync("/rumours?culture=en")).Body!.TextContent);
        await using var db = factory.CreateDbContext();
        var shot = await db.Set<RumourScreenshot>().SingleAsync(s => s.ReportId == rumourCase.Reports[0].Id);
        Assert.Equal(HttpStatusCode.NotFound, (await tammuz.GetAsync($"/rumours/screenshots/{shot.Id}")).StatusCode);
        var screenshot = await kirkuk.GetAsync($"/rumours/screenshots/{shot.Id}");
        Assert.Equal(HttpStatusCode.OK, screenshot.StatusCode);
        UploadedFileAssert.IsSandboxed(screenshot);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync($"/rumours/screenshots/{shot.Id}")).StatusCode);
        (await kirkuk.GetAsync($"/ihec/rumours/{rumourCase.Id}")).AssertForbidden();
        Assert.DoesNotContain(note, (await kirkuk.GetDocumentAsync("/rumours?culture=en")).Body!.TextContent);
        Assert.Contains(note, (await analyst.GetDocumentAsync($"/ihec/rumours/{rumourCase.Id}?culture=en")).Body!.TextContent);
    }

    [Theory]
    [InlineData("<script>alert('x')</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("\"><svg onload=alert(1)>")]
    public async Task Markup_in_any_text_field_is_shown_as_text(string payload)
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var unique = Guid.NewGuid().ToString("N");
        var fields = Report(payload + " " + unique).Append(new("Input.Details", payload)).ToList();
        var reference = await FileAsync(member, fields);
        var rumourCase = await CaseAsync(factory, reference);
        var analyst = await factory.SignedInClientAsync(Analyst);
        await ActAsync(analyst, rumourCase.Id, "note", new() { ["NoteInput.Note"] = payload });
        var respond = await ActAsync(analyst, rumourCase.Id, "respond", new()
        {
            ["RespondInput.Verdict"] = nameof(RumourVerdict.Misleading),
            ["RespondInput.VerdictReason"] = payload,
            ["RespondInput.ClaimAr"] = payload + unique,
            ["RespondInput.ResponseAr"] = payload,
        });
        Assert.Equal(HttpStatusCode.Redirect, respond.StatusCode);

        foreach (var (client, url) in new[] { (member, "/rumours?culture=en"), (analyst, $"/ihec/rumours/{rumourCase.Id}?culture=en"),
                     (analyst, "/ihec/rumours?culture=en"), (factory.CreateBrowserLikeClient(), $"/fact-checks/{reference.ToLowerInvariant()}"),
                     (factory.CreateBrowserLikeClient(), "/fact-checks") })
        {
            var html = await (await client.GetAsync(url)).Content.ReadAsStringAsync();
            Assert.DoesNotContain(payload, html);
            var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
            Assert.Contains(payload, document.Body!.TextContent);
            Assert.Empty(document.QuerySelectorAll("body script:not([src]), body img[onerror], body svg[onload]"));
        }
    }

    [Fact]
    public async Task Answered_states_are_reached_only_by_publishing_and_a_stale_form_is_refused()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var reference = await FileAsync(member, Report("ادعاء عن حالات القضايا " + Guid.NewGuid().ToString("N")));
        var rumourCase = await CaseAsync(factory, reference);
        var analyst = await factory.SignedInClientAsync(Analyst);

        var toResponded = await ActAsync(analyst, rumourCase.Id, "status", new() { ["StatusInput.Status"] = nameof(RumourStatus.Responded) });
        Assert.Equal(HttpStatusCode.OK, toResponded.StatusCode);
        Assert.NotNull((await toResponded.ParseAsync()).QuerySelector("#action-error"));

        var stale = await ActAsync(analyst, rumourCase.Id, "status", new()
        {
            ["StatusInput.Status"] = nameof(RumourStatus.Investigating),
            ["StatusInput.Version"] = Guid.NewGuid().ToString(),
        });
        Assert.Contains("Someone else just changed this case", (await stale.ParseAsync()).QuerySelector("#action-error")!.TextContent);

        var ok = await ActAsync(analyst, rumourCase.Id, "status", new() { ["StatusInput.Status"] = nameof(RumourStatus.Investigating) });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(RumourStatus.Investigating, (await CaseAsync(factory, reference)).Status);
    }

    [Fact]
    public async Task The_analyst_splits_a_report_out_and_assigns_the_case()
    {
        var tammuz = await factory.SignedInClientAsync(TammuzMember);
        var kirkuk = await factory.SignedInClientAsync(KirkukMember);
        var text = "المرشحة في الدائرة الثالثة انسحبت من السباق الانتخابي اليوم " + Guid.NewGuid().ToString("N")[..6];
        var reference = await FileAsync(tammuz, Report(text));
        Assert.Equal(reference, await FileAsync(kirkuk, Report(text + "!")));
        var rumourCase = await CaseAsync(factory, reference);
        var analyst = await factory.SignedInClientAsync(Analyst);

        var page = await analyst.GetDocumentAsync($"/ihec/rumours/{rumourCase.Id}?culture=en");
        var splitForm = page.Forms.First(f => f.QuerySelector("input[name=_handler]")?.GetAttribute("value")?.StartsWith("split-", StringComparison.Ordinal) == true);
        var split = await analyst.SubmitFormAsync($"/ihec/rumours/{rumourCase.Id}?culture=en", splitForm.QuerySelector("input[name=_handler]")!.GetAttribute("value")!, []);
        Assert.Equal(HttpStatusCode.Redirect, split.StatusCode);
        Assert.Single((await CaseAsync(factory, reference)).Reports);

        var analystId = await OrganisationFlows.UserIdAsync(factory, Analyst);
        var assign = await ActAsync(analyst, rumourCase.Id, "assign", new() { ["AssignInput.AssignTo"] = analystId });
        Assert.Equal(HttpStatusCode.Redirect, assign.StatusCode);
        Assert.Equal(analystId, (await CaseAsync(factory, reference)).AssignedToUserId);
        var notAnalyst = await ActAsync(analyst, rumourCase.Id, "assign", new() { ["AssignInput.AssignTo"] = await OrganisationFlows.UserIdAsync(factory, TammuzMember) });
        Assert.Equal(HttpStatusCode.OK, notAnalyst.StatusCode);
    }

    [Fact]
    public async Task The_dashboard_counts_reports_by_platform_target_and_governorate()
    {
        var analyst = await factory.SignedInClientAsync(Analyst);
        var page = await analyst.GetDocumentAsync("/ihec/rumours/dashboard?culture=en");
        Assert.NotNull(page.QuerySelector("#by-platform-title"));
        Assert.Contains(page.QuerySelectorAll("#by-platform-title ~ table tbody th"), th => th.TextContent == "Facebook");
        Assert.Contains(page.QuerySelectorAll("#by-governorate-title ~ table tbody th"), th => th.TextContent == "Baghdad");
    }
}
