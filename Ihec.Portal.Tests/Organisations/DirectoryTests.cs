using System.Net;
using Ihec.Portal.Tests.Infrastructure;
using static Ihec.Portal.Tests.Organisations.OrganisationFlows;

namespace Ihec.Portal.Tests.Organisations;

public sealed class DirectoryTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Directory_lists_only_accredited_organisations()
    {
        var pending = await ApplyAsync(factory, Unique());
        var visitor = factory.CreateBrowserLikeClient();

        var page = await visitor.GetDocumentAsync("/organisations?culture=en");

        var names = page.QuerySelectorAll("tbody th a").Select(a => a.TextContent).ToList();
        Assert.Contains("Tammuz Election Observation Network", names);
        Assert.Contains("Kirkuk Women's Participation Association", names);
        Assert.Contains("Erbil Access and Disability Organisation", names);
        Assert.DoesNotContain("Anbar Youth for Democracy", names);
        Assert.DoesNotContain(names, n => n.Contains("Test Organisation", StringComparison.Ordinal));
        Assert.DoesNotContain(pending, await visitor.GetStringAsync("/organisations"));
        Assert.NotNull(page.QuerySelector("table caption"));
        Assert.Single(page.QuerySelectorAll("h1"));
    }

    [Theory]
    [InlineData("governorate=IQ-KI", "Kirkuk Women's Participation Association")]
    [InlineData("focus=PersonsWithDisabilities", "Erbil Access and Disability Organisation")]
    [InlineData("governorate=IQ-BG&focus=Observation", "Tammuz Election Observation Network")]
    public async Task Directory_filters_by_governorate_and_area_of_work(string query, string only)
    {
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync($"/organisations?culture=en&{query}");

        Assert.Equal([only], page.QuerySelectorAll("tbody th a").Select(a => a.TextContent));
    }

    [Theory]
    [InlineData("ar", "شبكة تموز لمراقبة الانتخابات", "بغداد")]
    [InlineData("ckb", "تۆڕی تەمموز بۆ چاودێریکردنی هەڵبژاردن", "بەغدا")]
    [InlineData("en", "Tammuz Election Observation Network", "Baghdad")]
    public async Task Directory_shows_names_and_governorates_in_the_reader_language(string culture, string name, string governorate)
    {
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync($"/organisations?culture={culture}&governorate=IQ-BG");

        var row = Assert.Single(page.QuerySelectorAll("tbody tr"));
        Assert.Equal(name, row.QuerySelector("th a")?.TextContent);
        Assert.Contains(governorate, row.TextContent);
    }

    [Fact]
    public async Task Public_profile_shows_an_accredited_organisation_without_its_application_contact()
    {
        var response = await factory.CreateBrowserLikeClient().GetAsync("/organisations/CSO-DEMO-0001?culture=en");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("Tammuz Election Observation Network", (await response.ParseAsync()).QuerySelector("h1")?.TextContent);
        Assert.DoesNotContain("contact@cso-demo-0001.demo", html);
        Assert.DoesNotContain("+9647700000", html);
        Assert.DoesNotContain("NGO-1A-00101", html);
    }

    [Theory]
    [InlineData("CSO-DEMO-0004")]
    [InlineData("CSO-2099-00001")]
    [InlineData("no-such-organisation")]
    public async Task Public_profile_of_anything_but_an_accredited_organisation_is_not_found(string reference)
    {
        var response = await factory.CreateBrowserLikeClient().GetAsync($"/organisations/{reference}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Anbar", await response.Content.ReadAsStringAsync());
    }
}
