using System.Net;
using Ihec.Portal.Shared.Organisations;
using Ihec.Portal.Tests.Infrastructure;
using Ihec.Portal.Infrastructure.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
        Assert.Equal(ContactEmail(unique), confirmation.QuerySelector("#sent-to")?.TextContent);
        Assert.DoesNotMatch(ReferencePattern(), confirmation.QuerySelector("main")!.TextContent);
        var reference = ReferenceMailedTo(factory, ContactEmail(unique));

        var organisation = await FindAsync(factory, reference);
        Assert.Equal(OrganisationStatus.Submitted, organisation.Status);
        Assert.Equal($"NGO-T-{unique}".ToUpperInvariant(), organisation.RegistrationNumber);
        Assert.Equal(["IQ-BG", "IQ-NI"], organisation.Governorates);
        Assert.Equal([FocusArea.Observation, FocusArea.Youth], organisation.FocusAreas);
        Assert.Equal("+9647701234567", organisation.ContactPhone);
        Assert.Equal("en", organisation.PreferredCulture);
        Assert.Equal("application/pdf", organisation.DocumentContentType);

        var mail = factory.LastMailTo(ContactEmail(unique));
        Assert.Contains($"Its reference is {reference}", mail.TextBody);
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
        MailAssert.HtmlAndText(mail, "ckb");
        Assert.Contains(reference, PortalFactory.HtmlOf(mail).Body!.TextContent);
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
        var organisation = await FindAsync(factory, ReferenceMailedTo(factory, ContactEmail(unique)));
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
    [InlineData("contact@cso-demo-0004.demo", "en")] // an organisation's contact address
    [InlineData("Member@Tammuz.demo", "ckb")]        // a CSO member's account
    [InlineData("relations@demo.ihec.iq", "ar")]     // a staff account
    public async Task Address_already_in_use_gets_the_same_answer_as_a_new_one_files_nothing_and_tells_the_address(string email, string culture)
    {
        var newUnique = Unique();
        var takenUnique = Unique();
        var address = email.ToLowerInvariant();
        await using var db = factory.CreateDbContext();
        var organisationsBefore = await db.Organisations.CountAsync();
        var filesBefore = await StoredFilesAsync();
        var noticesBefore = Notices(address, culture);

        var fresh = await ApplyAndReadAsync(Application(newUnique), culture);
        var taken = await ApplyAndReadAsync(Application(takenUnique, email: email), culture);

        // The visitor cannot tell them apart: same status, same kind of redirect, same page but for the address typed.
        Assert.Equal(HttpStatusCode.Redirect, fresh.Status);
        Assert.Equal(fresh.Status, taken.Status);
        Assert.StartsWith(ConfirmationPrefix, fresh.Location);
        Assert.StartsWith(ConfirmationPrefix, taken.Location);
        Assert.Equal(email, taken.SentTo);
        Assert.Equal(fresh.Text.Replace(ContactEmail(newUnique), "@"), taken.Text.Replace(email, "@"));
        Assert.DoesNotMatch(ReferencePattern(), fresh.Text);
        Assert.DoesNotMatch(ReferencePattern(), taken.Text);

        // Only the new address's application is filed, with its document; the other's document is not kept.
        Assert.Equal(organisationsBefore + 1, await db.Organisations.CountAsync());
        Assert.False(await db.Organisations.AnyAsync(o => o.RegistrationNumber == $"NGO-T-{takenUnique}".ToUpperInvariant()));
        Assert.Equal(filesBefore + 1, await StoredFilesAsync());

        // The new address gets its reference; the address in use gets the notice, without any reference.
        Assert.Equal((await db.Organisations.SingleAsync(o => o.ContactEmail == ContactEmail(newUnique))).Reference,
            ReferenceMailedTo(factory, ContactEmail(newUnique)));
        Assert.Equal(noticesBefore + 1, Notices(address, culture));
        var notice = factory.LastMailTo(address);
        Assert.DoesNotMatch(ReferencePattern(), notice.Subject + notice.TextBody);
        Assert.Contains("/account/login", notice.TextBody);
        Assert.Contains("/account/forgot-password", notice.TextBody);
        MailAssert.HtmlAndText(notice, culture, "/account/login");
    }

    /// <summary>How many notices of an application with an address in use, in the applicant's language, went to the address.</summary>
    private int Notices(string address, string culture) =>
        factory.Mails().Count(m => m.To.Mailboxes.Any(b => b.Address == address)
                                   && m.Subject == ResourceText.Get("Features/Organisations/OrganisationsText", culture, "MailAddressInUseSubject"));

    private async Task<int> StoredFilesAsync()
    {
        var count = 0;
        await foreach (var _ in factory.Services.GetRequiredService<IFileStorage>().ListAsync())
        {
            count++;
        }

        return count;
    }

    private async Task<(HttpStatusCode Status, string Location, string? SentTo, string Text)> ApplyAndReadAsync(
        List<KeyValuePair<string, string>> fields, string culture)
    {
        var client = factory.CreateBrowserLikeClient();
        var response = await client.SubmitFormAsync($"/organisations/apply?culture={culture}", "apply", fields, Document());
        // A form sent back (no redirect) is read as it came, so the comparison fails on its claim rather than on a null.
        var location = response.Headers.Location is { } target ? Relative(target) : "";
        var page = location.Length > 0 ? await client.GetDocumentAsync(location) : await response.ParseAsync();
        return (response.StatusCode, location, page.QuerySelector("#sent-to")?.TextContent, page.QuerySelector("main")!.TextContent);
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
        Assert.StartsWith(ConfirmationPrefix, Relative(retry.Headers.Location!));
        Assert.Equal(ContactEmail(unique), (await client.GetDocumentAsync(Relative(retry.Headers.Location!))).QuerySelector("#sent-to")?.TextContent);
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
