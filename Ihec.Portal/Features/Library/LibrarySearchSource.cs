using System.Runtime.CompilerServices;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Infrastructure.Search;
using Ihec.Portal.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Library;

/// <summary>Published library documents as search-index items (title, summary and body per language; facets).</summary>
public sealed class LibrarySearchSource(IDbContextFactory<PortalDbContext> dbFactory, MarkdownRenderer markdown) : ISearchSource
{
    public const string Name = "library";

    public string Source => Name;

    public async IAsyncEnumerable<SearchDocument> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await foreach (var document in db.Set<LibraryDocument>().AsNoTracking().Where(d => d.IsPublished).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return ToSearchDocument(document);
        }
    }

    public SearchDocument ToSearchDocument(LibraryDocument d)
    {
        var facets = new Dictionary<string, IReadOnlyList<string>>
        {
            ["kind"] = [LibraryCatalog.Slug(d.Kind)],
            ["year"] = [d.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            ["status"] = [d.Status.ToString()],
            ["topic"] = d.Topics,
        };
        if (d.Election is not null)
        {
            facets["election"] = [d.Election];
        }

        // The number is searchable in every language ("45/2023").
        var number = $"{d.Number} {d.Year}";
        var texts = d.Texts().Select(t => new SearchText(t.Language, t.Title,
            string.Join("\n\n", new[] { t.Summary, markdown.ToPlainText(t.Body), number }.Where(s => !string.IsNullOrWhiteSpace(s))))).ToList();
        return new SearchDocument(Name, d.Id.ToString(), LibraryCatalog.Permalink(d), d.UpdatedAt, texts, facets);
    }
}
