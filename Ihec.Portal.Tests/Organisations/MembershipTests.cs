using System.Net;
using Ihec.Portal.Tests.Infrastructure;
using Ihec.Portal.Features.Organisations;
using Ihec.Portal.Infrastructure.Auditing;
using Ihec.Portal.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ihec.Portal.Tests.Organisations.OrganisationFlows;

namespace Ihec.Portal.Tests.Organisations;

/// <summary>Sessions are re-checked every second here, so a removed member's open session ends within the test.</summary>
public sealed class FastRevalidationPortalFactory : PortalFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Accounts:RevalidationInterval"] = "00:00:01",
    };
}

public sealed class MembershipTests(FastRevalidationPortalFactory factory) : IClassFixture<FastRevalidationPortalFactory>
{
    [Fact]
    public async Task Activation_says_once_that_the_account_is_active_and_never_in_an_error_box()
    {
        var admin = await factory.SignedInClientAsync("admin@tammuz.demo");
        var email = $"member-{Unique()}@example.org";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync("/my-organisation/members?culture=en", "invite-member", new Dictionary<string, string>
        {
            ["Invite.DisplayName"] = "Activated Observer", ["Invite.Email"] = email, ["Invite.Language"] = "en", ["Invite.Role"] = "Member",
        })).StatusCode);
        var client = factory.CreateBrowserLikeClient();
        var activated = await client.SubmitFormAsync(PortalFactory.LinkIn(MailTo(factory, email, "/account/invitation")), "accept-invitation",
            new Dictionary<string, string> { ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword });
        Assert.Equal(HttpStatusCode.Redirect, activated.StatusCode);

        var login = await client.GetDocumentAsync("/account/login?culture=en");
        var notice = Assert.Single(login.QuerySelectorAll(".notice"), n => n.TextContent.Contains("Your account is active", StringComparison.Ordinal));
        Assert.Equal("status", notice.GetAttribute("role"));
        Assert.Empty(login.QuerySelectorAll(".notice-error, [role=alert]"));
        // Said once: the next visit has no message.
        Assert.DoesNotContain("Your account is active", (await client.GetDocumentAsync("/account/login?culture=en")).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cso_admin_cannot_see_or_remove_members_of_another_organisation()
    {
        var tammuzAdmin = await factory.SignedInClientAsync("admin@tammuz.demo");
        var kirkukMember = await UserIdAsync(factory, "member@kirkuk-women.demo");
        var tammuzMember = await UserIdAsync(factory, "member@tammuz.demo");

        var members = await tammuzAdmin.GetAsync("/my-organisation/members?culture=en");
        var confirm = await tammuzAdmin.GetAsync($"/my-organisation/members/remove?user={kirkukMember}&culture=en");
        // The form of one of its own members, posted with the other organisation's member id.
        var remove = await tammuzAdmin.SubmitFormAsync($"/my-organisation/members/remove?user={tammuzMember}&culture=en", "remove-member",
            new Dictionary<string, string> { ["Input.UserId"] = kirkukMember });
        var resend = await tammuzAdmin.SubmitFormAsync("/my-organisation/members?culture=en", "member-actions",
            new Dictionary<string, string> { ["MemberAction.ResendTo"] = kirkukMember });

        Assert.DoesNotContain("kirkuk", await members.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var confirmPage = await confirm.ParseAsync();
        Assert.Contains("not found in your organisation", confirmPage.QuerySelector("[role=alert]")?.TextContent);
        Assert.DoesNotContain("member@kirkuk-women.demo", confirmPage.Body!.TextContent);
        Assert.Equal(HttpStatusCode.OK, remove.StatusCode);
        Assert.Contains("not found in your organisation", (await remove.ParseAsync()).QuerySelector("[role=alert]")?.TextContent);
        Assert.Contains("not found in your organisation", (await resend.ParseAsync()).QuerySelector("[role=alert]")?.TextContent);
        await using var db = factory.CreateDbContext();
        Assert.False(await db.Users.Where(u => u.Id == kirkukMember).Select(u => u.IsDeactivated).SingleAsync());
        Assert.DoesNotContain(factory.Mails(), m => m.To.Mailboxes.Any(b => b.Address == "member@kirkuk-women.demo"));
        // And the other organisation's member can still sign in.
        await factory.SignedInClientAsync("member@kirkuk-women.demo");
    }

    [Fact]
    public async Task Removed_member_loses_the_open_session_and_cannot_sign_in_again()
    {
        var relations = await factory.SignedInClientAsync(Relations);
        var (organisation, admin, _) = await AccreditedOrganisationAsync(factory, relations);
        var (member, memberEmail) = await InviteAndActivateAsync(factory, admin);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/my-organisation")).StatusCode);
        var memberId = await UserIdAsync(factory, memberEmail);

        var confirm = await admin.GetDocumentAsync($"/my-organisation/members/remove?user={memberId}&culture=en");
        Assert.Contains(memberEmail, confirm.QuerySelector("main")?.TextContent);
        var removed = await admin.SubmitFormAsync($"/my-organisation/members/remove?user={memberId}&culture=en", "remove-member", []);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);

        await SignedOutAsync(member, "the removed member's session");
        await Assert.ThrowsAsync<InvalidOperationException>(() => factory.SignedInClientAsync(memberEmail, NewPassword));
        var list = await admin.GetDocumentAsync("/my-organisation/members?culture=en");
        Assert.DoesNotContain(memberEmail, list.QuerySelector("main")?.TextContent);
        await using var db = factory.CreateDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "organisation.member-removed" && e.EntityId == memberId && e.OrganisationId == organisation.Id));
    }

    [Fact]
    public async Task Administrator_cannot_remove_themself()
    {
        var relations = await factory.SignedInClientAsync(Relations);
        var (_, admin, adminEmail) = await AccreditedOrganisationAsync(factory, relations);
        var (_, memberEmail) = await InviteAndActivateAsync(factory, admin);
        var adminId = await UserIdAsync(factory, adminEmail);
        var memberId = await UserIdAsync(factory, memberEmail);

        var response = await admin.SubmitFormAsync($"/my-organisation/members/remove?user={memberId}&culture=en", "remove-member",
            new Dictionary<string, string> { ["Input.UserId"] = adminId });

        Assert.Contains("cannot remove yourself", (await response.ParseAsync()).QuerySelector("[role=alert]")?.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/my-organisation")).StatusCode);
    }

    [Fact]
    public async Task Another_administrator_can_be_removed()
    {
        var relations = await factory.SignedInClientAsync(Relations);
        var (_, admin, _) = await AccreditedOrganisationAsync(factory, relations);
        var (secondAdmin, secondEmail) = await InviteAndActivateAsync(factory, admin, role: "Administrator");
        var secondId = await UserIdAsync(factory, secondEmail);

        var removeSecond = await admin.SubmitFormAsync($"/my-organisation/members/remove?user={secondId}&culture=en", "remove-member", []);

        Assert.Equal(HttpStatusCode.Redirect, removeSecond.StatusCode);
        await SignedOutAsync(secondAdmin, "the removed administrator's session");
        await using var db = factory.CreateDbContext();
        Assert.True(await db.Users.Where(u => u.Id == secondId).Select(u => u.IsDeactivated).SingleAsync());
    }

    /// <summary>
    /// Two administrators who remove each other at about the same time: the second removal is checked by a session
    /// authenticated before the first one ended it (as a request already past authentication is). Only here can an
    /// administrator other than the last one ask for the last one's removal, since removing oneself is refused first.
    /// </summary>
    [Fact]
    public async Task The_last_administrator_cannot_be_removed_even_by_an_administrator_removed_a_moment_before()
    {
        var relations = await factory.SignedInClientAsync(Relations);
        var (organisation, admin, adminEmail) = await AccreditedOrganisationAsync(factory, relations);
        var (_, secondEmail) = await InviteAndActivateAsync(factory, admin, role: "Administrator");
        var firstId = await UserIdAsync(factory, adminEmail);
        var secondId = await UserIdAsync(factory, secondEmail);
        var secondSession = await PrincipalAsync(secondEmail);

        var removeSecond = await admin.SubmitFormAsync($"/my-organisation/members/remove?user={secondId}&culture=en", "remove-member", []);
        Assert.Equal(HttpStatusCode.Redirect, removeSecond.StatusCode);
        Result removeLast;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            removeLast = await scope.ServiceProvider.GetRequiredService<OrganisationService>().RemoveMemberAsync(secondSession, firstId, new AuditActor(secondId, secondEmail, null));
        }

        Assert.False(removeLast.Succeeded);
        Assert.Equal("CannotRemoveLastAdministrator", Assert.Single(removeLast.Errors).Key);
        await using var db = factory.CreateDbContext();
        Assert.False(await db.Users.Where(u => u.Id == firstId).Select(u => u.IsDeactivated).SingleAsync());
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == "organisation.member-removed" && e.EntityId == firstId && e.OrganisationId == organisation.Id));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/my-organisation")).StatusCode);
    }

    private async Task<System.Security.Claims.ClaimsPrincipal> PrincipalAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<PortalUser>>();
        return await signIn.CreateUserPrincipalAsync((await signIn.UserManager.FindByEmailAsync(email))!);
    }

    private static Task<HttpResponseMessage> SignedOutAsync(HttpClient client, string what) =>
        Eventually.UntilResponseAsync(() => client.GetAsync("/my-organisation"),
            r => r.IsSignInRedirect(), what + " sent to sign in");

    [Theory]
    [InlineData("member@tammuz.demo")]
    [InlineData("relations@demo.ihec.iq")]
    public async Task Invitation_to_an_email_that_already_has_an_account_is_refused(string email)
    {
        var relations = await factory.SignedInClientAsync(Relations);
        var (_, admin, _) = await AccreditedOrganisationAsync(factory, relations);

        var response = await admin.SubmitFormAsync("/my-organisation/members?culture=en", "invite-member", new Dictionary<string, string>
        {
            ["Invite.DisplayName"] = "Someone",
            ["Invite.Email"] = email.ToUpperInvariant(),
            ["Invite.Language"] = "ar",
            ["Invite.Role"] = "Member",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("already has an account", (await response.ParseAsync()).QuerySelector("#invite-email-error")?.TextContent);
    }

    [Fact]
    public async Task Invitation_not_yet_accepted_can_be_resent_and_only_the_new_link_works()
    {
        var relations = await factory.SignedInClientAsync(Relations);
        var (_, admin, _) = await AccreditedOrganisationAsync(factory, relations);
        var email = $"pending-{Unique()}@example.org";
        await admin.SubmitFormAsync("/my-organisation/members?culture=en", "invite-member", new Dictionary<string, string>
        {
            ["Invite.DisplayName"] = "Pending Observer",
            ["Invite.Email"] = email,
            ["Invite.Language"] = "ar",
            ["Invite.Role"] = "Member",
        });
        var firstLink = PortalFactory.LinkIn(MailTo(factory, email, "/account/invitation"));
        var memberId = await UserIdAsync(factory, email);

        var members = await admin.GetDocumentAsync("/my-organisation/members?culture=en");
        Assert.Contains("Invited", members.QuerySelectorAll("tbody tr").Single(tr => tr.TextContent.Contains(email, StringComparison.Ordinal)).TextContent);
        var resend = await admin.SubmitFormAsync("/my-organisation/members?culture=en", "member-actions",
            new Dictionary<string, string> { ["MemberAction.ResendTo"] = memberId });

        Assert.Equal(HttpStatusCode.Redirect, resend.StatusCode);
        var secondLink = PortalFactory.LinkIn(MailTo(factory, email, "/account/invitation"));
        Assert.NotEqual(firstLink, secondLink);
        var old = await factory.CreateBrowserLikeClient().GetDocumentAsync(firstLink + "&culture=en");
        Assert.NotNull(old.QuerySelector(".notice-error"));
        await ActivateAsync(factory, email);
    }

    [Fact]
    public async Task Member_pages_are_closed_to_staff_and_anonymous_visitors()
    {
        var anonymous = factory.CreateBrowserLikeClient();
        var staff = await factory.SignedInClientAsync(Relations);

        var anonymousResponse = await anonymous.GetAsync("/my-organisation");
        var staffResponse = await staff.GetAsync("/my-organisation");

        Assert.Equal(HttpStatusCode.Redirect, anonymousResponse.StatusCode);
        Assert.StartsWith("/account/login", Relative(anonymousResponse.Headers.Location!));
        staffResponse.AssertForbidden();
    }
}
