using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ihec.Portal.Features.Rumours;
using Ihec.Portal.Tests.Infrastructure;

namespace Ihec.Portal.Tests.Integration;

/// <summary>The portal at a public address of its own, which no request names (requests arrive for <c>localhost</c>).</summary>
public sealed class PublicAddressPortal : PortalFactory
{
    public const string Base = "https://portal.example.iq";

    // With a trailing slash, as a deployment may write it.
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Portal:PublicBaseUrl"] = Base + "/" };
}

/// <summary>
/// #22 items 1 and 5: robots.txt, and every absolute link of the machine-readable surfaces (sitemap, feeds, calendar,
/// robots.txt, canonical links, ClaimReview) from <c>Portal:PublicBaseUrl</c>; ClaimReview's claim author and rating name.
/// </summary>
public sealed partial class PublicAddressTests(PublicAddressPortal portal) : IClassFixture<PublicAddressPortal>
{
    [Fact]
    public async Task Robots_txt_points_to_the_sitemap_at_the_public_address()
    {
        var lines = await RobotsAsync();

        Assert.Equal("User-agent: *", lines[0]);
        Assert.Contains($"Sitemap: {PublicAddressPortal.Base}/sitemap.xml", lines);
    }

    [Fact]
    public async Task Robots_txt_disallows_every_private_area_and_no_public_page()
    {
        var lines = await RobotsAsync();

        var disallowed = lines.Where(l => l.StartsWith("Disallow: ", StringComparison.Ordinal)).Select(l => l["Disallow: ".Length..]).ToList();
        Assert.Superset(new HashSet<string> { "/ihec", "/admin", "/my-organisation", "/account/manage", "/reports/mine", "/tapes" }, disallowed.ToHashSet());

        // Checked against the test's own route table: what sends a visitor to sign in is disallowed, what anyone may
        // read is not.
        bool Covered(string url)
        {
            var path = url.Split('?')[0];
            return disallowed.Any(p => path == p || path.StartsWith(p + "/", StringComparison.Ordinal));
        }

        var gets = PortalRoutes.All.Where(r => r.Method == "GET").ToList();
        Assert.All(gets.Where(r => r.For(Principal.Anonymous) == Outcome.SignIn), r => Assert.True(Covered(r.UrlFor(portal)), $"{r.Key} is private but not disallowed."));
        Assert.All(gets.Where(r => r.For(Principal.Anonymous) == Outcome.Allowed), r => Assert.False(Covered(r.UrlFor(portal)), $"{r.Key} is public but disallowed."));
    }

    private async Task<string[]> RobotsAsync()
    {
        var response = await portal.CreateClient().GetAsync("/robots.txt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    [Theory]
    [InlineData("/sitemap.xml")]
    [InlineData("/robots.txt")]
    [InlineData("/reports/feed.atom")]
    [InlineData("/fact-checks/feed.atom")]
    [InlineData("/library/feed.atom")]
    [InlineData("/library/decisions/feed.atom")]
    [InlineData("/library/calendar.ics")]
    [InlineData("/fact-checks/r-000003")]
    [InlineData("/reports/r-de0000000001")]
    [InlineData("/library/decisions/2025/12")]
    public async Task Every_absolute_link_the_portal_writes_starts_with_the_configured_public_address(string path)
    {
        var response = await portal.CreateClient().GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();

        // In a page: its canonical link, its JSON-LD and the "printed from" address (the navigation's own links are
        // relative or follow the request, as a browser needs them).
        if (response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            var page = await portal.CreateClient().GetDocumentAsync(path);
            body = string.Join("\n", page.QuerySelectorAll("link[rel=canonical]").Select(l => l.GetAttribute("href"))
                .Concat(page.QuerySelectorAll("script[type='application/ld+json'], .print-only").Select(e => e.TextContent)));
        }

        var links = AbsoluteLink().Matches(body).Select(m => m.Value).Where(l => !External.Contains(new Uri(l).Host)).ToList();
        Assert.NotEmpty(links);
        Assert.DoesNotContain("localhost", body, StringComparison.Ordinal);
        Assert.All(links, l => Assert.StartsWith(PublicAddressPortal.Base + "/", l));
    }

    /// <summary>Other sites' addresses: the formats' namespaces, IHEC's own site as the publisher, the claims' appearances.</summary>
    private static readonly HashSet<string> External =
        ["www.w3.org", "schema.org", "www.sitemaps.org", "ihec.iq", "www.ihec.iq", "www.facebook.com", "t.me", "x.com", "www.youtube.com"];

    [Theory]
    [InlineData("ar")]
    [InlineData("ckb")]
    [InlineData("en")]
    public async Task ClaimReview_names_the_claims_author_and_the_ratings_name_in_the_pages_language(string language)
    {
        var verdict = portal.CreateDbContext().Set<FactCheck>().Single(f => f.Slug == "r-000003").Verdict;

        var page = await portal.CreateClient().GetDocumentAsync($"/fact-checks/r-000003?culture={language}");

        var review = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        var author = review.GetProperty("itemReviewed").GetProperty("author");
        Assert.Contains(author.GetProperty("@type").GetString(), new[] { "Organization", "Person" });
        Assert.Equal(ResourceText.Get("Features/Rumours/RumoursText", language, "ClaimSourceUnknown"), author.GetProperty("name").GetString());
        var verdictName = ResourceText.Get("Features/Rumours/RumoursText", language, "Verdict_" + verdict);
        Assert.Equal(verdictName, review.GetProperty("reviewRating").GetProperty("name").GetString());
        Assert.Equal(verdictName, review.GetProperty("reviewRating").GetProperty("alternateName").GetString());
        Assert.Equal($"{PublicAddressPortal.Base}/fact-checks/r-000003", review.GetProperty("url").GetString());
        Assert.Equal($"{PublicAddressPortal.Base}/fact-checks/r-000003", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
    }

    [GeneratedRegex(@"https?://[^\s""'<>]+")]
    private static partial Regex AbsoluteLink();
}
