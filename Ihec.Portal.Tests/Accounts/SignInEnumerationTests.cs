using System.Diagnostics;
using System.Net;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Ihec.Portal.Tests.Accounts;

/// <summary>Sign-in does not tell which addresses have an account (issue #20, item 2): same answer, same lockout.</summary>
public sealed class SignInEnumerationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_wrong_password_answers_alike_for_unknown_existing_and_deactivated_addresses()
    {
        const string deactivated = "member@erbil-access.demo";
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = (await users.FindByEmailAsync(deactivated))!;
            user.IsDeactivated = true;
            Assert.True((await users.UpdateAsync(user)).Succeeded);
        }

        var answers = new List<string>();
        foreach (var email in new[] { "nobody-alike@example.org", "member@tammuz.demo", deactivated })
        {
            var response = await factory.CreateBrowserLikeClient().SubmitFormAsync("/account/login?culture=en", "login", AccountSecurityTests.Credentials(email, "wrong-password"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers.Add((await response.ParseAsync()).QuerySelector("#error-summary li")?.TextContent.Trim() ?? "");
        }

        Assert.All(answers, a => Assert.Equal(ResourceText.Get("Features/Accounts/AccountsText", "en", "InvalidSignIn"), a));

        // The account's state is told only to someone who knows its password.
        var right = await factory.CreateBrowserLikeClient().SubmitFormAsync("/account/login?culture=en", "login", AccountSecurityTests.Credentials(deactivated, PortalFactory.DemoPassword));
        Assert.Equal(ResourceText.Get("Features/Accounts/AccountsText", "en", "SignInNotAllowed"),
            (await right.ParseAsync()).QuerySelector("#error-summary li")?.TextContent.Trim());
    }

    [Fact]
    public async Task An_address_without_an_account_locks_after_the_same_number_of_wrong_passwords()
    {
        const string email = "nobody-locks@example.org";
        var client = factory.CreateBrowserLikeClient();
        var paths = new List<string?>();
        for (var i = 0; i < 6; i++)
        {
            paths.Add((await client.SubmitFormAsync("/account/login", "login", AccountSecurityTests.Credentials(email, "wrong-password-" + i))).RedirectPath());
        }

        // As Repeated_wrong_passwords_lock_the_account_even_for_the_right_password shows for an account.
        Assert.Equal([null, null, null, null, "/account/lockout", "/account/lockout"], paths);
    }
}

/// <summary>
/// A wrong password costs the same for an address without an account as for an account. The tolerance is measured:
/// the medians of alternating tries may differ by less than half the median for the account (before the fix, an
/// unknown address answered in a few milliseconds, without computing a hash, and an account in about 90).
/// </summary>
public sealed class SignInTimingTests(SignInTimingTests.Factory factory) : IClassFixture<SignInTimingTests.Factory>
{
    public sealed class Factory : PortalFactory
    {
        // So that the repeated tries on the account never lock it (a locked account answers without a hash).
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Accounts:MaxFailedAccessAttempts"] = "1000",
        };
    }

    [Fact]
    public async Task A_wrong_password_takes_as_long_for_an_unknown_address_as_for_an_account()
    {
        var client = factory.CreateBrowserLikeClient();
        var page = await client.GetDocumentAsync("/account/login");
        var unknown = new List<double>();
        var existing = new List<double>();
        for (var i = 0; i < 17; i++)
        {
            var u = await TimeAsync(client, page, "nobody-timing@example.org", i);
            var e = await TimeAsync(client, page, "member@kirkuk-women.demo", i);
            if (i >= 2)
            {
                // The first tries warm up the database, the hasher and the page.
                unknown.Add(u);
                existing.Add(e);
            }
        }

        var (medianUnknown, medianExisting) = (Median(unknown), Median(existing));
        Assert.True(Math.Abs(medianUnknown - medianExisting) < medianExisting / 2,
            $"Median for an unknown address {medianUnknown:F1} ms, for an account {medianExisting:F1} ms.");
    }

    private static async Task<double> TimeAsync(HttpClient client, AngleSharp.Html.Dom.IHtmlDocument page, string email, int i)
    {
        var watch = Stopwatch.StartNew();
        var response = await client.SubmitFormAsync(page, "/account/login", "login", AccountSecurityTests.Credentials(email, "wrong-password-" + i));
        watch.Stop();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
