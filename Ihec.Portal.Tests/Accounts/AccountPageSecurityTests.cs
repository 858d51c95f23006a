using System.Net;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ihec.Portal.Tests.Accounts;

/// <summary>The two-factor page (issue #20, item 9): GET changes nothing; its actions ask for the password again.</summary>
public sealed class TwoFactorPageTests(AuthenticatorCodeTests.Factory factory) : IClassFixture<AuthenticatorCodeTests.Factory>
{
    [Fact]
    public async Task Opening_the_two_factor_page_changes_nothing_on_the_account()
    {
        const string email = "monitoring@demo.ihec.iq";
        var client = await factory.SignedInClientAsync(email);
        var before = await AccountStateAsync(email);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/manage/two-factor")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/manage/two-factor")).StatusCode);

        Assert.Equal(before, await AccountStateAsync(email));
    }

    [Fact]
    public async Task New_recovery_codes_and_a_reset_need_the_current_password()
    {
        const string email = "relations@demo.ihec.iq";
        var (client, _, firstCodes) = await factory.EnrolAsync(email);
        var before = await AccountStateAsync(email);

        foreach (var action in new[] { "codes", "reset" })
        {
            var refused = await PostActionAsync(client, action, "not-the-password");
            var page = await refused.ParseAsync();
            Assert.Empty(page.QuerySelectorAll(".recovery-codes li"));
            Assert.Equal("true", page.QuerySelector("#password")?.GetAttribute("aria-invalid"));
            Assert.Contains("password-error", page.QuerySelector("#password")?.GetAttribute("aria-describedby"));
            Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("#password-error")?.TextContent));
        }

        Assert.Equal(before, await AccountStateAsync(email));

        var renewed = await (await PostActionAsync(client, "codes", PortalFactory.DemoPassword)).ParseAsync();
        var newCodes = renewed.QuerySelectorAll(".recovery-codes li").Select(li => li.TextContent.Trim()).ToArray();
        Assert.Equal(10, newCodes.Length);
        Assert.Empty(newCodes.Intersect(firstCodes));
    }

    private static Task<HttpResponseMessage> PostActionAsync(HttpClient client, string action, string password) =>
        client.SubmitFormAsync("/account/manage/two-factor", "two-factor-actions", new Dictionary<string, string>
        {
            ["action"] = action,
            ["password"] = password,
        });

    /// <summary>Everything GET or a refused action must leave alone: the stamp, two-factor, every token (key, recovery codes).</summary>
    private async Task<string> AccountStateAsync(string email)
    {
        await using var db = factory.CreateDbContext();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
        var tokens = await db.UserTokens.AsNoTracking().Where(t => t.UserId == user.Id)
            .OrderBy(t => t.LoginProvider).ThenBy(t => t.Name).Select(t => t.LoginProvider + "/" + t.Name + "=" + t.Value).ToListAsync();
        return $"{user.SecurityStamp} {user.TwoFactorEnabled} {string.Join(";", tokens)}";
    }
}

/// <summary>The change-password page (issue #20, item 8) and return addresses (item 5).</summary>
public sealed class AccountPageSecurityTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    internal static Dictionary<string, string> ChangeFields(string current) => new()
    {
        ["Input.CurrentPassword"] = current,
        ["Input.New.Password"] = "Another-Password-2027",
        ["Input.New.ConfirmPassword"] = "Another-Password-2027",
    };

    [Fact]
    public async Task Wrong_current_passwords_on_the_password_page_lock_the_account()
    {
        const string email = "admin@kirkuk-women.demo";
        var client = await factory.SignedInClientAsync(email);
        HttpResponseMessage response = null!;
        for (var i = 0; i < 5; i++)
        {
            response = await client.SubmitFormAsync("/account/manage/password", "change-password", ChangeFields("wrong-password-" + i));
        }

        Assert.Equal("/account/lockout", response.RedirectPath());
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        Assert.True(await users.IsLockedOutAsync((await users.FindByEmailAsync(email))!));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("javascript:alert(1)")]
    public async Task A_foreign_return_address_signs_in_and_out_to_the_home_page(string returnUrl)
    {
        var client = factory.CreateBrowserLikeClient();
        var signIn = await client.SubmitFormAsync("/account/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl), "login", new Dictionary<string, string>
        {
            ["Input.Email"] = "member@tammuz.demo",
            ["Input.Password"] = PortalFactory.DemoPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.RedirectPath());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/manage")).StatusCode);

        var signOut = await client.SignOutAsync(new KeyValuePair<string, string>("returnUrl", returnUrl));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/", signOut.Headers.Location?.OriginalString);
    }
}

public sealed class PasswordPageRateLimitTests(PasswordPageRateLimitTests.Factory factory) : IClassFixture<PasswordPageRateLimitTests.Factory>
{
    public sealed class Factory : PortalFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["RateLimits:SignInPermits"] = "3",
        };
    }

    [Fact]
    public async Task Password_page_posts_count_toward_the_sign_in_rate_limit()
    {
        // The sign-in is the first of three posts allowed in the window.
        var client = await factory.SignedInClientAsync("member@erbil-access.demo");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.SubmitFormAsync("/account/manage/password", "change-password",
                AccountPageSecurityTests.ChangeFields("wrong-password-" + i))).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
