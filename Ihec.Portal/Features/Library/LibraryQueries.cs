using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Infrastructure.Files;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Library;

public sealed record LibraryFilter(DocumentKind? Kind = null, int? Year = null, DocumentStatus? Status = null, string? Topic = null, string? Election = null, int Page = 1)
{
    public const int PageSize = 20;
}

public sealed record LibraryFacets(
    IReadOnlyList<(DocumentKind Value, int Count)> Kinds,
    IReadOnlyList<(int Value, int Count)> Years,
    IReadOnlyList<(DocumentStatus Value, int Count)> Statuses,
    IReadOnlyList<(string Value, int Count)> Topics,
    IReadOnlyList<(string Value, int Count)> Elections);

public sealed record LibraryPage(IReadOnlyList<LibraryDocument> Items, int Total, int Page, LibraryFacets Facets)
{
    public int Pages => Math.Max(1, (Total + LibraryFilter.PageSize - 1) / LibraryFilter.PageSize);
}

public sealed record DocumentView(
    LibraryDocument Document,
    IReadOnlyList<LibraryVersion> Versions,
    IReadOnlyList<RelationView> Relations,
    IReadOnlyList<LibraryAttachment> Attachments,
    IReadOnlyList<LibraryMilestone> Milestones);

public sealed record DiffLine(ChangeType Change, string Text);

public sealed record FieldDiff(string Field, IReadOnlyList<DiffLine> Lines)
{
    public bool HasChanges => Lines.Any(l => l.Change != ChangeType.Unchanged);
}

public sealed record CalendarEntry(LibraryMilestone Milestone, LibraryDocument Plan);

/// <summary>What readers (anyone, no sign-in) can see: published documents, their public versions, files and milestones.</summary>
public sealed class LibraryQueries(IDbContextFactory<PortalDbContext> dbFactory, IFileStorage files)
{
    public async Task<LibraryPage> BrowseAsync(LibraryFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The library is hundreds to a few thousand documents: facets are counted over a narrow projection in memory.
        var rows = await db.Set<LibraryDocument>().AsNoTracking().Where(d => d.IsPublished)
            .Select(d => new { d.Id, d.Kind, d.Year, d.Status, d.Topics, d.Election, d.Number, d.EffectiveDate, d.UpdatedAt })
            .ToListAsync(cancellationToken);
        var matching = rows.Where(r =>
                (filter.Kind is null || r.Kind == filter.Kind)
                && (filter.Year is null || r.Year == filter.Year)
                && (filter.Status is null || r.Status == filter.Status)
                && (filter.Topic is null || r.Topics.Contains(filter.Topic))
                && (filter.Election is null || r.Election == filter.Election))
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.EffectiveDate).ThenByDescending(r => r.UpdatedAt)
            .ToList();
        var facets = new LibraryFacets(
            [.. matching.GroupBy(r => r.Kind).OrderBy(g => g.Key).Select(g => (g.Key, g.Count()))],
            [.. matching.GroupBy(r => r.Year).OrderByDescending(g => g.Key).Select(g => (g.Key, g.Count()))],
            [.. matching.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => (g.Key, g.Count()))],
            [.. matching.SelectMany(r => r.Topics).GroupBy(t => t).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count()))],
            [.. matching.Where(r => r.Election is not null).GroupBy(r => r.Election!).OrderByDescending(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count()))]);
        var pages = Math.Max(1, (matching.Count + LibraryFilter.PageSize - 1) / LibraryFilter.PageSize);
        var page = Math.Clamp(filter.Page, 1, pages);
        var ids = matching.Skip((page - 1) * LibraryFilter.PageSize).Take(LibraryFilter.PageSize).Select(r => r.Id).ToList();
        var documents = await db.Set<LibraryDocument>().AsNoTracking().Where(d => ids.Contains(d.Id)).ToListAsync(cancellationToken);
        var items = ids.Select(id => documents.First(d => d.Id == id)).ToList();
        return new LibraryPage(items, matching.Count, page, facets);
    }

    public async Task<DocumentView?> FindAsync(DocumentKind kind, int year, string number, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var document = await db.Set<LibraryDocument>().AsNoTracking().AsSplitQuery()
            .Include(d => d.Attachments).Include(d => d.Milestones)
            .FirstOrDefaultAsync(d => d.Kind == kind && d.Year == year && d.Number == number && d.IsPublished, cancellationToken);
        if (document is null)
        {
            return null;
        }

        var versions = await db.Set<LibraryVersion>().AsNoTracking()
            .Where(v => v.DocumentId == document.Id && v.PublishedAt != null)
            .OrderByDescending(v => v.VersionNumber).ToListAsync(cancellationToken);
        var relations = await RelationsAsync(db, document.Id, publishedOnly: true, cancellationToken);
        return new DocumentView(document, versions, relations,
            [.. document.Attachments.OrderBy(a => a.AddedAt)], [.. document.Milestones.OrderBy(m => m.Date)]);
    }

    internal static async Task<IReadOnlyList<RelationView>> RelationsAsync(PortalDbContext db, Guid id, bool publishedOnly, CancellationToken cancellationToken)
    {
        var relations = await db.Set<LibraryRelation>().AsNoTracking()
            .Where(r => r.FromDocumentId == id || r.ToDocumentId == id).ToListAsync(cancellationToken);
        var otherIds = relations.Select(r => r.FromDocumentId == id ? r.ToDocumentId : r.FromDocumentId).Distinct().ToList();
        var others = await db.Set<LibraryDocument>().AsNoTracking()
            .Where(d => otherIds.Contains(d.Id) && (!publishedOnly || d.IsPublished)).ToDictionaryAsync(d => d.Id, cancellationToken);
        return
        [
            .. relations
                .Where(r => others.ContainsKey(r.FromDocumentId == id ? r.ToDocumentId : r.FromDocumentId))
                .OrderBy(r => r.CreatedAt)
                .Select(r => new RelationView(r.Id, r.Kind, others[r.FromDocumentId == id ? r.ToDocumentId : r.FromDocumentId], r.FromDocumentId == id)),
        ];
    }

    /// <summary>The differences between two public versions of a document, field by field, line by line, in one language.</summary>
    public static IReadOnlyList<FieldDiff> Diff(LibraryVersion older, LibraryVersion newer, string language)
    {
        var a = older.Text(language) ?? older.Text("ar")!;
        var b = newer.Text(language) ?? newer.Text("ar")!;
        return
        [
            Lines("Title", a.Title, b.Title),
            Lines("Summary", a.Summary ?? "", b.Summary ?? ""),
            Lines("Body", a.Body, b.Body),
            Lines("Status", older.Status.ToString(), newer.Status.ToString()),
            Lines("EffectiveDate", older.EffectiveDate?.ToString("yyyy-MM-dd") ?? "", newer.EffectiveDate?.ToString("yyyy-MM-dd") ?? ""),
        ];
    }

    private static FieldDiff Lines(string field, string before, string after)
    {
        var model = InlineDiffBuilder.Diff(before, after, ignoreWhiteSpace: false);
        return new FieldDiff(field, [.. model.Lines.Select(l => new DiffLine(l.Type, l.Text ?? ""))]);
    }

    public async Task<IReadOnlyList<CalendarEntry>> CalendarAsync(int? year, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var plans = await db.Set<LibraryDocument>().AsNoTracking().Include(d => d.Milestones)
            .Where(d => d.IsPublished && d.Milestones.Any()).ToListAsync(cancellationToken);
        return
        [
            .. plans.SelectMany(p => p.Milestones.Select(m => new CalendarEntry(m, p)))
                .Where(e => year is null || e.Milestone.Date.Year == year || e.Milestone.EndDate?.Year == year)
                .OrderBy(e => e.Milestone.Date).ThenBy(e => e.Milestone.TitleAr, StringComparer.Ordinal),
        ];
    }

    /// <summary>The most recently changed published documents, optionally of one kind (for feeds).</summary>
    public async Task<IReadOnlyList<LibraryDocument>> LatestAsync(DocumentKind? kind, int count, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Set<LibraryDocument>().AsNoTracking().Where(d => d.IsPublished);
        if (kind is not null)
        {
            query = query.Where(d => d.Kind == kind);
        }

        return await query.OrderByDescending(d => d.UpdatedAt).Take(count).ToListAsync(cancellationToken);
    }

    /// <summary>Every published document's address and last change, without its text (for the sitemap).</summary>
    public async Task<IReadOnlyList<(string Path, DateTimeOffset Updated)>> PermalinksAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<LibraryDocument>().AsNoTracking().Where(d => d.IsPublished)
            .Select(d => new { d.Kind, d.Year, d.Number, d.UpdatedAt }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (LibraryCatalog.Permalink(r.Kind, r.Year, r.Number), r.UpdatedAt))];
    }

    /// <summary>An attachment's content when the reader may have it: the document is published, or the reader is an editor.</summary>
    public async Task<(LibraryAttachment Attachment, Stream Content)?> OpenAttachmentAsync(Guid attachmentId, bool editor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.Set<LibraryAttachment>().AsNoTracking()
            .Join(db.Set<LibraryDocument>(), a => a.DocumentId, d => d.Id, (a, d) => new { Attachment = a, d.IsPublished })
            .FirstOrDefaultAsync(x => x.Attachment.Id == attachmentId, cancellationToken);
        if (found is null || (!found.IsPublished && !editor))
        {
            return null;
        }

        var stream = await files.OpenAsync(found.Attachment.FileId, cancellationToken);
        return stream is null ? null : (found.Attachment, stream);
    }
}
