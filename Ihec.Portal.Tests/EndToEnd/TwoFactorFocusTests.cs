using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Shared.Security;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;

namespace Ihec.Portal.Tests.EndToEnd;

/// <summary>
/// The authenticator code field in a real browser (issue #28): focused when the page opens and again after a wrong
/// code, which is then named invalid and described by the error text, in each language.
/// </summary>
[Collection(PlaywrightCollection.Name)]
public sealed class TwoFactorFocusTests(PlaywrightPortal browser)
{
    [Theory]
    [InlineData("ar")]
    [InlineData("ckb")]
    [InlineData("en")]
    public async Task The_code_field_has_focus_on_load_and_after_an_error_with_the_error_described(string language)
    {
        var (email, key) = await StaffWithAuthenticatorAsync(language);
        await using var context = await browser.NewContextAsync(Principal.Anonymous);
        var page = await context.NewPageAsync();
        await PlaywrightPortal.OpenAsync(page, "/account/login?culture=" + language);
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(PortalFactory.DemoPassword);
        await page.Locator("form[method=post] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/account/login-2fa**");
        await page.Locator("#code").WaitForAsync();

        await FocusOnCodeAsync(page);
        Assert.Null(await page.Locator("#code").GetAttributeAsync("aria-invalid"));

        await page.Locator("#code").FillAsync(WrongCode(key));
        await page.Locator("form[method=post] button[type=submit]").ClickAsync();
        await page.Locator("#code[aria-invalid=true]").WaitForAsync();

        await FocusOnCodeAsync(page);
        var describedBy = await page.Locator("#code").GetAttributeAsync("aria-describedby");
        Assert.Equal(ResourceText.Get("Features/Accounts/AccountsText", language, "InvalidAuthenticatorCode"),
            (await page.Locator("#" + describedBy).InnerTextAsync()).Trim());
        Assert.StartsWith(language, await page.EvaluateAsync<string>("() => document.documentElement.lang"));
    }

    /// <summary>
    /// The browser moves focus to an <c>autofocus</c> field at its next rendering step, a moment after the field is in
    /// the page, so this waits for the focus (and fails when it never comes) rather than reading it at once.
    /// </summary>
    private static async Task FocusOnCodeAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => document.activeElement?.id === 'code'");
        Assert.Equal("code", await page.EvaluateAsync<string>("() => document.activeElement?.id"));
    }

    /// <summary>A staff account of its own (the demo roles' sessions stay untouched) with an authenticator set up.</summary>
    private async Task<(string Email, string Key)> StaffWithAuthenticatorAsync(string language)
    {
        var email = $"two-factor-focus-{language}@demo.ihec.iq";
        using var scope = browser.Portal.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new PortalUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = "Two-factor focus " + language,
                PreferredCulture = language,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            Assert.True((await users.CreateAsync(user, PortalFactory.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, PortalRoles.IhecEditor)).Succeeded);
            await users.ResetAuthenticatorKeyAsync(user);
            Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
        }

        return (email, (await users.GetAuthenticatorKeyAsync(user))!);
    }

    /// <summary>Six digits that are no code of the key anywhere near now.</summary>
    private static string WrongCode(string key)
    {
        var totp = new Totp(Base32Encoding.ToBytes(key));
        var near = Enumerable.Range(-3, 7).Select(i => totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30 * i))).ToHashSet();
        return Enumerable.Range(0, 1000).Select(i => ((123456 + i * 7919) % 1_000_000).ToString("D6")).First(c => !near.Contains(c));
    }
}
