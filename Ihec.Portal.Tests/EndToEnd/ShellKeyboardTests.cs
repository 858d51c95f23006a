using Ihec.Portal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Ihec.Portal.Tests.EndToEnd;

/// <summary>The shell a person meets on every page: language and direction, the skip link, and signing in by keyboard.</summary>
[Collection(PlaywrightCollection.Name)]
public sealed class ShellKeyboardTests(PlaywrightPortal browser)
{
    [Theory]
    [InlineData("ar", "rtl")]
    [InlineData("ckb", "rtl")]
    [InlineData("en", "ltr")]
    public async Task Chosen_language_sets_the_page_language_and_direction_and_is_remembered(string language, string direction)
    {
        await using var context = await browser.NewContextAsync(Principal.Anonymous);
        var page = await context.NewPageAsync();

        await PlaywrightPortal.OpenAsync(page, "/?culture=" + language);
        Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal(direction, await page.Locator("html").GetAttributeAsync("dir"));

        // The next page, without the parameter, keeps the language (cookie).
        await PlaywrightPortal.OpenAsync(page, "/account/login");
        Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal(direction, await page.Locator("html").GetAttributeAsync("dir"));
    }

    [Theory]
    [InlineData("fr-FR", "ar", "rtl")] // a language the portal does not have: Arabic, the default
    [InlineData("ckb-IQ", "ckb", "rtl")]
    [InlineData("en-GB", "en", "ltr")]
    public async Task Without_a_choice_the_browser_language_decides_and_arabic_is_the_default(string browserLocale, string language, string direction)
    {
        await using var context = await browser.NewContextAsync(Principal.Anonymous, browserLocale);
        var page = await context.NewPageAsync();

        await PlaywrightPortal.OpenAsync(page, "/");

        Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal(direction, await page.Locator("html").GetAttributeAsync("dir"));
    }

    [Theory]
    [InlineData("Anonymous", "/", "ar")]
    [InlineData("Anonymous", "/account/login", "ckb")]
    [InlineData("Anonymous", "/account/forgot-password", "en")]
    [InlineData("CsoMember", "/account/manage", "ar")]
    [InlineData("Administrator", "/admin/audit", "en")]
    public async Task Skip_link_is_the_first_tab_stop_and_moves_focus_to_the_main_content(string principal, string url, string language)
    {
        await using var context = await browser.NewContextAsync(Enum.Parse<Principal>(principal));
        var page = await context.NewPageAsync();
        await PlaywrightPortal.OpenAsync(page, PlaywrightPortal.WithCulture(url, language));

        await page.Keyboard.PressAsync("Tab");

        var skipLink = page.Locator("a.skip-link");
        await Assertions.Expect(skipLink).ToBeFocusedAsync();
        await Assertions.Expect(skipLink).ToBeInViewportAsync(); // visible once focused
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main#main-content")).ToBeFocusedAsync();
        // The next Tab continues inside the main content, not back in the header.
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('main').contains(document.activeElement)"),
            "After the skip link, Tab should move to the first control in main.");
    }

    [Fact]
    public async Task Following_a_link_inside_the_portal_moves_focus_to_the_new_page_heading()
    {
        await using var context = await browser.NewContextAsync(Principal.Anonymous);
        var page = await context.NewPageAsync();
        await PlaywrightPortal.OpenAsync(page, "/?culture=en");

        // Blazor swaps the page in place (enhanced navigation), so the browser would leave focus where it was.
        await page.Locator(".account-bar a[href='/account/login']").ClickAsync();
        await page.WaitForURLAsync(browser.BaseUrl + "/account/login");

        await Assertions.Expect(page.Locator("main h1")).ToBeFocusedAsync();
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("ckb")]
    [InlineData("en")]
    public async Task A_member_signs_in_with_the_keyboard_alone(string language)
    {
        await using var context = await browser.NewContextAsync(Principal.Anonymous);
        var page = await context.NewPageAsync();
        await PlaywrightPortal.OpenAsync(page, "/account/login?culture=" + language);

        // Tab from the top of the page to the e-mail field, through the shell's links.
        var email = page.Locator("#email");
        for (var presses = 0; presses < 40 && !await IsFocusedAsync(email); presses++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Assertions.Expect(email).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("member@kirkuk-women.demo");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("#password")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(PortalFactory.DemoPassword);
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync(browser.BaseUrl + "/");
        await Assertions.Expect(page.Locator("form[action='/account/logout'] button")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".account-name")).ToHaveTextAsync("Kirkuk Women Observer");
        Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
    }

    private static Task<bool> IsFocusedAsync(ILocator locator) =>
        locator.EvaluateAsync<bool>("element => element === document.activeElement");
}
