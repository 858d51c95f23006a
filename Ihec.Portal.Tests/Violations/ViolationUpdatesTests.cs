using System.Net;
using AngleSharp.Html.Dom;
using Ihec.Portal.Features.Violations;
using Ihec.Portal.Shared.Violations;
using Ihec.Portal.Tests.Infrastructure;
using static Ihec.Portal.Tests.Violations.ViolationFlows;

namespace Ihec.Portal.Tests.Violations;

/// <summary>The in-portal notice of IHEC's changes: the "Updated" marker in the organisation's list and the navigation's count, per member.</summary>
public sealed class ViolationUpdatesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string TammuzAdmin = "admin@tammuz.demo";

    private static int Badge(IHtmlDocument page) =>
        int.TryParse(page.QuerySelector("nav.main-nav [data-violation-updates]")?.GetAttribute("data-violation-updates"), out var n) ? n : 0;

    private static AngleSharp.Dom.IElement Row(IHtmlDocument list, string reference) =>
        list.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(reference));

    private static bool Marked(IHtmlDocument list, string reference) => Row(list, reference).QuerySelector(".updated-marker") is not null;

    [Fact]
    public async Task A_state_change_marks_the_report_updated_for_each_member_until_that_member_opens_it()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var colleague = await factory.SignedInClientAsync(TammuzAdmin);
        var report = await ReportAsync(factory, await FileAsync(member, Report("بلاغ ستتغير حالته")));
        var before = await member.GetDocumentAsync("/violations?culture=en");
        var colleagueBefore = Badge(await colleague.GetDocumentAsync("/?culture=en"));
        Assert.False(Marked(before, report.Reference)); // filing it is not news

        var reviewer = await factory.SignedInClientAsync(Reviewer);
        Assert.Equal(HttpStatusCode.Redirect, (await ReviewAsync(reviewer, report.Id, "state", new() { ["StateInput.State"] = nameof(ViolationState.UnderReview) })).StatusCode);

        var list = await member.GetDocumentAsync("/violations?culture=en");
        Assert.True(Marked(list, report.Reference));
        Assert.Equal("Updated", Row(list, report.Reference).QuerySelector(".updated-marker")!.TextContent.Trim());
        Assert.Contains("IHEC changed", list.QuerySelector("#updated-notice")!.TextContent);
        Assert.Equal(Badge(before) + 1, Badge(list));
        // The count is said in words for screen readers; the number itself is hidden from them.
        var link = list.QuerySelector("nav.main-nav a[href='/violations']")!;
        Assert.Equal("true", link.QuerySelector(".nav-count")!.GetAttribute("aria-hidden"));
        Assert.Contains("updated report", link.QuerySelector(".visually-hidden")!.TextContent);

        // Opening the report clears it for this member (already in the page that opens it), not for a colleague.
        var opened = await member.GetDocumentAsync($"/violations/{report.Id}?culture=en");
        Assert.Equal(Badge(before), Badge(opened));
        var after = await member.GetDocumentAsync("/violations?culture=en");
        Assert.False(Marked(after, report.Reference));
        Assert.Equal(Badge(before), Badge(after));

        var colleagueList = await colleague.GetDocumentAsync("/violations?culture=en");
        Assert.True(Marked(colleagueList, report.Reference));
        Assert.Equal(colleagueBefore + 1, Badge(colleagueList));
    }

    [Fact]
    public async Task A_reviewers_comment_marks_it_again_and_the_organisations_own_answer_does_not()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var report = await ReportAsync(factory, await FileAsync(member, Report("بلاغ يعلق عليه المراجع")));
        var reviewer = await factory.SignedInClientAsync(Reviewer);

        Assert.Equal(HttpStatusCode.Redirect, (await ReviewAsync(reviewer, report.Id, "comment", new() { ["CommentInput.Text"] = "Do you have photos?" })).StatusCode);
        Assert.True(Marked(await member.GetDocumentAsync("/violations?culture=en"), report.Reference));
        await member.GetAsync($"/violations/{report.Id}?culture=en");

        var answer = await member.SubmitFormAsync($"/violations/{report.Id}?culture=en", "answer", new Dictionary<string, string> { ["Input.Text"] = "Not yet" });
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.False(Marked(await member.GetDocumentAsync("/violations?culture=en"), report.Reference));

        Assert.Equal(HttpStatusCode.Redirect, (await ReviewAsync(reviewer, report.Id, "comment", new() { ["CommentInput.Text"] = "Please send them when you can." })).StatusCode);
        Assert.True(Marked(await member.GetDocumentAsync("/violations?culture=en"), report.Reference));
    }

    [Fact]
    public async Task Another_organisations_member_neither_sees_the_count_nor_clears_it()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var report = await ReportAsync(factory, await FileAsync(member, Report("بلاغ لا يعني كركوك")));
        var kirkuk = await factory.SignedInClientAsync(KirkukMember);
        var kirkukBefore = Badge(await kirkuk.GetDocumentAsync("/?culture=en"));
        var reviewer = await factory.SignedInClientAsync(Reviewer);
        Assert.Equal(HttpStatusCode.Redirect, (await ReviewAsync(reviewer, report.Id, "state", new() { ["StateInput.State"] = nameof(ViolationState.UnderReview) })).StatusCode);

        Assert.Equal(kirkukBefore, Badge(await kirkuk.GetDocumentAsync("/?culture=en")));
        Assert.Equal(HttpStatusCode.NotFound, (await kirkuk.GetAsync($"/violations/{report.Id}")).StatusCode);
        await using var db = factory.CreateDbContext();
        Assert.DoesNotContain(db.Set<ViolationReadMark>(), m => m.ReportId == report.Id);
        Assert.True(Marked(await member.GetDocumentAsync("/violations?culture=en"), report.Reference));
    }

    [Fact]
    public async Task The_demo_member_starts_with_the_changed_demo_report_unread_and_reviewers_see_no_count()
    {
        var kirkuk = await factory.SignedInClientAsync(KirkukMember);
        var list = await kirkuk.GetDocumentAsync("/violations?culture=ar");
        // V-000002 (needs information) and V-000004 (under review) were changed by IHEC.
        Assert.True(Badge(list) >= 1);
        Assert.NotNull(list.QuerySelector("nav.main-nav a[href='/violations'] .visually-hidden"));

        var reviewer = await factory.SignedInClientAsync(Reviewer);
        Assert.Null((await reviewer.GetDocumentAsync("/ihec/violations?culture=en")).QuerySelector("[data-violation-updates]"));
    }
}
