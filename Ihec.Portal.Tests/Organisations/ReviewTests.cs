using System.Net;
using Ihec.Portal.Shared.Organisations;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Ihec.Portal.Tests.Organisations.OrganisationFlows;

namespace Ihec.Portal.Tests.Organisations;

public sealed class ReviewTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Relations_list_shows_waiting_applications_first_with_counts_per_status()
    {
        var reference = await ApplyAsync(factory, Unique());
        var relations = await factory.SignedInClientAsync(Relations);

        var page = await relations.GetDocumentAsync("/ihec/organisations?culture=en");

        var statuses = page.QuerySelectorAll("#queue-caption ~ tbody tr td:nth-child(4)").Select(td => td.TextContent.Trim()).ToList();
        var firstOther = statuses.FindIndex(s => !s.StartsWith("Submitted", StringComparison.Ordinal) && !s.StartsWith("More information", StringComparison.Ordinal));
        var lastWaiting = statuses.FindLastIndex(s => s.StartsWith("Submitted", StringComparison.Ordinal));
        Assert.True(lastWaiting >= 0 && (firstOther < 0 || lastWaiting < firstOther), string.Join(" | ", statuses));
        Assert.Contains(page.QuerySelectorAll("tbody a"), a => a.TextContent == reference);
        Assert.Contains(page.QuerySelectorAll(".status-counts a"), a => a.TextContent.Contains("Accredited: 3", StringComparison.Ordinal)
                                                                        || a.TextContent.Contains("Accredited: ", StringComparison.Ordinal));
        Assert.NotNull(page.QuerySelector("table caption"));
        Assert.All(page.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
    }

    [Fact]
    public async Task Relations_can_filter_by_status_and_search_by_registration_number()
    {
        var unique = Unique();
        var reference = await ApplyAsync(factory, unique);
        var relations = await factory.SignedInClientAsync(Relations);

        var found = await relations.GetDocumentAsync($"/ihec/organisations?culture=en&q={Uri.EscapeDataString("ngo-t-" + unique)}");
        var accreditedOnly = await relations.GetDocumentAsync("/ihec/organisations?culture=en&status=Accredited");

        Assert.Equal([reference], found.QuerySelectorAll("tbody tr a").Select(a => a.TextContent));
        Assert.DoesNotContain(accreditedOnly.QuerySelectorAll("tbody tr a"), a => a.TextContent == reference);
        Assert.All(accreditedOnly.QuerySelectorAll("tbody tr td:nth-child(4)"), td => Assert.Equal("Accredited", td.TextContent.Trim()));
    }

    [Theory]
    [InlineData(OrganisationDecision.Refuse, "Give the reason")]
    [InlineData(OrganisationDecision.RequestInformation, "Say what information is needed")]
    public async Task Refusing_and_asking_for_information_require_a_reason(OrganisationDecision decision, string message)
    {
        var organisation = await FindAsync(factory, await ApplyAsync(factory, Unique()));
        var relations = await factory.SignedInClientAsync(Relations);

        var response = await DecideAsync(relations, organisation.Id, decision, reason: "   ");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await response.ParseAsync()).QuerySelector("#reason-error")?.TextContent);
        Assert.Equal(OrganisationStatus.Submitted, (await FindByIdAsync(factory, organisation.Id)).Status);
    }

    [Fact]
    public async Task Refusal_is_recorded_with_its_reason_audited_and_emailed_in_the_applicant_language()
    {
        var unique = Unique();
        var organisation = await FindAsync(factory, await ApplyAsync(factory, unique, culture: "ar"));
        var relations = await factory.SignedInClientAsync(Relations);

        var response = await DecideAsync(relations, organisation.Id, OrganisationDecision.Refuse, "The registration certificate has expired.");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var refused = await FindByIdAsync(factory, organisation.Id);
        Assert.Equal(OrganisationStatus.Refused, refused.Status);
        Assert.Equal("The registration certificate has expired.", refused.StatusReason);
        var mail = factory.LastMailTo(ContactEmail(unique));
        Assert.Contains("قرار بشأن طلب منظمتكم", mail.Subject);
        Assert.Contains("The registration certificate has expired.", mail.TextBody);

        var detail = await relations.GetDocumentAsync(Relative(response.Headers.Location!) + "&culture=en");
        Assert.Contains("was refused", detail.QuerySelector("[role=status]")?.TextContent);
        Assert.Contains(detail.QuerySelectorAll("#history-caption ~ tbody tr"), tr => tr.TextContent.Contains("The registration certificate has expired.", StringComparison.Ordinal));
        Assert.Contains("No decision is open", detail.QuerySelector("#decision-title")?.ParentElement?.TextContent);
        await using var db = factory.CreateDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "organisation.refuse" && e.OrganisationId == organisation.Id
                                                        && e.ActorName == Relations));
    }

    [Fact]
    public async Task Request_for_information_lets_the_applicant_correct_the_application_once_and_puts_it_back_in_the_queue()
    {
        var unique = Unique();
        var organisation = await FindAsync(factory, await ApplyAsync(factory, unique));
        var relations = await factory.SignedInClientAsync(Relations);

        var decision = await DecideAsync(relations, organisation.Id, OrganisationDecision.RequestInformation, "Please send the 2026 certificate.");
        Assert.Equal(HttpStatusCode.Redirect, decision.StatusCode);
        Assert.Equal(OrganisationStatus.InformationRequested, (await FindByIdAsync(factory, organisation.Id)).Status);

        var mail = MailTo(factory, ContactEmail(unique), "/organisations/apply/update");
        Assert.Contains("Please send the 2026 certificate.", mail.TextBody);
        var link = PortalFactory.LinkIn(mail);
        // Applied in English: the request is English, left-to-right, its update link a link in the HTML too.
        MailAssert.HtmlAndText(mail, "en", link);
        await using (var db = factory.CreateDbContext())
        {
            // Only a hash of the link's token is stored.
            var token = Uri.UnescapeDataString(link.Split("token=")[1]);
            Assert.False(await db.Set<OrganisationUpdateLink>().AnyAsync(l => l.TokenHash == token));
            Assert.True(await db.Set<OrganisationUpdateLink>().AnyAsync(l => l.TokenHash == SecretTokens.Hash(token)));
        }

        var applicant = factory.CreateBrowserLikeClient();
        var form = await applicant.GetDocumentAsync(link + "&culture=en");
        Assert.Contains("Please send the 2026 certificate.", form.QuerySelector("#request-title")?.ParentElement?.TextContent);
        Assert.Equal($"Test Organisation {unique}", form.QuerySelector("#name-en")?.GetAttribute("value"));

        var update = await applicant.SubmitFormAsync(link + "&culture=en", "update-application",
            Application(unique).With("Input.NameEn", $"Corrected Organisation {unique}"), Document("certificate-2026.pdf"));

        Assert.Equal(HttpStatusCode.Redirect, update.StatusCode);
        var corrected = await FindByIdAsync(factory, organisation.Id);
        Assert.Equal(OrganisationStatus.Submitted, corrected.Status);
        Assert.Equal($"Corrected Organisation {unique}", corrected.NameEn);
        Assert.Equal("certificate-2026.pdf", corrected.DocumentFileName);
        Assert.Null(corrected.StatusReason);

        var again = await applicant.GetDocumentAsync(link + "&culture=en");
        Assert.Contains("This link is not valid", again.QuerySelector("[role=alert]")?.TextContent);
        Assert.Null(again.QuerySelector("form[enctype]"));
        await using var check = factory.CreateDbContext();
        Assert.True(await check.AuditEntries.AnyAsync(e => e.Action == "organisation.application-updated" && e.OrganisationId == organisation.Id));
    }

    [Fact]
    public async Task Correction_link_with_a_wrong_token_or_reference_does_not_open_the_application()
    {
        var organisation = await FindAsync(factory, await ApplyAsync(factory, Unique()));
        var relations = await factory.SignedInClientAsync(Relations);
        await DecideAsync(relations, organisation.Id, OrganisationDecision.RequestInformation, "Please add the board list.");
        var applicant = factory.CreateBrowserLikeClient();

        var wrongToken = await applicant.GetDocumentAsync($"/organisations/apply/update?ref={organisation.Reference}&token=not-the-token&culture=en");
        var otherReference = await applicant.GetDocumentAsync($"/organisations/apply/update?ref=CSO-2020-00001&token=x&culture=en");

        Assert.Contains("This link is not valid", wrongToken.QuerySelector("[role=alert]")?.TextContent);
        Assert.Contains("This link is not valid", otherReference.QuerySelector("[role=alert]")?.TextContent);
    }

    [Fact]
    public async Task Second_decision_taken_on_an_out_of_date_page_is_refused()
    {
        var organisation = await FindAsync(factory, await ApplyAsync(factory, Unique()));
        var first = await factory.SignedInClientAsync(Relations);
        var second = await factory.SignedInClientAsync(Relations);
        // Both open the page while the application is waiting.
        var stale = await second.GetDocumentAsync($"/ihec/organisations/{organisation.Id}?culture=en");
        var token = stale.QuerySelector("form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        await AcceptAsync(factory, first, organisation.Id);
        var response = await second.PostAsync($"/ihec/organisations/{organisation.Id}?culture=en", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "decide",
            ["__RequestVerificationToken"] = token,
            ["Input.ExpectedStatus"] = "Submitted",
            ["Input.Decision"] = "Refuse",
            ["Input.Reason"] = "Too late.",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("status changed since you opened this page", page.QuerySelector("#error-summary")?.TextContent);
        Assert.Contains("Accredited", page.QuerySelector("dl .badge")?.TextContent);
        Assert.Equal(OrganisationStatus.Accredited, (await FindByIdAsync(factory, organisation.Id)).Status);
    }

    [Fact]
    public async Task Decision_the_workflow_does_not_allow_is_refused()
    {
        var organisation = await FindAsync(factory, await ApplyAsync(factory, Unique()));
        var relations = await factory.SignedInClientAsync(Relations);

        var response = await DecideAsync(relations, organisation.Id, OrganisationDecision.Suspend, "Not yet accredited.");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("not available", (await response.ParseAsync()).QuerySelector("#error-summary")?.TextContent);
        Assert.Equal(OrganisationStatus.Submitted, (await FindByIdAsync(factory, organisation.Id)).Status);
    }

    [Fact]
    public async Task Detail_page_offers_only_the_decisions_the_workflow_allows()
    {
        var relations = await factory.SignedInClientAsync(Relations);
        await using var db = factory.CreateDbContext();
        var tammuz = await db.Organisations.SingleAsync(o => o.Reference == "CSO-DEMO-0001");

        var page = await relations.GetDocumentAsync($"/ihec/organisations/{tammuz.Id}?culture=en");

        Assert.Equal(["Suspend"], page.QuerySelectorAll("input[name='Input.Decision']").Select(i => i.GetAttribute("value")));
        Assert.Single(page.QuerySelectorAll("h1"));
    }

    [Fact]
    public async Task Supporting_document_is_downloaded_by_relations_as_an_attachment_with_its_detected_type()
    {
        var unique = Unique();
        var applicant = factory.CreateBrowserLikeClient();
        var applied = await applicant.SubmitFormAsync("/organisations/apply?culture=en", "apply", Application(unique), Document("scan.png", Png));
        Assert.StartsWith(ConfirmationPrefix, Relative(applied.Headers.Location!));
        var organisation = await FindAsync(factory, ReferenceMailedTo(factory, ContactEmail(unique)));
        var relations = await factory.SignedInClientAsync(Relations);

        var detail = await relations.GetDocumentAsync($"/ihec/organisations/{organisation.Id}?culture=en");
        var href = detail.QuerySelector($"a[href='/ihec/organisations/{organisation.Id}/document']")?.GetAttribute("href");
        var response = await relations.GetAsync(href);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        UploadedFileAssert.IsSandboxed(response);
        Assert.Equal("scan.png", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(Png, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("admin@tammuz.demo")]
    [InlineData("member@kirkuk-women.demo")]
    [InlineData("media@demo.ihec.iq")]
    [InlineData("admin@demo.ihec.iq")]
    public async Task Supporting_document_is_refused_to_anyone_but_relations(string? email)
    {
        var organisation = await FindAsync(factory, await ApplyAsync(factory, Unique()));
        var client = email is null ? factory.CreateBrowserLikeClient() : await factory.SignedInClientAsync(email);

        var response = await client.GetAsync($"/ihec/organisations/{organisation.Id}/document");

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized });
        var target = response.Headers.Location is { } location ? Relative(location) : "";
        Assert.True(response.StatusCode != HttpStatusCode.Redirect
                    || target.StartsWith("/account/login", StringComparison.Ordinal) || target.StartsWith("/account/access-denied", StringComparison.Ordinal), target);
        Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("admin@tammuz.demo")]
    [InlineData("media@demo.ihec.iq")]
    public async Task Relations_pages_are_not_open_to_organisations_or_other_staff(string email)
    {
        var client = await factory.SignedInClientAsync(email);

        var response = await client.GetAsync("/ihec/organisations");

        response.AssertForbidden();
    }

    [Fact]
    public async Task Unknown_organisation_is_not_found()
    {
        var relations = await factory.SignedInClientAsync(Relations);

        var response = await relations.GetAsync($"/ihec/organisations/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
