using System.Net;
using Ihec.Portal.Features.Violations;
using Ihec.Portal.Shared.Violations;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Ihec.Portal.Tests.Violations.ViolationFlows;

namespace Ihec.Portal.Tests.Violations;

public sealed class ViolationReviewTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Dismissing_needs_a_reason_and_the_reporter_is_told_by_email_with_the_reason()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var report = await ReportAsync(factory, await FileAsync(member, Report("بلاغ سيُرفض")));
        var reviewer = await factory.SignedInClientAsync(Reviewer);

        var refused = await ReviewAsync(reviewer, report.Id, "state", new() { ["StateInput.State"] = nameof(ViolationState.Dismissed) });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("reason", (await refused.ParseAsync()).QuerySelector("#action-error")!.TextContent);
        Assert.Equal(ViolationState.Submitted, (await ReportAsync(factory, report.Reference)).State);

        var dismissed = await ReviewAsync(reviewer, report.Id, "state", new()
        {
            ["StateInput.State"] = nameof(ViolationState.Dismissed), ["StateInput.Reason"] = "Outside the electoral period",
        });
        Assert.Equal(HttpStatusCode.Redirect, dismissed.StatusCode);
        var after = await ReportAsync(factory, report.Reference);
        Assert.Equal(ViolationState.Dismissed, after.State);
        Assert.Equal("Outside the electoral period", after.StateReason);
        Assert.Contains(after.Events, e => e.Kind == ViolationEventKind.StateChanged && e.FromState == ViolationState.Submitted
                                           && e.ToState == ViolationState.Dismissed && e.Details == "Outside the electoral period");

        var mail = factory.LastMailTo(TammuzMember);
        Assert.Contains(report.Reference, mail.Subject);
        Assert.Contains("Outside the electoral period", mail.TextBody);
        MailAssert.HtmlAndText(mail, "ar", $"/violations/{report.Id}");

        // A referral is only possible from review: the page offers no such move from a dismissal, and a forged post is refused.
        var forged = await ReviewAsync(reviewer, report.Id, "state", new() { ["StateInput.State"] = nameof(ViolationState.Referred) });
        Assert.Contains("cannot move", (await forged.ParseAsync()).QuerySelector("#action-error")!.TextContent);
    }

    [Fact]
    public async Task Needs_information_goes_back_to_the_reporter_whose_answer_returns_it_to_review()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var report = await ReportAsync(factory, await FileAsync(member, Report("بلاغ يحتاج معلومات")));
        var reviewer = await factory.SignedInClientAsync(Reviewer);

        Assert.Equal(HttpStatusCode.Redirect, (await ReviewAsync(reviewer, report.Id, "state", new()
        {
            ["StateInput.State"] = nameof(ViolationState.NeedsInformation), ["StateInput.Reason"] = "Which polling station exactly?",
        })).StatusCode);

        var page = await member.GetDocumentAsync($"/violations/{report.Id}?culture=en");
        Assert.Contains("Which polling station exactly?", page.QuerySelector("#information-request")!.TextContent);
        var answer = await member.SubmitFormAsync($"/violations/{report.Id}?culture=en", "answer", new Dictionary<string, string> { ["Input.Text"] = "Station 110203-04" },
            [("evidence", "station.jpg", JpegWithGps())]);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);

        var after = await ReportAsync(factory, report.Reference);
        Assert.Equal(ViolationState.UnderReview, after.State);
        // The answer brought a photo, stored like the first evidence: without its metadata.
        var photo = Assert.Single(after.Evidence);
        Assert.DoesNotContain("GPS", System.Text.Encoding.ASCII.GetString(await member.GetByteArrayAsync($"/violations/evidence/{photo.Id}")));
        // Once back under review the organisation can still write, but adds evidence only when asked.
        var unasked = await member.SubmitFormAsync($"/violations/{report.Id}?culture=en", "answer", new Dictionary<string, string> { ["Input.Text"] = "One more photo" },
            [("evidence", "more.jpg", JpegWithGps())]);
        Assert.Equal(HttpStatusCode.OK, unasked.StatusCode);
        Assert.Contains("only when IHEC asks", (await unasked.ParseAsync()).QuerySelector("#error-summary")!.TextContent);
        Assert.Null(after.StateReason);
        var comment = Assert.Single(after.Comments);
        Assert.False(comment.FromIhec);
        Assert.Equal("Station 110203-04", comment.Text);

        // The reviewer reads the answer in the thread and replies; the organisation sees the reply.
        var review = await reviewer.GetDocumentAsync($"/ihec/violations/{report.Id}?culture=en");
        Assert.Contains("Station 110203-04", review.QuerySelector("#comments-title")!.ParentElement!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await ReviewAsync(reviewer, report.Id, "comment", new() { ["CommentInput.Text"] = "Thank you" })).StatusCode);
        Assert.Contains("Thank you", (await member.GetDocumentAsync($"/violations/{report.Id}?culture=en")).QuerySelector("#comments-title")!.ParentElement!.TextContent);
    }

    [Fact]
    public async Task A_reviewers_comment_is_emailed_to_the_reporter_as_html_and_text_in_the_reporters_language()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var report = await ReportAsync(factory, await FileAsync(member, Report("بلاغ عليه تعليق")));
        var reviewer = await factory.SignedInClientAsync(Reviewer);
        var before = factory.Mails().Count;

        // The reporter reads the portal in Sorani (the reviewer in Arabic, the page posted in English): the e-mail is Sorani.
        await SetLanguageAsync(TammuzMember, "ckb");
        try
        {
            const string comment = "Please see https://ihec.example/guide before the count";
            Assert.Equal(HttpStatusCode.Redirect, (await ReviewAsync(reviewer, report.Id, "comment", new() { ["CommentInput.Text"] = comment })).StatusCode);

            Assert.Equal(before + 1, factory.Mails().Count);
            var mail = factory.LastMailTo(TammuzMember);
            Assert.Equal($"کۆمسیۆن لەسەر ڕاپۆرتی پێشێلکاری {report.Reference} تێبینییەکی نووسی", mail.Subject);
            Assert.Contains(comment, mail.TextBody);
            MailAssert.HtmlAndText(mail, "ckb", $"/violations/{report.Id}");
            // The comment's own address stays a link in the HTML.
            var html = PortalFactory.HtmlOf(mail);
            Assert.Contains("سڵاو", html.Body!.TextContent);
            Assert.Contains(html.QuerySelectorAll("a"), a => a.GetAttribute("href") == "https://ihec.example/guide");
        }
        finally
        {
            await SetLanguageAsync(TammuzMember, "ar");
        }
    }

    private async Task SetLanguageAsync(string email, string language)
    {
        await using var db = factory.CreateDbContext();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        user.PreferredCulture = language;
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Reviewer_assigns_links_a_duplicate_and_the_history_records_every_change()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var original = await ReportAsync(factory, await FileAsync(member, Report("البلاغ الأصلي")));
        var repeat = await ReportAsync(factory, await FileAsync(member, Report("البلاغ نفسه مرة أخرى")));
        var reviewer = await factory.SignedInClientAsync(Reviewer);
        await using (var db = factory.CreateDbContext())
        {
            var reviewerId = db.Users.Single(u => u.Email == Reviewer).Id;
            Assert.Equal(HttpStatusCode.Redirect, (await ReviewAsync(reviewer, repeat.Id, "assign", new() { ["AssignInput.AssignTo"] = reviewerId })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await ReviewAsync(reviewer, repeat.Id, "duplicate", new() { ["DuplicateInput.DuplicateOf"] = original.Reference })).StatusCode);
        // Linking the original to its own duplicate would make a loop.
        var loop = await ReviewAsync(reviewer, original.Id, "duplicate", new() { ["DuplicateInput.DuplicateOf"] = repeat.Reference });
        Assert.Equal(HttpStatusCode.OK, loop.StatusCode);
        Assert.NotNull((await loop.ParseAsync()).QuerySelector("#action-error"));

        var after = await ReportAsync(factory, repeat.Reference);
        Assert.Equal(original.Id, after.DuplicateOfId);
        Assert.NotNull(after.AssignedToUserId);
        Assert.Equal([ViolationEventKind.Submitted, ViolationEventKind.Assigned, ViolationEventKind.MarkedDuplicate], after.Events.OrderBy(e => e.At).Select(e => e.Kind));
        var queue = await reviewer.GetDocumentAsync("/ihec/violations?culture=en&mine=true");
        Assert.Contains(queue.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains(repeat.Reference) && r.TextContent.Contains("Duplicate"));

        // An assignment made on a page that is no longer current is refused rather than overwriting.
        var stale = await reviewer.SubmitFormAsync($"/ihec/violations/{repeat.Id}?culture=en", "assign",
            new Dictionary<string, string> { ["AssignInput.AssignTo"] = "", ["AssignInput.Version"] = Guid.NewGuid().ToString() });
        Assert.Contains("Someone else", (await stale.ParseAsync()).QuerySelector("#action-error")!.TextContent);
    }

    [Fact]
    public async Task The_public_map_shows_only_verified_consented_reports_coarsened_and_without_identity()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var shown = await ReportAsync(factory, await FileAsync(member, Report("وصف لا يظهر للعامة", latitude: "33.31523", longitude: "44.36612")));
        // Najaf, verified without consent: never public.
        var private_ = await ReportAsync(factory, await FileAsync(member, Report("بلاغ دون موافقة", governorate: "IQ-NA", latitude: "32.0259", longitude: "44.3462", consent: false)));
        var reviewer = await factory.SignedInClientAsync(Reviewer);
        foreach (var report in new[] { shown, private_ })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await ReviewAsync(reviewer, report.Id, "state", new() { ["StateInput.State"] = nameof(ViolationState.Verified) })).StatusCode);
        }

        var anonymous = factory.CreateBrowserLikeClient();
        var html = await (await anonymous.GetAsync("/map?culture=en")).Content.ReadAsStringAsync();
        Assert.Contains("33.32", html);
        Assert.Contains("44.37", html);
        Assert.DoesNotContain("33.3152", html);
        Assert.DoesNotContain("32.03", html);
        Assert.DoesNotContain("وصف لا يظهر للعامة", html);
        Assert.DoesNotContain(shown.ReporterName, html);
        Assert.DoesNotContain("Tammuz", html);
        Assert.DoesNotContain(shown.Reference, html);

        var csv = await anonymous.GetStringAsync("/map/violations.csv");
        Assert.StartsWith("date,category,governorate,latitude,longitude", csv);
        Assert.Contains(",VoteBuying,IQ-BG,33.32,44.37", csv);
        Assert.DoesNotContain("32.03", csv);

        using var geo = System.Text.Json.JsonDocument.Parse(await anonymous.GetStringAsync("/map/violations.geojson"));
        var features = geo.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Contains(features, f => f.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()).SequenceEqual([44.37, 33.32])
                                       && f.GetProperty("properties").GetProperty("governorate").GetString() == "IQ-BG");
        Assert.All(features, f => Assert.Equal(["date", "category", "governorate", "election"], f.GetProperty("properties").EnumerateObject().Select(p => p.Name)));
        Assert.Equal(csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1, features.Count);
    }
}
