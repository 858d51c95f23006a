using System.Net;
using Ihec.Portal.Features.Announcements;
using Ihec.Portal.Shared.Organisations;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Ihec.Portal.Tests.Announcements.AnnouncementFlows;
using static Ihec.Portal.Tests.Organisations.OrganisationFlows;

namespace Ihec.Portal.Tests.Announcements;

/// <summary>The media unit sends announcements; members of the organisations they reach read them, and nobody else does.</summary>
public sealed class AnnouncementTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Governorate_announcement_reaches_every_member_of_the_targeted_organisations_and_nobody_else()
    {
        var relations = await factory.SignedInClientAsync(Relations);
        var (organisation, admin, _) = await AccreditedOrganisationAsync(factory, relations);
        var (first, _) = await InviteAndActivateAsync(factory, admin);
        var (second, _) = await InviteAndActivateAsync(factory, admin);
        var media = await factory.SignedInClientAsync(Media);
        var title = "Nineveh observers' briefing " + Unique();

        // The preview counts the organisations working in Nineveh and their three members, and sends nothing.
        var preview = await media.SubmitFormAsync("/ihec/announcements/new?culture=en", "compose-announcement", Compose(title, intent: "preview"));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var previewPage = await preview.ParseAsync();
        await using (var db = factory.CreateDbContext())
        {
            var inNineveh = (await db.Organisations.AsNoTracking().Where(o => o.Status == OrganisationStatus.Accredited).ToListAsync())
                .Where(o => o.Governorates.Contains("IQ-NI")).Select(o => o.Id).ToList();
            var members = await db.Users.CountAsync(u => u.OrganisationId != null && inNineveh.Contains(u.OrganisationId.Value) && u.PasswordHash != null);
            Assert.Equal($"If sent now it reaches — organisations: {inNineveh.Count} · members: {members}", previewPage.QuerySelector("#reach")!.TextContent.Trim());
            Assert.False(await db.Set<Announcement>().AnyAsync(a => a.Title == title));
        }

        Assert.Equal(title, previewPage.QuerySelector("#preview article h2")!.TextContent);
        Assert.Equal("three", previewPage.QuerySelector("#preview article strong")!.TextContent);

        var id = await SendAsync(media, Compose(title));
        var announcement = await FindAsync(factory, id);
        Assert.Contains(organisation.Id, announcement.Recipients.Select(r => r.OrganisationId));
        await using (var db = factory.CreateDbContext())
        {
            var recipients = announcement.Recipients.Select(r => r.OrganisationId).ToList();
            var governorates = await db.Organisations.AsNoTracking().Where(o => recipients.Contains(o.Id)).Select(o => o.Governorates).ToListAsync();
            Assert.All(governorates, g => Assert.Contains("IQ-NI", g));
            var audit = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AnnouncementAuditActions.Sent && e.EntityId == id.ToString());
            Assert.Equal(await UserIdAsync(factory, Media), audit.ActorUserId);
        }

        // Every member of the organisation has it in the list and can open it.
        foreach (var member in new[] { admin, first, second })
        {
            Assert.Contains(title, await InboxTitlesAsync(member));
            var page = await member.GetAsync($"/announcements/{id}?culture=en");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("three", (await page.ParseAsync()).QuerySelector("article strong")!.TextContent);
        }

        // Members of organisations elsewhere neither see it listed nor can open it.
        foreach (var email in new[] { TammuzMember, KirkukMember, ErbilAdmin })
        {
            var other = await factory.SignedInClientAsync(email);
            Assert.DoesNotContain(title, await InboxTitlesAsync(other));
            var page = await other.GetAsync($"/announcements/{id}?culture=en");
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            Assert.DoesNotContain(title, await page.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Read_receipts_are_recorded_and_the_unit_sees_who_has_read_and_which_organisations_have_not()
    {
        var relations = await factory.SignedInClientAsync(Relations);
        var (organisation, admin, _) = await AccreditedOrganisationAsync(factory, relations);
        var (member, memberEmail) = await InviteAndActivateAsync(factory, admin);
        var media = await factory.SignedInClientAsync(Media);
        var id = await SendAsync(media, Compose("Receipts " + Unique()));

        var before = await media.GetDocumentAsync($"/ihec/announcements/{id}?culture=en");
        Assert.Contains(before.QuerySelectorAll("#unread td"), td => td.TextContent == organisation.Reference);
        Assert.Null(before.QuerySelector("#readers"));

        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/announcements/{id}")).StatusCode);
        // Opening it again keeps the first receipt.
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/announcements/{id}")).StatusCode);

        await using (var db = factory.CreateDbContext())
        {
            var receipt = await db.Set<AnnouncementRead>().AsNoTracking().SingleAsync(r => r.AnnouncementId == id);
            Assert.Equal(await UserIdAsync(factory, memberEmail), receipt.UserId);
            Assert.Equal(organisation.Id, receipt.OrganisationId);
        }

        var after = await media.GetDocumentAsync($"/ihec/announcements/{id}?culture=en");
        var row = Assert.Single(after.QuerySelectorAll("#readers tbody tr"));
        Assert.Equal(organisation.NameEn, row.Children[0].TextContent);
        Assert.Equal("Invited Observer", row.Children[1].TextContent);
        Assert.NotNull(row.Children[2].QuerySelector("time[datetime]"));
        Assert.DoesNotContain(after.QuerySelectorAll("#unread td"), td => td.TextContent == organisation.Reference);

        var list = await media.GetDocumentAsync("/ihec/announcements?culture=en");
        var listed = list.QuerySelectorAll("table tbody tr").Single(r => r.QuerySelector($"a[href='/ihec/announcements/{id:D}']") is not null);
        Assert.StartsWith("Readers: 1 · organisations: 1 of ", listed.Children[5].TextContent);
    }

    [Fact]
    public async Task The_navigation_shows_the_unread_count_in_words_and_it_falls_as_announcements_are_opened()
    {
        var relations = await factory.SignedInClientAsync(Relations);
        var (_, admin, _) = await AccreditedOrganisationAsync(factory, relations);
        var home = await admin.GetDocumentAsync("/?culture=en");
        Assert.Equal("Announcements", NavLink(home).TextContent.Trim());

        var media = await factory.SignedInClientAsync(Media);
        var first = await SendAsync(media, Compose("Badge one " + Unique()));
        var second = await SendAsync(media, Compose("Badge two " + Unique(), audience: "All", importance: "Urgent"));

        home = await admin.GetDocumentAsync("/?culture=en");
        var link = NavLink(home);
        Assert.Equal("2", link.QuerySelector(".nav-count")!.TextContent);
        Assert.Equal("true", link.QuerySelector(".nav-count")!.GetAttribute("aria-hidden"));
        Assert.Equal("(2 unread)", link.QuerySelector(".visually-hidden")!.TextContent);

        // The list marks both as unread, newest (and urgent) first.
        var inbox = await admin.GetDocumentAsync("/announcements?culture=en");
        Assert.Equal("Unread: 2", inbox.QuerySelector("#unread-count")!.TextContent);
        var items = inbox.QuerySelectorAll("#announcements li");
        Assert.Equal($"/announcements/{second:D}", items[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains(items[0].QuerySelectorAll(".badge"), b => b.TextContent == "Urgent");
        Assert.Contains(items[0].QuerySelectorAll(".badge"), b => b.TextContent == "Unread");

        // The page that opens one already counts it as read.
        var opened = await admin.GetDocumentAsync($"/announcements/{first}?culture=en");
        Assert.Equal("(1 unread)", NavLink(opened).QuerySelector(".visually-hidden")!.TextContent);
        inbox = await admin.GetDocumentAsync("/announcements?culture=en");
        Assert.Equal("Unread: 1", inbox.QuerySelector("#unread-count")!.TextContent);
        Assert.DoesNotContain(inbox.QuerySelectorAll("#announcements li").Single(li => li.QuerySelector($"a[href='/announcements/{first:D}']") is not null)
            .QuerySelectorAll(".badge"), b => b.TextContent == "Unread");

        await admin.GetAsync($"/announcements/{second}");
        home = await admin.GetDocumentAsync("/?culture=ar");
        Assert.Null(NavLink(home).QuerySelector(".nav-count"));
        Assert.Equal("التعاميم", NavLink(home).TextContent.Trim());
    }

    [Theory]
    [InlineData("en", "Choose at least one governorate, or send it to all accredited organisations.", "This field is required.")]
    [InlineData("ar", "اختاروا محافظة واحدة على الأقل، أو أرسلوا التعميم إلى جميع المنظمات المعتمدة.", null)]
    [InlineData("ckb", "لانیکەم یەک پارێزگا هەڵبژێرن، یان ئاگادارکردنەوەکە بۆ هەموو ڕێکخراوە پەسەندکراوەکان بنێرن.", null)]
    public async Task An_incomplete_announcement_is_not_sent_the_form_says_why_in_the_readers_language_and_keeps_what_was_typed(
        string culture, string governoratesMessage, string? requiredMessage)
    {
        var media = await factory.SignedInClientAsync(Media);
        var body = "Text that must survive " + Unique();
        var fields = Compose("", governorates: []).Where(f => f.Key != "Input.Body").Append(new("Input.Body", body)).ToList();

        var response = await media.SubmitFormAsync($"/ihec/announcements/new?culture={culture}", "compose-announcement", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.NotNull(page.QuerySelector("#error-summary a[href$='#title']"));
        Assert.Equal(governoratesMessage, page.QuerySelector("#governorates-error .validation-message")!.TextContent);
        if (requiredMessage is not null)
        {
            Assert.Equal(requiredMessage, page.QuerySelector("#title-error .validation-message")!.TextContent);
        }

        Assert.Equal(body, page.QuerySelector("#body")!.TextContent);
        Assert.Equal("Governorates", page.QuerySelector("input[name='Input.Audience'][checked]")!.GetAttribute("value"));
        await using var db = factory.CreateDbContext();
        Assert.False(await db.Set<Announcement>().AnyAsync(a => a.Body == body));
    }

    [Fact]
    public async Task Governorates_where_no_accredited_organisation_works_are_refused_with_a_message()
    {
        var media = await factory.SignedInClientAsync(Media);
        var title = "Anbar only " + Unique();

        // The only Anbar organisation is still an application.
        var response = await media.SubmitFormAsync("/ihec/announcements/new?culture=en", "compose-announcement", Compose(title, governorates: ["IQ-AN"]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Equal("No accredited organisation works in the chosen governorates: the announcement would reach nobody.",
            page.QuerySelector("#audience-error .validation-message")!.TextContent);
        await using var db = factory.CreateDbContext();
        Assert.False(await db.Set<Announcement>().AnyAsync(a => a.Title == title));
    }

    [Fact]
    public async Task The_same_form_posted_twice_sends_one_announcement()
    {
        var media = await factory.SignedInClientAsync(Media);
        var form = await media.GetDocumentAsync("/ihec/announcements/new?culture=en");
        var compose = form.Forms.Single(f => f.QuerySelector("input[name=_handler]")?.GetAttribute("value") == "compose-announcement");
        var hidden = compose.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""));
        var title = "Posted twice " + Unique();
        var fields = hidden.Concat(Compose(title, audience: "All")).ToList();

        var responses = await Task.WhenAll(
            media.PostAsync("/ihec/announcements/new?culture=en", new FormUrlEncodedContent(fields)),
            media.PostAsync("/ihec/announcements/new?culture=en", new FormUrlEncodedContent(fields)));
        var again = await media.PostAsync("/ihec/announcements/new?culture=en", new FormUrlEncodedContent(fields));

        Assert.All(responses.Append(again), r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var locations = responses.Append(again).Select(r => Relative(r.Headers.Location!)).Distinct().ToList();
        Assert.Single(locations);
        await using var db = factory.CreateDbContext();
        Assert.Equal(1, await db.Set<Announcement>().CountAsync(a => a.Title == title));
        var id = await db.Set<Announcement>().Where(a => a.Title == title).Select(a => a.Id).SingleAsync();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AnnouncementAuditActions.Sent && e.EntityId == id.ToString()));
    }

    [Fact]
    public async Task An_announcement_to_all_is_delivered_to_the_organisations_accredited_when_it_is_sent()
    {
        var relations = await factory.SignedInClientAsync(Relations);
        var (suspended, _, suspendedEmail) = await AccreditedOrganisationAsync(factory, relations);
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(relations, suspended.Id, OrganisationDecision.Suspend, "Under investigation.")).StatusCode);

        var media = await factory.SignedInClientAsync(Media);
        var title = "To everyone " + Unique();
        var id = await SendAsync(media, Compose(title, audience: "All"));

        var recipients = (await FindAsync(factory, id)).Recipients.Select(r => r.OrganisationId).ToHashSet();
        await using (var db = factory.CreateDbContext())
        {
            var accredited = await db.Organisations.Where(o => o.Status == OrganisationStatus.Accredited).Select(o => o.Id).ToListAsync();
            Assert.Equal(accredited.ToHashSet(), recipients);
        }

        Assert.DoesNotContain(suspended.Id, recipients);
        Assert.Contains(title, await InboxTitlesAsync(await factory.SignedInClientAsync(TammuzMember)));

        // Reinstated after the sending, the suspended organisation does not receive it; nor does one accredited later.
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(relations, suspended.Id, OrganisationDecision.Reinstate)).StatusCode);
        var reinstated = await factory.SignedInClientAsync(suspendedEmail, NewPassword);
        Assert.DoesNotContain(title, await InboxTitlesAsync(reinstated));
        var (_, later, _) = await AccreditedOrganisationAsync(factory, relations);
        Assert.DoesNotContain(title, await InboxTitlesAsync(later));
        Assert.Equal(HttpStatusCode.NotFound, (await later.GetAsync($"/announcements/{id}")).StatusCode);
    }

    [Fact]
    public async Task Members_of_the_targeted_organisations_are_emailed_in_their_own_language_with_a_link()
    {
        var relations = await factory.SignedInClientAsync(Relations);
        var (_, admin, adminEmail) = await AccreditedOrganisationAsync(factory, relations);
        var soraniEmail = $"member-{Unique()}@example.org";
        var invited = await admin.SubmitFormAsync("/my-organisation/members?culture=en", "invite-member", new Dictionary<string, string>
        {
            ["Invite.DisplayName"] = "Sorani Observer",
            ["Invite.Email"] = soraniEmail,
            ["Invite.Language"] = "ckb",
            ["Invite.Role"] = "Member",
        });
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        await ActivateAsync(factory, soraniEmail);

        var media = await factory.SignedInClientAsync(Media);
        var title = "Mailed " + Unique();
        var id = await SendAsync(media, Compose(title, email: true, importance: "Urgent",
            body: "Observer badges are printed **three** days after the lists arrive. See [the badge guide](https://ihec.example/badges)."));

        await Eventually.UntilAsync(() => FindAsync(factory, id), a => a.EmailedAt is not null, "the announcement's e-mails to be sent",
            timeout: TimeSpan.FromSeconds(20));
        var mails = factory.Mails().Where(m => (m.Subject ?? "").EndsWith(title, StringComparison.Ordinal)).ToList();
        var english = Assert.Single(mails, m => m.To.Mailboxes.Single().Address == adminEmail);
        Assert.Equal($"Urgent — IHEC announcement: {title}", english.Subject);
        Assert.Contains("Observer badges are printed three days after the lists arrive.", english.TextBody);
        Assert.Equal($"/announcements/{id:D}", PortalFactory.LinkIn(english));
        var sorani = Assert.Single(mails, m => m.To.Mailboxes.Single().Address == soraniEmail);
        Assert.Equal($"بەپەلە — ئاگادارکردنەوە لە کۆمسیۆنەوە: {title}", sorani.Subject);
        Assert.StartsWith("سڵاو Sorani Observer،", sorani.TextBody ?? "");
        // Sent as text and HTML: the Markdown link keeps its address in both, each part in the member's language and direction.
        MailAssert.HtmlAndText(english, "en", $"/announcements/{id:D}");
        MailAssert.HtmlAndText(sorani, "ckb", $"/announcements/{id:D}");
        foreach (var mail in new[] { english, sorani })
        {
            Assert.Contains("the badge guide (https://ihec.example/badges)", mail.TextBody);
            var html = PortalFactory.HtmlOf(mail);
            Assert.Equal("https://ihec.example/badges", html.QuerySelectorAll("a").Single(a => a.TextContent == "the badge guide").GetAttribute("href"));
        }

        Assert.Contains("سڵاو Sorani Observer،", PortalFactory.HtmlOf(sorani).Body!.TextContent);
        Assert.DoesNotContain(mails, m => m.To.Mailboxes.Any(b => b.Address.EndsWith(".demo", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Demo_announcements_show_the_reader_to_the_unit_and_stay_with_the_organisations_they_were_sent_to()
    {
        await using var db = factory.CreateDbContext();
        var toAll = await db.Set<Announcement>().AsNoTracking().SingleAsync(a => a.Number == AnnouncementDemo.ToAllNumber);
        var urgent = await db.Set<Announcement>().AsNoTracking().SingleAsync(a => a.Number == AnnouncementDemo.ToGovernoratesNumber);

        var media = await factory.SignedInClientAsync(Media);
        var detail = await media.GetDocumentAsync($"/ihec/announcements/{toAll.Id}?culture=en");
        Assert.Contains(detail.QuerySelectorAll("#readers td"), td => td.TextContent == "Tammuz Observer");

        var tammuz = await factory.SignedInClientAsync("admin@tammuz.demo");
        Assert.Equal(HttpStatusCode.NotFound, (await tammuz.GetAsync($"/announcements/{urgent.Id}")).StatusCode);
        var kirkuk = await factory.SignedInClientAsync(KirkukMember);
        Assert.Equal(HttpStatusCode.OK, (await kirkuk.GetAsync($"/announcements/{urgent.Id}")).StatusCode);
    }
}
