using Ihec.Portal.Tests.Infrastructure;

namespace Ihec.Portal.Tests.Integration;

/// <summary>
/// Counts on the portal's pages (issue #19 item 7) in Arabic, Sorani and English, each in the plural form of the
/// number the page shows: the reports list, the library search, the organisation directory, the audit log and the
/// relations division's application queue.
/// </summary>
public sealed class CountedPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public static TheoryData<string> Languages() => new("ar", "ckb", "en");

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Public_pages_write_their_counts_with_the_plural_forms(string language)
    {
        var client = factory.CreateClient();

        // Nothing found: Arabic's zero form ("لا تقارير"), "0 reports" in English.
        var none = await client.GetDocumentAsync($"/reports?q=zzqqxx&culture={language}");
        Assert.Contains(none.QuerySelectorAll("[role=status]"), p => p.TextContent == ResourceText.Counted("Features/Reports/ReportsText", language, "ResultCount", 0));

        var search = await client.GetDocumentAsync($"/library/search?q=zzqqxx&culture={language}");
        Assert.Contains(search.QuerySelectorAll("[role=status]"), p => p.TextContent == ResourceText.Counted("Features/Library/LibraryText", language, "SearchResultCount", 0, "zzqqxx"));

        // The directory: as many accredited organisations as rows, in that number's form (three in the demo).
        var directory = await client.GetDocumentAsync($"/organisations?culture={language}");
        var rows = directory.QuerySelectorAll("table.data-table tbody tr").Length;
        Assert.Equal(3, rows);
        Assert.Contains(directory.QuerySelectorAll("[role=status]"), p => p.TextContent == ResourceText.Counted("Features/Organisations/OrganisationsText", language, "DirectoryCount", rows));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Staff_pages_write_their_counts_with_the_plural_forms(string language)
    {
        var admin = await factory.SignedInClientAsync("admin@demo.ihec.iq");
        var audit = await admin.GetDocumentAsync($"/admin/audit?actor=nobody-at-all%40example.org&culture={language}");
        Assert.Contains(audit.QuerySelectorAll("[role=status]"), p => p.TextContent == ResourceText.Counted("Features/Admin/AdminText", language, "ResultCount", 0));

        var relations = await factory.SignedInClientAsync("relations@demo.ihec.iq");
        var queue = await relations.GetDocumentAsync($"/ihec/organisations?culture={language}");
        var status = queue.QuerySelectorAll("[role=status]").Select(p => p.TextContent).ToList();
        Assert.Contains(status, s => Enumerable.Range(0, 20).Any(n => s == ResourceText.Counted("Features/Organisations/OrganisationsText", language, "ResultCount", n)));
    }
}
