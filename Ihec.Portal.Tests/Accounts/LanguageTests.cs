using System.Net;
using Ihec.Portal.Tests.Infrastructure;

namespace Ihec.Portal.Tests.Accounts;

public sealed class LanguageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("ar", "rtl", "تسجيل الدخول")]
    [InlineData("ckb", "rtl", "چوونەژوورەوە")]
    [InlineData("en", "ltr", "Sign in")]
    public async Task Culture_query_sets_language_direction_and_text(string culture, string direction, string heading)
    {
        var page = await factory.CreateClient().GetDocumentAsync($"/account/login?culture={culture}");

        Assert.Equal(culture, page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(direction, page.DocumentElement.GetAttribute("dir"));
        Assert.Equal(heading, page.QuerySelector("h1")?.TextContent.Trim());
    }

    [Fact]
    public async Task Arabic_is_the_default_and_a_chosen_language_is_remembered_by_cookie()
    {
        var client = factory.CreateBrowserLikeClient();
        Assert.Equal("ar", (await client.GetDocumentAsync("/")).DocumentElement.GetAttribute("lang"));

        await client.GetAsync("/?culture=en");
        var next = await client.GetDocumentAsync("/account/login");

        Assert.Equal("en", next.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Accept_language_is_honoured()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ckb-IQ");

        var page = await client.GetDocumentAsync("/");

        Assert.Equal("ckb", page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Unknown_page_is_a_localised_404()
    {
        var response = await factory.CreateClient().GetAsync("/no-such-page?culture=en");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }
}
