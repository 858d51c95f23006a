using Ihec.Portal.Features.Violations;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Ihec.Portal.Tests.EndToEnd;

/// <summary>What was typed in the violation form survives a connection that drops while it is sent, and files once.</summary>
[Collection(PlaywrightCollection.Name)]
public sealed class ViolationDraftTests(PlaywrightPortal browser)
{
    [Fact]
    public async Task A_form_sent_while_offline_is_restored_in_the_same_tab_and_then_files_once()
    {
        await using var context = await browser.NewContextAsync(Principal.CsoMember, "en-GB", o => o.ViewportSize = new() { Width = 390, Height = 844 });
        var page = await context.NewPageAsync();
        await PlaywrightPortal.OpenAsync(page, "/violations/new?culture=en");
        var unique = "Draft kept offline " + Guid.NewGuid().ToString("N")[..8];
        await page.Locator("#category").SelectOptionAsync("VoteBuying");
        var yesterday = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(3)).AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        await page.Locator("#occurred").FillAsync(yesterday);
        await page.Locator("#governorate").SelectOptionAsync("IQ-BG");
        await page.Locator("#district").FillAsync("Karkh");
        await page.Locator("#latitude").FillAsync("33.3152");
        await page.Locator("#longitude").FillAsync("44.3661");
        await page.Locator("#description").FillAsync(unique);
        await page.Locator("#witnessed").CheckAsync();
        var key = await page.Locator("input[name='Input.SubmissionKey']").InputValueAsync();

        // The connection drops as the form is sent: the browser shows its own error page.
        await context.SetOfflineAsync(true);
        await page.Locator("form[data-draft] button[type=submit]").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        await context.SetOfflineAsync(false);

        await PlaywrightPortal.OpenAsync(page, "/violations/new?culture=en");
        await page.Locator("#draft-status").Filter(new() { HasText = "has been restored" }).WaitForAsync();
        Assert.Equal(unique, await page.Locator("#description").InputValueAsync());
        Assert.Equal("Karkh", await page.Locator("#district").InputValueAsync());
        Assert.Equal("IQ-BG", await page.Locator("#governorate").InputValueAsync());
        Assert.Equal("VoteBuying", await page.Locator("#category").InputValueAsync());
        Assert.True(await page.Locator("#witnessed").IsCheckedAsync());
        Assert.False(await page.Locator("#consent").IsCheckedAsync());
        Assert.Equal(key, await page.Locator("input[name='Input.SubmissionKey']").InputValueAsync());

        await page.Locator("form[data-draft] button[type=submit]").ClickAsync();
        await page.Locator("#filed-notice").WaitForAsync();
        // The confirmation page removes the copy once its scripts have run.
        await page.WaitForFunctionAsync("() => sessionStorage.getItem('ihec-violation-draft') === null");
        await using (var db = browser.Portal.CreateDbContext())
        {
            Assert.Equal(1, await db.Set<ViolationReport>().CountAsync(r => r.Description == unique && r.SubmissionKey == key));
        }

        // Filed: the copy is gone, and a new form starts empty.
        await PlaywrightPortal.OpenAsync(page, "/violations/new?culture=en");
        Assert.Equal("", await page.Locator("#description").InputValueAsync());
        Assert.True(await page.Locator("#draft-status").IsHiddenAsync());
        Assert.NotEqual(key, await page.Locator("input[name='Input.SubmissionKey']").InputValueAsync());
    }

    [Fact]
    public async Task A_form_sent_back_by_the_server_with_errors_shows_the_errors_and_no_restored_notice()
    {
        await using var context = await browser.NewContextAsync(Principal.CsoMember, "en-GB");
        var page = await context.NewPageAsync();
        await PlaywrightPortal.OpenAsync(page, "/violations/new?culture=en");
        // Only choices made, nothing typed: the server sends the form back with its errors and the choices kept.
        await page.Locator("#category").SelectOptionAsync("VoteBuying");
        await page.Locator("#governorate").SelectOptionAsync("IQ-BG");
        await page.Locator("form[data-draft] button[type=submit]").ClickAsync();
        await page.Locator("#error-summary").WaitForAsync();

        // The connection never dropped: the page says what happened (the errors), not that a copy was put back.
        Assert.True(await page.Locator("#draft-status").IsHiddenAsync());
        Assert.Equal("", await page.Locator("#draft-status").TextContentAsync() ?? "");
        Assert.Equal("VoteBuying", await page.Locator("#category").InputValueAsync());
    }
}
