using System.Net;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Shared.Organisations;
using Ihec.Portal.Shared.Security;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ihec.Portal.Tests.Organisations.OrganisationFlows;

namespace Ihec.Portal.Tests.Organisations;

public sealed class AccreditationFlowTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Accepted_contact_activates_the_account_as_administrator_and_invites_a_member_who_can_sign_in()
    {
        var unique = Unique();
        var reference = await ApplyAsync(factory, unique, culture: "ckb");
        var organisation = await FindAsync(factory, reference);
        var relations = await factory.SignedInClientAsync(Relations);

        await AcceptAsync(factory, relations, organisation.Id);

        // The contact's account exists with the administrator role, in their language, without a password yet.
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var contact = await users.FindByEmailAsync(ContactEmail(unique));
            Assert.NotNull(contact);
            Assert.Equal(organisation.Id, contact!.OrganisationId);
            Assert.Equal($"Contact {unique}", contact.DisplayName);
            Assert.Equal("ckb", contact.PreferredCulture);
            Assert.False(contact.EmailConfirmed);
            Assert.False(await users.HasPasswordAsync(contact));
            Assert.Equal([PortalRoles.CsoAdmin], await users.GetRolesAsync(contact));
        }

        Assert.Contains("پەسەندکرا", MailTo(factory, ContactEmail(unique), reference).Subject);
        var admin = await ActivateAsync(factory, ContactEmail(unique));
        var mine = await admin.GetDocumentAsync("/my-organisation?culture=en");
        Assert.Equal($"Test Organisation {unique}", mine.QuerySelector("h1")?.TextContent);
        Assert.NotNull(mine.QuerySelector("a[href='/my-organisation/members']"));

        var (member, memberEmail) = await InviteAndActivateAsync(factory, admin);

        var asMember = await member.GetDocumentAsync("/my-organisation?culture=en");
        Assert.Equal($"Test Organisation {unique}", asMember.QuerySelector("h1")?.TextContent);
        Assert.Contains(asMember.QuerySelectorAll("#members-caption ~ tbody tr"), tr => tr.TextContent.Contains(memberEmail, StringComparison.Ordinal));
        // A member sees the organisation, not the administrator's tools.
        Assert.Null(asMember.QuerySelector("a[href='/my-organisation/members']"));
        (await member.GetAsync("/my-organisation/members")).AssertForbidden();
        await using var db = factory.CreateDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "organisation.accept" && e.OrganisationId == organisation.Id));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "organisation.member-invited" && e.OrganisationId == organisation.Id));
    }

    [Fact]
    public async Task Accredited_organisation_appears_in_the_public_directory_with_its_profile_but_never_its_contact()
    {
        var relations = await factory.SignedInClientAsync(Relations);
        var (organisation, admin, adminEmail) = await AccreditedOrganisationAsync(factory, relations);

        var save = await admin.SubmitFormAsync("/my-organisation/profile?culture=en", "organisation-profile", new Dictionary<string, string>
        {
            ["Input.DescriptionEn"] = "We observe elections in Baghdad and Nineveh.",
            ["Input.Website"] = "https://observers.example.org",
            ["Input.PublicEmail"] = "info@observers.example.org",
        });
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);

        var visitor = factory.CreateBrowserLikeClient();
        var directory = await visitor.GetDocumentAsync("/organisations?culture=en&governorate=IQ-NI&focus=Youth");
        Assert.Contains(directory.QuerySelectorAll("tbody a"), a => a.TextContent == organisation.NameEn);
        var profileResponse = await visitor.GetAsync($"/organisations/{organisation.Reference}?culture=en");
        var html = await profileResponse.Content.ReadAsStringAsync();
        var profile = await profileResponse.ParseAsync();

        Assert.Equal(organisation.NameEn, profile.QuerySelector("h1")?.TextContent);
        Assert.Contains("We observe elections in Baghdad and Nineveh.", html);
        Assert.Contains("info@observers.example.org", html);
        Assert.NotNull(profile.QuerySelector("a[href='https://observers.example.org']"));
        Assert.DoesNotContain(adminEmail, html);
        Assert.DoesNotContain(organisation.ContactPhone, html);
        Assert.DoesNotContain("/document", html);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://files.example.org")]
    [InlineData("observers.example.org")]
    public async Task Profile_website_must_be_an_http_or_https_address(string website)
    {
        var relations = await factory.SignedInClientAsync(Relations);
        var (organisation, admin, _) = await AccreditedOrganisationAsync(factory, relations);

        var response = await admin.SubmitFormAsync("/my-organisation/profile?culture=en", "organisation-profile", new Dictionary<string, string>
        {
            ["Input.Website"] = website,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("valid link", (await response.ParseAsync()).QuerySelector("#website-error")?.TextContent);
        Assert.Null((await FindByIdAsync(factory, organisation.Id)).Website);
    }

    [Fact]
    public async Task Accepting_is_refused_when_the_contact_email_meanwhile_belongs_to_an_account()
    {
        var unique = Unique();
        var organisation = await FindAsync(factory, await ApplyAsync(factory, unique));
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            Assert.True((await users.CreateAsync(new PortalUser { UserName = ContactEmail(unique), Email = ContactEmail(unique), DisplayName = "Someone" })).Succeeded);
        }

        var relations = await factory.SignedInClientAsync(Relations);
        var response = await DecideAsync(relations, organisation.Id, OrganisationDecision.Accept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("used by another account", (await response.ParseAsync()).QuerySelector("#error-summary")?.TextContent);
        Assert.Equal(OrganisationStatus.Submitted, (await FindByIdAsync(factory, organisation.Id)).Status);
    }

    [Fact]
    public async Task Relations_can_resend_a_lost_administrator_invitation_until_it_is_used()
    {
        var unique = Unique();
        var organisation = await FindAsync(factory, await ApplyAsync(factory, unique, culture: "ckb"));
        var relations = await factory.SignedInClientAsync(Relations);
        await AcceptAsync(factory, relations, organisation.Id);
        var invitation = MailTo(factory, ContactEmail(unique), "/account/invitation");
        var firstLink = PortalFactory.LinkIn(invitation);
        // The invitation e-mail: HTML and text, in the language the organisation applied in.
        MailAssert.HtmlAndText(invitation, "ckb", firstLink);

        var resend = await relations.SubmitFormAsync($"/ihec/organisations/{organisation.Id}?culture=en", "resend-contact-invitation", []);

        Assert.Equal(HttpStatusCode.Redirect, resend.StatusCode);
        var secondLink = PortalFactory.LinkIn(MailTo(factory, ContactEmail(unique), "/account/invitation"));
        Assert.NotEqual(firstLink, secondLink);
        Assert.NotNull((await factory.CreateBrowserLikeClient().GetDocumentAsync(firstLink + "&culture=en")).QuerySelector(".notice-error"));
        await ActivateAsync(factory, ContactEmail(unique));
        var detail = await relations.GetDocumentAsync($"/ihec/organisations/{organisation.Id}?culture=en");
        Assert.Null(detail.QuerySelector("#invitation-title"));
    }
}
