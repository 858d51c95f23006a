using Bunit;
using Ihec.Portal.Components.Layout;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Ihec.Portal.Tests.Components;

public sealed class LanguageSwitcherTests : IDisposable
{
    private readonly BunitContext context = new();

    public LanguageSwitcherTests() => context.Services.AddLocalization(o => o.ResourcesPath = "Resources");

    [Theory]
    [InlineData("ar")]
    [InlineData("ckb")]
    [InlineData("en")]
    public void Offers_each_language_in_its_own_name_with_its_language_and_direction(string current)
    {
        using var _ = ResourceText.UseLanguage(current);

        var links = context.Render<LanguageSwitcher>().FindAll("a");

        Assert.Equal(["ar", "ckb", "en"], links.Select(a => a.GetAttribute("lang")));
        Assert.Equal(["ar", "ckb", "en"], links.Select(a => a.GetAttribute("hreflang")));
        Assert.Equal(["rtl", "rtl", "ltr"], links.Select(a => a.GetAttribute("dir")));
        // A language's name is written in that language, whatever the page's language is.
        Assert.Equal(["العربية", "کوردی", "English"], links.Select(a => a.TextContent.Trim()));
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("ckb")]
    [InlineData("en")]
    public void Marks_the_current_language_and_only_it(string current)
    {
        using var _ = ResourceText.UseLanguage(current);

        var links = context.Render<LanguageSwitcher>().FindAll("a");

        Assert.Equal("true", links.Single(a => a.GetAttribute("lang") == current).GetAttribute("aria-current"));
        Assert.All(links.Where(a => a.GetAttribute("lang") != current), a => Assert.False(a.HasAttribute("aria-current")));
    }

    [Fact]
    public void Is_a_navigation_landmark_labelled_in_the_page_language()
    {
        using var _ = ResourceText.UseLanguage("ckb");

        var nav = context.Render<LanguageSwitcher>().Find("nav");

        Assert.Equal(ResourceText.Get("SharedText", "ckb", "LanguageSwitcherLabel"), nav.GetAttribute("aria-label"));
    }

    [Fact]
    public void Keeps_the_other_query_parameters_and_replaces_the_language()
    {
        using var _ = ResourceText.UseLanguage("en");
        context.Services.GetRequiredService<NavigationManager>().NavigateTo("/admin/audit?actor=admin%40demo.ihec.iq&page=2&culture=en");

        var links = context.Render<LanguageSwitcher>().FindAll("a");

        foreach (var link in links)
        {
            var uri = new Uri(link.GetAttribute("href")!);
            var query = QueryHelpers.ParseQuery(uri.Query);
            Assert.Equal("/admin/audit", uri.AbsolutePath);
            Assert.Equal("admin@demo.ihec.iq", query["actor"].ToString());
            Assert.Equal("2", query["page"].ToString());
            Assert.Equal(link.GetAttribute("lang"), Assert.Single(query["culture"]));
        }
    }

    [Fact]
    public void Links_load_a_whole_page_so_the_direction_changes_with_the_language()
    {
        using var _ = ResourceText.UseLanguage("ar");

        var links = context.Render<LanguageSwitcher>().FindAll("a");

        Assert.All(links, a => Assert.Equal("false", a.GetAttribute("data-enhance-nav")));
    }

    public void Dispose() => context.Dispose();
}
