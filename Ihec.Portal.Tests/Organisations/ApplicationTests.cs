using System.Net;
using Ihec.Portal.Shared.Organisations;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Ihec.Portal.Tests.Organisations.OrganisationFlows;

namespace Ihec.Portal.Tests.Organisations;

public sealed class ApplicationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Application_is_confirmed_with_a_reference_emailed_to_the_contact_and_audited_without_an_account()
    {
        var unique = Unique();
        var client = factory.CreateBrowserLikeClient();

        var response = await client.SubmitFormAsync("/organisations/apply?culture=en", "apply", Application(unique), Document());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var confirmation = await client.GetDocumentAsync(Relative(response.Headers.Location!));
        var reference = confirmation.QuerySelector("#reference")?.TextContent;
        Assert.Matches(@"^CSO-\d{4}-\d{5}$", reference);

        var organisation = await FindAsync(factory, reference!);
        Assert.Equal(OrganisationStatus.Submitted, organisation.Status);
        Assert.Equal($"NGO-T-{unique}".ToUpperInvariant(), organisation.RegistrationNumber);
        Assert.Equal(["IQ-BG", "IQ-NI"], organisation.Governorates);
        Assert.Equal([FocusArea.Observation, FocusArea.Youth], organisation.FocusAreas);
        Assert.Equal("+9647701234567", organisation.ContactPhone);
        Assert.Equal("en", organisation.PreferredCulture);
        Assert.Equal("application/pdf", organisation.DocumentContentType);

        var mail = factory.LastMailTo(ContactEmail(unique));
        Assert.Contains(reference!, mail.Subject);
        Assert.Contains("We have received the application", mail.TextBody);

        await using var db = factory.CreateDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "organisation.apply" && e.OrganisationId == organisation.Id));
        Assert.False(await db.Users.AnyAsync(u => u.NormalizedEmail == ContactEmail(unique).ToUpperInvariant()));
        var signIn = await client.SubmitFormAsync("/account/login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = ContactEmail(unique),
            ["Input.Password"] = PortalFactory.DemoPassword,
        });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Fact]
    public async Task Confirmation_email_is_written_in_the_language_the_applicant_used()
    {
        var unique = Unique();

        var reference = await ApplyAsync(factory, unique, culture: "ckb");

        Assert.Equal("ckb", (await FindAsync(factory, reference)).PreferredCulture);
        var mail = factory.LastMailTo(ContactEmail(unique));
        Assert.Contains("داواکاریی ڕێکخراوەکەتانمان وەرگرت", mail.Subject);
    }

    [Theory]
    [InlineData("en", "This field is required.", "Enter a valid phone number", "Choose at least one option.")]
    [InlineData("ar", "هذا الحقل مطلوب.", "رقم هاتف صحيح", "اختر خياراً واحداً على الأقل.")]
    [InlineData("ckb", "ئەم خانەیە پێویستە.", "ژمارەی تەلەفۆنێکی دروست", "لانیکەم یەک هەڵبژاردە دیاری بکە.")]
    public async Task Invalid_application_keeps_what_was_typed_and_explains_each_error_in_the_reader_language(
        string culture, string required, string phone, string selectOne)
    {
        var unique = Unique();
        var client = factory.CreateBrowserLikeClient();
        var fields = Application(unique).Without("Input.NameAr", "Input.Governorates").With("Input.ContactPhone", "12");

        var response = await client.SubmitFormAsync($"/organisations/apply?culture={culture}", "apply", fields, Document());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains(required, page.QuerySelector("#name-ar-error")?.TextContent);
        Assert.Contains(phone, page.QuerySelector("#contact-phone-error")?.TextContent);
        Assert.Contains(selectOne, page.QuerySelector("#governorates-error")?.TextContent);
        Assert.Equal("true", page.QuerySelector("#name-ar")?.GetAttribute("aria-invalid"));

        // What was typed is still there, the choices are still ticked, and the accepted document is kept.
        Assert.Equal($"Test Organisation {unique}", page.QuerySelector("#name-en")?.GetAttribute("value"));
        Assert.Equal("12", page.QuerySelector("#contact-phone")?.GetAttribute("value"));
        Assert.True(page.QuerySelector("#focus-Youth")?.HasAttribute("checked"));
        Assert.False(page.QuerySelector("#focus-Minorities")?.HasAttribute("checked"));
        Assert.Contains("registration.pdf", page.QuerySelector("#document-kept")?.TextContent);
        Assert.False(string.IsNullOrEmpty(page.QuerySelector("input[name='Input.KeptDocument']")?.GetAttribute("value")));

        // The summary at the top links to each field.
        var summary = page.QuerySelector("#error-summary");
        Assert.NotNull(summary);
        var links = summary!.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Contains(links, l => l.EndsWith("#name-ar", StringComparison.Ordinal));
        Assert.Contains(links, l => l.EndsWith("#gov-IQ-BG", StringComparison.Ordinal));
        Assert.Contains(links, l => l.EndsWith("#contact-phone", StringComparison.Ordinal));
        Assert.All(links, l => Assert.StartsWith("/organisations/apply", l));

        await using var db = factory.CreateDbContext();
        Assert.False(await db.Organisations.AnyAsync(o => o.ContactEmail == ContactEmail(unique)));
    }

    [Fact]
    public async Task Corrected_application_uses_the_kept_document_without_uploading_it_again()
    {
        var unique = Unique();
        var client = factory.CreateBrowserLikeClient();
        var first = await client.SubmitFormAsync("/organisations/apply?culture=en", "apply",
            Application(unique).Without("Input.Declaration"), Document("certificate.png", Png));
        var page = await first.ParseAsync();
        Assert.Contains("Tick this box", page.QuerySelector("#declaration-error")?.TextContent);
        var kept = page.QuerySelector("input[name='Input.KeptDocument']")!.GetAttribute("value")!;
        var key = page.QuerySelector("input[name='Input.SubmissionKey']")!.GetAttribute("value")!;

        var second = await client.SubmitFormAsync("/organisations/apply?culture=en", "apply",
            Application(unique).With("Input.KeptDocument", kept).With("Input.SubmissionKey", key), files: []);

        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var organisation = await FindAsync(factory, Uri.UnescapeDataString(Relative(second.Headers.Location!).Split("ref=")[1]));
        Assert.Equal("certificate.png", organisation.DocumentFileName);
        Assert.Equal("image/png", organisation.DocumentContentType);
    }

    [Fact]
    public async Task Application_without_a_document_is_refused_on_the_document_field()
    {
        var client = factory.CreateBrowserLikeClient();

        var response = await client.SubmitFormAsync("/organisations/apply?culture=en", "apply", Application(Unique()), files: []);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Attach the supporting document", (await response.ParseAsync()).QuerySelector("#document-error")?.TextContent);
    }

    [Fact]
    public async Task Text_file_renamed_pdf_is_refused_by_its_content()
    {
        var unique = Unique();
        var client = factory.CreateBrowserLikeClient();

        var response = await client.SubmitFormAsync("/organisations/apply?culture=en", "apply", Application(unique),
            Document("certificate.pdf", "This is only text pretending to be a PDF."u8.ToArray()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("not a PDF, PNG or JPEG", page.QuerySelector("#document-error")?.TextContent);
        Assert.Null(page.QuerySelector("#document-kept"));
        await using var db = factory.CreateDbContext();
        Assert.False(await db.Organisations.AnyAsync(o => o.ContactEmail == ContactEmail(unique)));
    }

    [Fact]
    public async Task Document_larger_than_the_limit_is_refused()
    {
        var client = factory.CreateBrowserLikeClient();
        var large = new byte[10 * 1024 * 1024 + 1];
        Pdf.CopyTo(large, 0);

        var response = await client.SubmitFormAsync("/organisations/apply?culture=en", "apply", Application(Unique()), Document("big.pdf", large));

        Assert.Contains("larger than 10 MB", (await response.ParseAsync()).QuerySelector("#document-error")?.TextContent);
    }

    [Fact]
    public async Task Duplicate_registration_number_is_refused_on_its_field()
    {
        var client = factory.CreateBrowserLikeClient();

        // The demo organisation's number, typed in lower case with spaces around it.
        var response = await client.SubmitFormAsync("/organisations/apply?culture=en", "apply",
            Application(Unique(), registrationNumber: "  ngo-1a-00101 "), Document());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("already exists", page.QuerySelector("#registration-error")?.TextContent);
        Assert.Contains(page.QuerySelectorAll("#error-summary a"), a => a.GetAttribute("href")!.EndsWith("#registration", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("contact@cso-demo-0004.demo")]
    [InlineData("Member@Tammuz.demo")]
    public async Task Email_already_used_by_an_organisation_or_an_account_is_refused_on_its_field(string email)
    {
        var client = factory.CreateBrowserLikeClient();

        var response = await client.SubmitFormAsync("/organisations/apply?culture=en", "apply", Application(Unique(), email: email), Document());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("already used", (await response.ParseAsync()).QuerySelector("#contact-email-error")?.TextContent);
    }

    [Fact]
    public async Task Retried_post_with_the_same_key_shows_the_same_confirmation_and_files_one_application()
    {
        var unique = Unique();
        var client = factory.CreateBrowserLikeClient();
        var form = await client.GetDocumentAsync("/organisations/apply?culture=en");
        var key = form.QuerySelector("input[name='Input.SubmissionKey']")!.GetAttribute("value")!;
        var fields = Application(unique).With("Input.SubmissionKey", key);

        var first = await client.SubmitFormAsync("/organisations/apply?culture=en", "apply", fields, Document());
        var retry = await client.SubmitFormAsync("/organisations/apply?culture=en", "apply", fields, Document());

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        await using var db = factory.CreateDbContext();
        Assert.Equal(1, await db.Organisations.CountAsync(o => o.ContactEmail == ContactEmail(unique)));
        Assert.Single(factory.Mails(), m => m.To.Mailboxes.Any(b => b.Address == ContactEmail(unique)));
    }

    [Fact]
    public async Task Each_application_gets_its_own_reference()
    {
        var first = await ApplyAsync(factory, Unique());
        var second = await ApplyAsync(factory, Unique());

        Assert.NotEqual(first, second);
        Assert.True(ReferenceNumbers.TryParse(first, out var year, out var a));
        Assert.True(ReferenceNumbers.TryParse(second, out var year2, out var b));
        Assert.Equal(year, year2);
        Assert.True(b > a);
    }

    [Fact]
    public async Task Application_page_is_labelled_and_has_one_heading()
    {
        var client = factory.CreateBrowserLikeClient();

        var page = await client.GetDocumentAsync("/organisations/apply?culture=en");

        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.Equal("multipart/form-data", page.QuerySelector("form[enctype]")?.GetAttribute("enctype"));
        foreach (var input in page.QuerySelectorAll("form input:not([type=hidden]), form select, form textarea"))
        {
            var id = input.GetAttribute("id");
            Assert.False(string.IsNullOrEmpty(id), input.OuterHtml);
            Assert.NotNull(page.QuerySelector($"label[for='{id}']"));
        }

        Assert.Equal(18, page.QuerySelectorAll("input[name='Input.Governorates']").Length);
        Assert.Contains("Baghdad", page.QuerySelector("label[for='gov-IQ-BG']")?.TextContent);
    }
}
