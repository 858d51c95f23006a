using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Ihec.Portal.Tests.Infrastructure;
using Ihec.Portal.Tests.Violations;
using Microsoft.Playwright;

namespace Ihec.Portal.Tests.EndToEnd;

/// <summary>
/// A violation from a phone to the public map, in the browser and in the three languages: a CSO member files it in
/// Arabic on a phone-sized screen with a photo and typed coordinates, IHEC monitoring verifies it in English, the member
/// sees it verified in Sorani, and a visitor finds it on the public map without who reported it or its exact position.
/// </summary>
[Collection(PlaywrightCollection.Name)]
public sealed class ViolationJourneyTests(PlaywrightPortal browser)
{
    private const string CategoryInEnglish = "Breach of ballot secrecy";

    private static void Phone(BrowserNewContextOptions options)
    {
        options.ViewportSize = new() { Width = 390, Height = 844 };
        options.IsMobile = true;
        options.HasTouch = true;
    }

    [Fact]
    public async Task A_report_filed_on_a_phone_is_verified_and_appears_anonymised_on_the_public_map()
    {
        // Near Kut (Wasit): a position of its own in this run, to find its row on the map by.
        var random = Random.Shared;
        var latitude = $"32.{random.Next(30, 70)}{random.Next(1, 4)}7";
        var longitude = $"45.{random.Next(70, 90)}{random.Next(1, 4)}3";
        var roundedLatitude = latitude[..5];
        var roundedLongitude = longitude[..5];
        var unique = Guid.NewGuid().ToString("N")[..6];
        var occurred = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(3)).AddDays(-1);

        // 1. The member files it in Arabic on a phone, with a pin on the map and a photo that carries its GPS position.
        await using var memberContext = await browser.NewContextAsync(Principal.CsoMember, "ar-IQ", Phone);
        var member = await memberContext.NewPageAsync();
        await PlaywrightPortal.OpenAsync(member, "/violations/new?culture=ar");
        Assert.Equal("ar", await member.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("rtl", await member.Locator("html").GetAttributeAsync("dir"));
        await member.Locator("#category").SelectOptionAsync("BallotSecrecy");
        await member.Locator("#occurred").FillAsync(occurred.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await member.Locator("#governorate").SelectOptionAsync("IQ-WA");
        await member.Locator("#district").FillAsync($"الكوت {unique}");
        await member.Locator("#station").FillAsync("120304-02");
        // A tap on the map drops the pin and fills the coordinates; the member then types the exact ones, which move it.
        await member.Locator("[data-pin-picker][data-state=ready]").WaitForAsync(new() { Timeout = 30_000 });
        await member.Locator("[data-pin-picker]").ClickAsync();
        Assert.InRange(double.Parse(await member.InputValueAsync("#latitude"), CultureInfo.InvariantCulture), 29, 37.5);
        Assert.InRange(double.Parse(await member.InputValueAsync("#longitude"), CultureInfo.InvariantCulture), 38.5, 49);
        Assert.Equal(1, await member.Locator("[data-pin-picker] path.map-pin").CountAsync());
        await member.Locator("#latitude").FillAsync(latitude);
        await member.Locator("#longitude").FillAsync(longitude);
        await member.Locator("#description").FillAsync($"تصوير أوراق الاقتراع داخل المحطة بالهاتف من قبل وكيل مرشح {unique}");
        await member.Locator("#evidence").SetInputFilesAsync(new FilePayload
        {
            Name = "IMG_0001.jpg",
            MimeType = "image/jpeg",
            Buffer = ViolationFlows.JpegWithGps(),
        });
        await member.Locator("#witnessed").CheckAsync();
        await member.Locator("#consent").CheckAsync();
        await member.Locator("form[enctype='multipart/form-data'] button[type=submit]").ClickAsync();
        await member.WaitForURLAsync("**/violations?filed=*");
        var reference = Regex.Match(await member.Locator("#filed-notice").InnerTextAsync(), @"V-\d{6}").Value;
        Assert.NotEmpty(reference);

        // The photo was kept, without its position.
        var report = await ViolationFlows.ReportAsync(browser.Portal, reference);
        Assert.True(report.PublicConsent);
        var evidence = Assert.Single(report.Evidence);
        var photo = await memberContext.APIRequest.GetAsync($"/violations/evidence/{evidence.Id}");
        Assert.Equal(200, photo.Status);
        var stored = Encoding.ASCII.GetString(await photo.BodyAsync());
        Assert.DoesNotContain("GPS", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("Exif", stored, StringComparison.Ordinal);

        // 2. IHEC monitoring finds it in the queue and verifies it, in English.
        await using var reviewerContext = await browser.NewContextAsync(Principal.IhecMonitoring, "en-GB");
        var reviewer = await reviewerContext.NewPageAsync();
        await PlaywrightPortal.OpenAsync(reviewer, "/ihec/violations?culture=en&governorate=IQ-WA&category=BallotSecrecy");
        await reviewer.Locator($"a:text-is('{reference}')").ClickAsync();
        await reviewer.WaitForURLAsync($"**/ihec/violations/{report.Id}*");
        await reviewer.Locator("h1", new() { HasText = reference }).WaitForAsync();
        Assert.Contains(unique, await reviewer.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await reviewer.Locator("#new-state").SelectOptionAsync("Verified");
        await reviewer.Locator("#state-reason").FillAsync("Confirmed by the Wasit office's observer at the station.");
        await reviewer.Locator("form:has(#new-state) button[type=submit]").ClickAsync();
        await reviewer.WaitForURLAsync("**done=State*");
        Assert.Contains("Verified", await reviewer.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);

        // 3. The member sees it verified, in Sorani, in the list and on the report's page.
        await PlaywrightPortal.OpenAsync(member, "/violations?culture=ckb");
        Assert.Equal("ckb", await member.Locator("html").GetAttributeAsync("lang"));
        var row = member.Locator("tbody tr", new() { HasText = reference });
        Assert.Contains("پشتڕاستکراوەتەوە", await row.InnerTextAsync(), StringComparison.Ordinal);
        await row.Locator($"a:text-is('{reference}')").ClickAsync();
        await member.WaitForURLAsync($"**/violations/{report.Id}*");
        // The link is followed by enhanced navigation: the address changes before the page does.
        var heading = member.Locator("h1", new() { HasText = reference });
        await heading.WaitForAsync();
        Assert.Contains("پشتڕاستکراوەتەوە", await heading.InnerTextAsync(), StringComparison.Ordinal);

        // 4. A visitor finds it on the map, rounded to the grid, with nothing that says who reported it.
        await using var visitorContext = await browser.NewContextAsync(Principal.Anonymous, "en-GB");
        var visitor = await visitorContext.NewPageAsync();
        var response = await PlaywrightPortal.OpenAsync(visitor, "/map?culture=en");
        Assert.Equal(200, response.Status);
        var point = visitor.Locator("#points-caption >> xpath=ancestor::table//tbody/tr")
            .Filter(new() { Has = visitor.Locator($"td:text-is('{roundedLatitude}')") })
            .Filter(new() { Has = visitor.Locator($"td:text-is('{roundedLongitude}')") });
        Assert.Equal(1, await point.CountAsync());
        var cells = await point.Locator("td").AllInnerTextsAsync();
        // The date, then what was reported and where.
        Assert.Equal([CategoryInEnglish, "Wasit", roundedLatitude, roundedLongitude], cells.Skip(1).Select(c => c.Trim()).ToArray());
        var page = await visitor.Locator("main").InnerTextAsync();
        foreach (var secret in new[] { "Tammuz", "تموز", "تەمموز", "Tammuz Observer", latitude, longitude, unique, reference })
        {
            Assert.DoesNotContain(secret, page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Use_my_location_fills_the_coordinates_from_the_device_and_says_so()
    {
        await using var context = await browser.NewContextAsync(Principal.CsoMember, "ar-IQ", options =>
        {
            Phone(options);
            options.Permissions = ["geolocation"];
            options.Geolocation = new() { Latitude = 35.4681f, Longitude = 44.3922f }; // Kirkuk
        });
        var page = await context.NewPageAsync();
        await PlaywrightPortal.OpenAsync(page, "/violations/new?culture=ar");
        var button = page.Locator("#use-location");
        Assert.Equal("button", await button.GetAttributeAsync("type"));
        Assert.Equal("استخدم موقعي الحالي", (await button.InnerTextAsync()).Trim());
        await button.ClickAsync();

        var status = page.Locator("#location-status[role=status]");
        await status.Filter(new() { HasText = "تم ملء خطي العرض والطول" }).WaitForAsync();
        Assert.Equal(35.4681, double.Parse(await page.Locator("#latitude").InputValueAsync(), CultureInfo.InvariantCulture), 4);
        Assert.Equal(44.3922, double.Parse(await page.Locator("#longitude").InputValueAsync(), CultureInfo.InvariantCulture), 4);
    }

    [Theory]
    [InlineData("ckb", "ڕێگە نەدرا پۆرتاڵەکە شوێنەکەت بزانێت")]
    [InlineData("en", "The portal was not allowed to know your location")]
    public async Task Use_my_location_says_when_the_position_is_refused_and_leaves_the_fields_alone(string language, string denied)
    {
        await using var context = await browser.NewContextAsync(Principal.CsoMember, configure: Phone);
        var page = await context.NewPageAsync();
        await PlaywrightPortal.OpenAsync(page, $"/violations/new?culture={language}");
        await page.Locator("#latitude").FillAsync("33.3152");
        await page.Locator("#use-location").ClickAsync();

        await page.Locator("#location-status[role=status]").Filter(new() { HasText = denied }).WaitForAsync();
        Assert.Equal("33.3152", await page.Locator("#latitude").InputValueAsync());
        Assert.Equal("", await page.Locator("#longitude").InputValueAsync());
    }

    [Fact]
    public async Task Without_script_the_location_button_is_not_shown_and_the_typed_fields_remain()
    {
        await using var context = await browser.NewContextAsync(Principal.CsoMember, configure: o => o.JavaScriptEnabled = false);
        var page = await context.NewPageAsync();
        await PlaywrightPortal.OpenAsync(page, "/violations/new?culture=en");
        Assert.False(await page.Locator("#use-location").IsVisibleAsync());
        Assert.True(await page.Locator("#latitude").IsVisibleAsync());
        Assert.True(await page.Locator("#longitude").IsVisibleAsync());
    }
}
