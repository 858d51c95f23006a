using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Ihec.Portal.Features.Violations;
using Ihec.Portal.Shared.Violations;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Ihec.Portal.Tests.Violations.ViolationFlows;

namespace Ihec.Portal.Tests.Violations;

/// <summary>The review queue's filters and sorts beyond state, category and governorate; the bulk duplicate link; the history.</summary>
public sealed class ViolationQueueTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static List<KeyValuePair<string, string>> ReportOn(DateTime iraqTime, string description)
    {
        var fields = Report(description);
        fields.RemoveAll(f => f.Key == "Input.OccurredAt");
        fields.Add(new("Input.OccurredAt", iraqTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)));
        return fields;
    }

    private static List<string> References(IHtmlDocument queue) =>
        queue.QuerySelectorAll("tbody tr td:nth-child(2) a").Select(a => a.TextContent.Trim()).ToList();

    [Fact]
    public async Task The_queue_filters_by_assignee_and_by_the_date_of_the_violation_and_sorts_by_that_date()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(3)).Date;
        var early = await FileAsync(member, ReportOn(today.AddDays(-40).AddHours(23.5), "مخالفة قديمة"));
        var middle = await FileAsync(member, ReportOn(today.AddDays(-30).AddHours(0.25), "مخالفة وسطى"));
        var late = await FileAsync(member, ReportOn(today.AddDays(-20).AddHours(12), "مخالفة حديثة"));
        var reviewer = await factory.SignedInClientAsync(Reviewer);
        string reviewerId;
        await using (var db = factory.CreateDbContext())
        {
            reviewerId = db.Users.Single(u => u.Email == Reviewer).Id;
        }

        var middleReport = await ReportAsync(factory, middle);
        Assert.Equal(HttpStatusCode.Redirect, (await ReviewAsync(reviewer, middleReport.Id, "assign", new() { ["AssignInput.AssignTo"] = reviewerId })).StatusCode);

        // Days are Iraq's: the early report happened at 23:30 on its day, the middle one at 00:15 on its day; "to" includes the whole day.
        string Day(int offset) => today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var range = await reviewer.GetDocumentAsync($"/ihec/violations?culture=en&from={Day(-40)}&to={Day(-30)}&sort={ViolationQueueSort.OccurredOldest}");
        var inRange = References(range).Where(r => r == early || r == middle || r == late).ToList();
        Assert.Equal([early, middle], inRange);
        Assert.Equal(Day(-40), range.QuerySelector("#from")!.GetAttribute("value"));

        var newestFirst = References(await reviewer.GetDocumentAsync($"/ihec/violations?culture=en&from={Day(-40)}&to={Day(-20)}&sort={ViolationQueueSort.OccurredNewest}"));
        Assert.Equal([late, middle, early], newestFirst.Where(r => r == early || r == middle || r == late).ToList());

        var assigned = References(await reviewer.GetDocumentAsync($"/ihec/violations?culture=en&assignee={reviewerId}"));
        Assert.Contains(middle, assigned);
        Assert.DoesNotContain(early, assigned);
        var assignedPage = await reviewer.GetDocumentAsync($"/ihec/violations?culture=en&assignee={reviewerId}");
        Assert.Equal(reviewerId, assignedPage.QuerySelector("#assignee option[selected]")!.GetAttribute("value"));

        var unassigned = References(await reviewer.GetDocumentAsync($"/ihec/violations?culture=en&assignee={ViolationQueueFilter.Unassigned}"));
        Assert.Contains(early, unassigned);
        Assert.DoesNotContain(middle, unassigned);
    }

    [Fact]
    public async Task Reversed_dates_are_explained_and_not_applied()
    {
        var reviewer = await factory.SignedInClientAsync(Reviewer);
        var page = await reviewer.GetDocumentAsync("/ihec/violations?culture=en&from=2026-05-10&to=2026-05-01");

        Assert.Contains("start date is after the end date", page.QuerySelector("#dates-reversed")!.TextContent);
        Assert.Equal("2026-05-10", page.QuerySelector("#from")!.GetAttribute("value"));
        Assert.NotEmpty(page.QuerySelectorAll("tbody tr"));
    }

    [Fact]
    public async Task Several_reports_are_linked_to_one_original_at_once_each_with_its_history()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var original = await FileAsync(member, Report("الأصل في الربط الجماعي"));
        var copies = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            copies.Add(await FileAsync(member, Report("نسخة مكررة " + i)));
        }

        var reviewer = await factory.SignedInClientAsync(Reviewer);
        var queue = await reviewer.GetDocumentAsync("/ihec/violations?culture=en");
        Assert.NotNull(queue.QuerySelector("form#bulk-duplicates"));
        var ids = new List<Guid>();
        foreach (var copy in copies)
        {
            ids.Add((await ReportAsync(factory, copy)).Id);
        }

        // Each checkbox is labelled for screen readers and belongs to the bulk form.
        var box = queue.QuerySelector($"input[type=checkbox][value='{ids[0]}']")!;
        Assert.Equal("bulk-duplicates", box.GetAttribute("form"));
        Assert.Equal($"Select {copies[0]}", queue.QuerySelector($"label[for='{box.Id}']")!.TextContent);

        var fields = ids.Select(id => new KeyValuePair<string, string>("ids", id.ToString())).Append(new("BulkInput.DuplicateOf", original.ToLowerInvariant())).ToList();
        var response = await reviewer.SubmitFormAsync("/ihec/violations?culture=en&state=Submitted", "bulk-duplicate", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.RedirectPath()!;
        Assert.Contains("state=Submitted", location);
        var done = await reviewer.GetDocumentAsync(location);
        Assert.Equal($"3 reports linked to the original {original}.", done.QuerySelector("#bulk-done")!.TextContent.Trim());
        var originalReport = await ReportAsync(factory, original);
        foreach (var copy in copies)
        {
            var report = await ReportAsync(factory, copy);
            Assert.Equal(originalReport.Id, report.DuplicateOfId);
            Assert.Contains(report.Events, e => e.Kind == ViolationEventKind.MarkedDuplicate && e.Details == original);
        }

        var review = await reviewer.GetDocumentAsync($"/ihec/violations/{originalReport.Id}?culture=en");
        Assert.Contains(copies[2], review.QuerySelector("main")!.TextContent);
        await using var db = factory.CreateDbContext();
        Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.Action == ViolationAuditActions.Duplicate && a.Details == original));
    }

    [Fact]
    public async Task A_bulk_link_that_would_chain_or_has_nothing_chosen_is_refused_and_changes_nothing()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var original = await ReportAsync(factory, await FileAsync(member, Report("أصل أول")));
        var copy = await ReportAsync(factory, await FileAsync(member, Report("نسخة من الأصل الأول")));
        var other = await ReportAsync(factory, await FileAsync(member, Report("بلاغ آخر")));
        var reviewer = await factory.SignedInClientAsync(Reviewer);
        Assert.Equal(HttpStatusCode.Redirect, (await ReviewAsync(reviewer, copy.Id, "duplicate", new() { ["DuplicateInput.DuplicateOf"] = original.Reference })).StatusCode);

        // The original has a duplicate: it cannot itself become one.
        var chained = await reviewer.SubmitFormAsync("/ihec/violations?culture=en", "bulk-duplicate",
        [
            new("ids", original.Id.ToString()), new("ids", other.Id.ToString()), new("BulkInput.DuplicateOf", other.Reference),
        ]);
        Assert.Equal(HttpStatusCode.OK, chained.StatusCode);
        var page = await chained.ParseAsync();
        Assert.NotNull(page.QuerySelector("#bulk-error"));
        Assert.Equal("true", page.QuerySelector($"input[value='{original.Id}']")!.HasAttribute("checked") ? "true" : "false");

        var onto = await reviewer.SubmitFormAsync("/ihec/violations?culture=en", "bulk-duplicate",
            [new("ids", other.Id.ToString()), new("ids", original.Id.ToString()), new("BulkInput.DuplicateOf", copy.Reference)]);
        Assert.Contains("cannot be linked", (await onto.ParseAsync()).QuerySelector("#bulk-error")!.TextContent);

        var hasDuplicates = await reviewer.SubmitFormAsync("/ihec/violations?culture=en", "bulk-duplicate",
            [new("ids", original.Id.ToString()), new("BulkInput.DuplicateOf", other.Reference)]);
        var message = (await hasDuplicates.ParseAsync()).QuerySelector("#bulk-error")!.TextContent;
        Assert.Contains("original of other reports", message);
        Assert.Contains(original.Reference, message);

        var none = await reviewer.SubmitFormAsync("/ihec/violations?culture=en", "bulk-duplicate", [new("BulkInput.DuplicateOf", original.Reference)]);
        Assert.Contains("did not select any report", (await none.ParseAsync()).QuerySelector("#bulk-error")!.TextContent);

        Assert.Null((await ReportAsync(factory, original.Reference)).DuplicateOfId);
        Assert.Null((await ReportAsync(factory, other.Reference)).DuplicateOfId);
    }

    [Fact]
    public async Task Evidence_sent_with_an_answer_is_in_the_history()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var report = await ReportAsync(factory, await FileAsync(member, Report("بلاغ ستضاف إليه أدلة")));
        var reviewer = await factory.SignedInClientAsync(Reviewer);
        Assert.Equal(HttpStatusCode.Redirect, (await ReviewAsync(reviewer, report.Id, "state", new()
        {
            ["StateInput.State"] = nameof(ViolationState.NeedsInformation), ["StateInput.Reason"] = "A recording, please.",
        })).StatusCode);

        var answer = await member.SubmitFormAsync($"/violations/{report.Id}?culture=en", "answer", new Dictionary<string, string> { ["Input.Text"] = "Attached" },
            [("evidence", "voice.m4a", MediaSamples.M4a())]);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);

        var after = await ReportAsync(factory, report.Reference);
        Assert.Contains(after.Events, e => e.Kind == ViolationEventKind.EvidenceAdded && e.Details == "voice.m4a");
        var review = await reviewer.GetDocumentAsync($"/ihec/violations/{report.Id}?culture=en");
        Assert.Contains(review.QuerySelectorAll("ol li, ul li"), li => li.TextContent.Contains("Evidence added (voice.m4a)"));
    }
}
