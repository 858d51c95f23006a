using System.Net;
using Ihec.Portal.Shared.Organisations;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Ihec.Portal.Tests.Organisations;

/// <summary>The steps people take, through HTTP, to arrange an organisation for a test.</summary>
internal static partial class OrganisationFlows
{
    public const string Relations = "relations@demo.ihec.iq";
    public const string NewPassword = "A-new-password-2026";

    public static byte[] Pdf { get; } = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    public static byte[] Png { get; } = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    public static string Unique() => Guid.NewGuid().ToString("N")[..10];

    public static (string Name, string FileName, byte[] Content)[] Document(string fileName = "registration.pdf", byte[]? content = null) =>
        [("document", fileName, content ?? Pdf)];

    /// <summary>A complete, valid application; <paramref name="unique"/> keeps its number and e-mail apart from other tests'.</summary>
    public static List<KeyValuePair<string, string>> Application(string unique, string? email = null, string? registrationNumber = null) =>
    [
        new("Input.NameAr", $"منظمة الاختبار {unique}"),
        new("Input.NameCkb", $"ڕێکخراوی تاقیکردنەوە {unique}"),
        new("Input.NameEn", $"Test Organisation {unique}"),
        new("Input.RegistrationNumber", registrationNumber ?? $"NGO-T-{unique}"),
        new("Input.Governorates", "IQ-BG"),
        new("Input.Governorates", "IQ-NI"),
        new("Input.FocusAreas", "Observation"),
        new("Input.FocusAreas", "Youth"),
        new("Input.ContactName", $"Contact {unique}"),
        new("Input.ContactEmail", email ?? ContactEmail(unique)),
        new("Input.ContactPhone", "0770 123 4567"),
        new("Input.Declaration", "true"),
    ];

    public static string ContactEmail(string unique) => $"contact-{unique}@example.org";

    public static List<KeyValuePair<string, string>> Without(this List<KeyValuePair<string, string>> fields, params string[] names) =>
        [.. fields.Where(f => !names.Contains(f.Key))];

    public static List<KeyValuePair<string, string>> With(this List<KeyValuePair<string, string>> fields, string name, string value) =>
        [.. fields.Where(f => f.Key != name), new(name, value)];

    /// <summary>The confirmation page every application that passes the form's checks is sent to, filed or not.</summary>
    public const string ConfirmationPrefix = "/organisations/apply/submitted?to=";

    /// <summary>Applies as an anonymous visitor and returns the reference e-mailed to the contact (the page never shows it).</summary>
    public static async Task<string> ApplyAsync(PortalFactory factory, string unique, string culture = "en")
    {
        var client = factory.CreateBrowserLikeClient();
        var response = await client.SubmitFormAsync($"/organisations/apply?culture={culture}", "apply", Application(unique), Document());
        await response.AssertRedirectAsync();
        Assert.StartsWith(ConfirmationPrefix, Relative(response.Headers.Location!));
        return ReferenceMailedTo(factory, ContactEmail(unique));
    }

    /// <summary>The application reference in the newest e-mail to an address.</summary>
    public static string ReferenceMailedTo(PortalFactory factory, string address) =>
        ReferencePattern().Match(factory.LastMailTo(address).Subject ?? "") is { Success: true } match
            ? match.Value
            : throw new InvalidOperationException($"The newest e-mail to {address} names no application reference.");

    [System.Text.RegularExpressions.GeneratedRegex(@"CSO-\d{4}-\d{5}")]
    public static partial System.Text.RegularExpressions.Regex ReferencePattern();

    /// <summary>A redirect's target as a site-relative address (Blazor redirects to absolute ones).</summary>
    public static string Relative(Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    public static async Task<Organisation> FindAsync(PortalFactory factory, string reference)
    {
        await using var db = factory.CreateDbContext();
        return await db.Organisations.AsNoTracking().SingleAsync(o => o.Reference == reference);
    }

    /// <summary>Takes a decision on the detail page the way a member of the relations division does.</summary>
    public static Task<HttpResponseMessage> DecideAsync(HttpClient relations, Guid id, OrganisationDecision decision, string? reason = null) =>
        relations.SubmitFormAsync($"/ihec/organisations/{id}?culture=en", "decide", new Dictionary<string, string>
        {
            ["Input.Decision"] = decision.ToString(),
            ["Input.Reason"] = reason ?? "",
        });

    public static async Task AcceptAsync(PortalFactory factory, HttpClient relations, Guid id)
    {
        var response = await DecideAsync(relations, id, OrganisationDecision.Accept);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(OrganisationStatus.Accredited, (await FindByIdAsync(factory, id)).Status);
    }

    public static async Task<Organisation> FindByIdAsync(PortalFactory factory, Guid id)
    {
        await using var db = factory.CreateDbContext();
        return await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == id);
    }

    /// <summary>The newest e-mail to an address whose text contains <paramref name="text"/>.</summary>
    public static MimeMessage MailTo(PortalFactory factory, string address, string text) =>
        factory.Mails().LastOrDefault(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))
                                           && (m.TextBody ?? "").Contains(text, StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"No e-mail to {address} containing {text}.");

    /// <summary>Follows the invitation e-mailed to <paramref name="email"/>, chooses a password and signs in.</summary>
    public static async Task<HttpClient> ActivateAsync(PortalFactory factory, string email)
    {
        var link = PortalFactory.LinkIn(MailTo(factory, email, "/account/invitation"));
        var client = factory.CreateBrowserLikeClient();
        var response = await client.SubmitFormAsync(link, "accept-invitation", new Dictionary<string, string>
        {
            ["Input.Password"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await factory.SignedInClientAsync(email, NewPassword);
    }

    /// <summary>A new accredited organisation whose administrator (the contact person) has activated the account.</summary>
    public static async Task<(Organisation Organisation, HttpClient Admin, string AdminEmail)> AccreditedOrganisationAsync(PortalFactory factory, HttpClient relations)
    {
        var unique = Unique();
        var reference = await ApplyAsync(factory, unique);
        var organisation = await FindAsync(factory, reference);
        await AcceptAsync(factory, relations, organisation.Id);
        var admin = await ActivateAsync(factory, ContactEmail(unique));
        return (await FindAsync(factory, reference), admin, ContactEmail(unique));
    }

    /// <summary>The administrator invites a member, who activates the account; returns the member's signed-in client.</summary>
    public static async Task<(HttpClient Member, string Email)> InviteAndActivateAsync(PortalFactory factory, HttpClient admin, string role = "Member")
    {
        var email = $"member-{Unique()}@example.org";
        var response = await admin.SubmitFormAsync("/my-organisation/members?culture=en", "invite-member", new Dictionary<string, string>
        {
            ["Invite.DisplayName"] = "Invited Observer",
            ["Invite.Email"] = email,
            ["Invite.Language"] = "en",
            ["Invite.Role"] = role,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (await ActivateAsync(factory, email), email);
    }

    public static async Task<string> UserIdAsync(PortalFactory factory, string email)
    {
        await using var db = factory.CreateDbContext();
        return await db.Users.Where(u => u.NormalizedEmail == email.ToUpperInvariant()).Select(u => u.Id).SingleAsync();
    }
}
