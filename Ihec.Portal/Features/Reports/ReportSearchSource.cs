using System.Runtime.CompilerServices;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Infrastructure.Search;
using Ihec.Portal.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Reports;

/// <summary>
/// Reports in the shared public index: only those published and endorsed for the public. Reports published to CSOs
/// only never enter it; the CSO view searches them in the database, behind the reader's visibility rule.
/// </summary>
public sealed class ReportSearchSource(IDbContextFactory<PortalDbContext> dbFactory, MarkdownRenderer markdown) : ISearchSource
{
    public const string Name = "reports";

    public string Source => Name;

    public async IAsyncEnumerable<SearchDocument> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<CsoReport>().AsNoTracking()
            .Where(r => r.State == ReportState.Published && r.Listing == PublicListing.Endorsed)
            .Join(db.Organisations, r => r.OrganisationId, o => o.Id, (r, o) => new { Report = r, o.Reference, o.NameAr, o.NameCkb, o.NameEn })
            .ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            yield return ToSearchDocument(row.Report, row.Reference, row.NameAr, row.NameCkb, row.NameEn);
        }
    }

    public SearchDocument ToSearchDocument(CsoReport r, string organisation, string nameAr, string nameCkb, string nameEn)
    {
        if (!r.IsPublic)
        {
            throw new InvalidOperationException("Only reports endorsed for the public belong in the public index.");
        }

        var facets = new Dictionary<string, IReadOnlyList<string>>
        {
            ["organisation"] = [organisation],
            ["governorate"] = r.Governorates,
            ["topic"] = r.Topics,
            ["language"] = [r.Language],
        };
        if (r.Election is not null)
        {
            facets["election"] = [r.Election];
        }

        // The organisation's names are searchable in every language.
        var body = string.Join("\n\n", new[] { r.Summary, markdown.ToPlainText(r.Body), nameAr, nameCkb, nameEn }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return new SearchDocument(Name, r.Id.ToString(), "/reports/" + r.Slug, r.UpdatedAt, [new SearchText(r.Language, r.Title, body)], facets);
    }
}
