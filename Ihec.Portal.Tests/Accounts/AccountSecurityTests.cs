using System.Net;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Ihec.Portal.Tests.Accounts;

public sealed class AccountSecurityTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    internal static Dictionary<string, string> Credentials(string email, string password) => new()
    {
        ["Input.Email"] = email,
        ["Input.Password"] = password,
    };

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_even_for_the_right_password()
    {
        const string email = "member@kirkuk-women.demo";
        var client = factory.CreateBrowserLikeClient();
        HttpResponseMessage response = null!;
        for (var i = 0; i < 5; i++)
        {
            response = await client.SubmitFormAsync("/account/login", "login", Credentials(email, "wrong-password-" + i));
        }

        Assert.Equal("/account/lockout", response.RedirectPath());
        var afterLockout = await client.SubmitFormAsync("/account/login", "login", Credentials(email, PortalFactory.DemoPassword));
        Assert.Equal("/account/lockout", afterLockout.RedirectPath());

        await using var db = factory.CreateDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "account.locked-out" && e.ActorName == email));
    }

    [Fact]
    public async Task Password_reset_link_from_the_email_sets_a_new_password()
    {
        const string email = "member@erbil-access.demo";
        var client = factory.CreateBrowserLikeClient();
        await client.SubmitFormAsync("/account/forgot-password?culture=en", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });

        var mail = factory.LastMailTo(email);
        var link = PortalFactory.LinkIn(mail);
        Assert.StartsWith("/account/reset-password?", link);
        // The demo member reads Arabic: the reset e-mail is Arabic, right-to-left, as HTML and text.
        MailAssert.HtmlAndText(mail, "ar", link);

        var reset = await client.SubmitFormAsync(link, "reset-password", new Dictionary<string, string>
        {
            ["Input.Password"] = "New-Password-2026",
            ["Input.ConfirmPassword"] = "New-Password-2026",
        });
        Assert.Equal("/account/login", reset.RedirectPath());

        var signedIn = await factory.SignedInClientAsync(email, "New-Password-2026");
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/account/manage")).StatusCode);

        // The link works once.
        var again = await client.SubmitFormAsync(link, "reset-password", new Dictionary<string, string>
        {
            ["Input.Password"] = "Other-Password-2026",
            ["Input.ConfirmPassword"] = "Other-Password-2026",
        });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.NotNull((await again.ParseAsync()).QuerySelector("[role=alert]"));
    }

    [Fact]
    public async Task Forgot_password_never_reveals_whether_an_address_is_known()
    {
        const string knownEmail = "member@tammuz.demo", unknownEmail = "nobody@example.org";
        int MailsTo(string address) => factory.Mails().Count(m => m.To.Mailboxes.Any(b => b.Address == address));
        var before = MailsTo(knownEmail);
        var client = factory.CreateBrowserLikeClient();
        var known = await client.SubmitFormAsync("/account/forgot-password", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = knownEmail });
        var unknown = await client.SubmitFormAsync("/account/forgot-password", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = unknownEmail });

        // Both answers are the same redirect to the same page...
        Assert.Equal(HttpStatusCode.Redirect, known.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, unknown.StatusCode);
        Assert.Equal("/account/forgot-password/sent", known.RedirectPath());
        Assert.Equal(known.RedirectPath(), unknown.RedirectPath());
        // ...although the known address was sent its reset link and the unknown one nothing.
        Assert.Equal(before + 1, MailsTo(knownEmail));
        Assert.StartsWith("/account/reset-password?", PortalFactory.LinkIn(factory.LastMailTo(knownEmail)));
        Assert.Equal(0, MailsTo(unknownEmail));
    }

    [Fact]
    public async Task Pages_carry_security_headers_with_a_csp_without_unsafe_eval()
    {
        var response = await factory.CreateClient().GetAsync("/account/login");

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Audit_entries_cannot_be_changed_or_deleted_through_the_application()
    {
        await factory.SignedInClientAsync("member@tammuz.demo");
        await using var db = factory.CreateDbContext();
        var entry = await db.AuditEntries.FirstAsync();

        entry.Details = "tampered";
        Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        db.ChangeTracker.Clear();
        db.AuditEntries.Remove(await db.AuditEntries.FirstAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Administrator_filters_the_audit_log_by_action_and_user()
    {
        await factory.SignedInClientAsync("admin@tammuz.demo");
        var admin = await factory.SignedInClientAsync("admin@demo.ihec.iq");

        var page = await admin.GetDocumentAsync("/admin/audit?culture=en&action=account.sign-in&actor=admin%40tammuz.demo");

        var rows = page.QuerySelectorAll("tbody tr");
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains("admin@tammuz.demo", r.TextContent));
        Assert.All(rows, r => Assert.Contains("Signed in", r.TextContent));
    }
}

/// <summary>With the demo exemption off, staff must enrol an authenticator before anything else.</summary>
public sealed class StaffTwoFactorTests(StaffTwoFactorTests.Factory factory) : IClassFixture<StaffTwoFactorTests.Factory>
{
    public sealed class Factory : PortalFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Accounts:DemoAccountsSkipTwoFactor"] = "false",
        };
    }

    [Fact]
    public async Task Staff_without_an_authenticator_are_sent_to_enrol_and_then_need_a_code_to_sign_in()
    {
        const string email = "editor@demo.ihec.iq";
        var client = await factory.SignedInClientAsync(email);

        var home = await client.GetAsync("/admin/audit");
        Assert.Equal("/account/manage/two-factor", home.RedirectPath());

        // The key as the page shows it, as a person types it into the app (the page stores nothing until a code is verified).
        var page = await client.GetDocumentAsync("/account/manage/two-factor");
        Assert.NotNull(page.QuerySelector("img[alt]"));
        var key = page.QuerySelector("code.shared-key")!.TextContent.Replace(" ", "").ToUpperInvariant();

        var code = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp();
        var enabled = await client.SubmitFormAsync(page, "/account/manage/two-factor", "enable-2fa", new Dictionary<string, string> { ["Input.Code"] = code });
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Equal(10, (await enabled.ParseAsync()).QuerySelectorAll(".recovery-codes li").Length);

        var fresh = factory.CreateBrowserLikeClient();
        var first = await fresh.SubmitFormAsync("/account/login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = PortalFactory.DemoPassword,
        });
        Assert.StartsWith("/account/login-2fa", first.RedirectPath());
    }

    [Fact]
    public async Task Cso_members_are_not_asked_for_two_factor()
    {
        var client = await factory.SignedInClientAsync("member@tammuz.demo");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/manage")).StatusCode);
    }
}

public sealed class SignInRateLimitTests(SignInRateLimitTests.Factory factory) : IClassFixture<SignInRateLimitTests.Factory>
{
    public sealed class Factory : PortalFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["RateLimits:SignInPermits"] = "3",
        };
    }

    [Fact]
    public async Task Too_many_sign_in_posts_from_one_address_are_refused_with_429()
    {
        var client = factory.CreateBrowserLikeClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var response = await client.SubmitFormAsync("/account/login?culture=en", "login", new Dictionary<string, string>
            {
                ["Input.Email"] = "nobody@example.org",
                ["Input.Password"] = "whatever-" + i,
            });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Contains("Too many attempts", await response.Content.ReadAsStringAsync());
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        // Reading the page is never limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
    }
}
