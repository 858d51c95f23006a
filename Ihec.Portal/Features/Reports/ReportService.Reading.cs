using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Infrastructure.Search;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Reports;

public sealed partial class ReportService
{
    /// <summary>Every report the reader may see in a list: endorsed ones for the public; published ones too for CSOs and editors.</summary>
    private static IQueryable<CsoReport> Listed(PortalDbContext db, ReportReader reader) =>
        reader.IsCso || reader.IsEditor
            ? db.Set<CsoReport>().AsNoTracking().Where(r => r.State == ReportState.Published)
            : db.Set<CsoReport>().AsNoTracking().Where(r => r.State == ReportState.Published && r.Listing == PublicListing.Endorsed);

    private static async Task<Dictionary<Guid, ReportOrganisation>> OrganisationsAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        (await db.Organisations.AsNoTracking().Select(o => new { o.Id, o.Reference, o.NameAr, o.NameCkb, o.NameEn }).ToListAsync(cancellationToken))
            .ToDictionary(o => o.Id, o => new ReportOrganisation(o.Id, o.Reference, o.NameAr, o.NameCkb, o.NameEn));

    private static async Task<ReportOrganisation> OrganisationAsync(PortalDbContext db, Guid id, CancellationToken cancellationToken) =>
        (await OrganisationsAsync(db, cancellationToken))[id];

    /// <summary>The reader's list with search words and facets. Whatever the words match, only reports the reader may see are shown.</summary>
    public async Task<ReportResults> BrowseAsync(ReportReader reader, ReportFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await Listed(db, reader)
            .Select(r => new { r.Id, r.OrganisationId, r.Governorates, r.Topics, r.Election, r.Language, r.Title, r.Summary, r.Body, r.Listing, r.PublishedAt })
            .ToListAsync(cancellationToken);
        HashSet<Guid>? matched = null;
        if (!string.IsNullOrWhiteSpace(filter.Query))
        {
            var words = filter.Query.Trim();
            words = words.Length > 200 ? words[..200] : words;
            // The public index (endorsed reports, language-aware analysis), then a plain text match over what only CSOs see.
            var hits = index.Search(new SearchRequest(words) { Source = ReportSearchSource.Name, Take = 1000 });
            matched = [.. hits.Hits.Select(h => Guid.TryParse(h.Key, out var id) ? id : Guid.Empty)];
            // Folded as the index folds (hamza forms, taa marbuta, tatweel, diacritics, digits), so both halves match alike.
            foreach (var row in rows.Where(r => r.Listing != PublicListing.Endorsed))
            {
                var folded = Shared.Text.ScriptFolding.Fold(words, row.Language);
                if (new[] { row.Title, row.Summary, row.Body }.Any(t => t is not null
                        && Shared.Text.ScriptFolding.Fold(t, row.Language).Contains(folded, StringComparison.OrdinalIgnoreCase)))
                {
                    matched.Add(row.Id);
                }
            }
        }

        var organisations = await OrganisationsAsync(db, cancellationToken);
        var matching = rows.Where(r =>
                (matched is null || matched.Contains(r.Id))
                && (filter.Organisation is null || organisations[r.OrganisationId].Reference == filter.Organisation)
                && (filter.Governorate is null || r.Governorates.Contains(filter.Governorate))
                && (filter.Topic is null || r.Topics.Contains(filter.Topic))
                && (filter.Election is null || r.Election == filter.Election)
                && (filter.Language is null || r.Language == filter.Language))
            .OrderByDescending(r => r.PublishedAt)
            .ToList();
        var facets = new ReportFacets(
            [.. matching.GroupBy(r => r.OrganisationId).Select(g => (organisations[g.Key], g.Count())).OrderByDescending(p => p.Item2)],
            [.. matching.SelectMany(r => r.Governorates).GroupBy(g => g).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count()))],
            [.. matching.SelectMany(r => r.Topics).GroupBy(t => t).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count()))],
            [.. matching.Where(r => r.Election is not null).GroupBy(r => r.Election!).OrderByDescending(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count()))],
            [.. matching.GroupBy(r => r.Language).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count()))]);
        var pages = Math.Max(1, (matching.Count + ReportFilter.PageSize - 1) / ReportFilter.PageSize);
        var page = Math.Clamp(filter.Page, 1, pages);
        var ids = matching.Skip((page - 1) * ReportFilter.PageSize).Take(ReportFilter.PageSize).Select(r => r.Id).ToList();
        var reports = await db.Set<CsoReport>().AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        return new ReportResults([.. ids.Select(id => new ReportListItem(reports[id], organisations[reports[id].OrganisationId]))], matching.Count, page, facets);
    }

    /// <summary>A report at its address for this reader: the text, or its tombstone once withdrawn; null when the reader may not see it.</summary>
    public async Task<ReportView?> FindAsync(ReportReader reader, string? slug, CancellationToken cancellationToken = default)
    {
        if (!ReportCatalog.IsSlug(slug))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var report = await db.Set<CsoReport>().AsNoTracking().AsSplitQuery().Include(r => r.Files).Include(r => r.Errata)
            .FirstOrDefaultAsync(r => r.Slug == slug, cancellationToken);
        return report is null ? null : await ViewAsync(db, reader, report, cancellationToken);
    }

    private static async Task<ReportView?> ViewAsync(PortalDbContext db, ReportReader reader, CsoReport report, CancellationToken cancellationToken)
    {
        var tombstone = ReportRules.CanSeeTombstone(reader, report);
        if (!tombstone && !ReportRules.CanRead(reader, report))
        {
            return null;
        }

        var organisation = await OrganisationAsync(db, report.OrganisationId, cancellationToken);
        if (tombstone)
        {
            return new ReportView(report, organisation, [], [], [], true);
        }

        var versions = await db.Set<ReportVersion>().AsNoTracking().Where(v => v.ReportId == report.Id)
            .OrderByDescending(v => v.VersionNumber).ToListAsync(cancellationToken);
        return new ReportView(report, organisation, [.. report.Files.OrderBy(f => f.AddedAt)], [.. report.Errata.OrderBy(e => e.CreatedAt)], versions, false);
    }

    /// <summary>An earlier published version of a report the reader may read.</summary>
    public async Task<(ReportView View, ReportVersion Version)?> FindVersionAsync(ReportReader reader, string? slug, int version, CancellationToken cancellationToken = default)
    {
        var view = await FindAsync(reader, slug, cancellationToken);
        if (view is null || view.IsTombstone || view.Versions.FirstOrDefault(v => v.VersionNumber == version) is not { } found)
        {
            return null;
        }

        return (view, found);
    }

    /// <summary>The organisation's own reports, drafts included, newest change first.</summary>
    public async Task<IReadOnlyList<CsoReport>> MineAsync(ReportReader reader, CancellationToken cancellationToken = default)
    {
        if (reader.OrganisationId is not { } organisation)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<CsoReport>().AsNoTracking().Where(r => r.OrganisationId == organisation)
            .OrderByDescending(r => r.UpdatedAt).ToListAsync(cancellationToken);
    }

    /// <summary>One of the organisation's own reports, in any state, for its writers and administrators.</summary>
    public async Task<ReportView?> OwnAsync(ReportReader reader, Guid id, CancellationToken cancellationToken = default)
    {
        if (reader.OrganisationId is not { } organisation)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var report = await db.Set<CsoReport>().AsNoTracking().AsSplitQuery().Include(r => r.Files).Include(r => r.Errata)
            .FirstOrDefaultAsync(r => r.Id == id && r.OrganisationId == organisation, cancellationToken);
        if (report is null)
        {
            return null;
        }

        var org = await OrganisationAsync(db, organisation, cancellationToken);
        var versions = await db.Set<ReportVersion>().AsNoTracking().Where(v => v.ReportId == id).OrderByDescending(v => v.VersionNumber).ToListAsync(cancellationToken);
        return new ReportView(report, org, [.. report.Files.OrderBy(f => f.AddedAt)], [.. report.Errata.OrderBy(e => e.CreatedAt)], versions, false);
    }

    /// <summary>Reports whose organisations asked for public listing, oldest request first (IHEC editors).</summary>
    public async Task<IReadOnlyList<ReportListItem>> ListingRequestsAsync(ReportReader reader, CancellationToken cancellationToken = default)
    {
        if (!reader.IsEditor)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var reports = await db.Set<CsoReport>().AsNoTracking()
            .Where(r => r.State == ReportState.Published && r.Listing == PublicListing.Requested)
            .ToListAsync(cancellationToken);
        var organisations = await OrganisationsAsync(db, cancellationToken);
        return [.. reports.OrderBy(r => r.ListingRequestedAt).Select(r => new ReportListItem(r, organisations[r.OrganisationId]))];
    }

    /// <summary>A published report for an IHEC editor deciding on its public listing.</summary>
    public async Task<ReportView?> ForDecisionAsync(ReportReader reader, Guid id, CancellationToken cancellationToken = default)
    {
        if (!reader.IsEditor)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var report = await db.Set<CsoReport>().AsNoTracking().AsSplitQuery().Include(r => r.Files).Include(r => r.Errata)
            .FirstOrDefaultAsync(r => r.Id == id && r.State == ReportState.Published, cancellationToken);
        return report is null ? null : await ViewAsync(db, reader, report, cancellationToken);
    }

    /// <summary>The newest reports endorsed for the public (feed, organisation profile), with their files.</summary>
    public async Task<IReadOnlyList<ReportListItem>> LatestPublicAsync(int count, string? organisationReference = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organisations = await OrganisationsAsync(db, cancellationToken);
        var query = Listed(db, ReportReader.Public);
        if (organisationReference is not null)
        {
            var id = organisations.Values.FirstOrDefault(o => o.Reference == organisationReference)?.Id;
            query = query.Where(r => r.OrganisationId == id);
        }

        var reports = await query.Include(r => r.Files).AsSplitQuery().ToListAsync(cancellationToken);
        return [.. reports.OrderByDescending(r => r.EndorsedAt).Take(count).Select(r => new ReportListItem(r, organisations[r.OrganisationId]))];
    }

    /// <summary>A report file when the reader may read the report: an image or attachment of a draft only for its own organisation.</summary>
    public async Task<(ReportFile File, Stream Content, bool IsPublic)?> OpenFileAsync(ReportReader reader, Guid fileId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var file = await db.Set<ReportFile>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, cancellationToken);
        if (file is null)
        {
            return null;
        }

        var report = await db.Set<CsoReport>().AsNoTracking().FirstAsync(r => r.Id == file.ReportId, cancellationToken);
        if (!ReportRules.CanRead(reader, report))
        {
            return null;
        }

        var content = await files.OpenAsync(file.FileId, cancellationToken);
        return content is null ? null : (file, content, report.IsPublic);
    }
}
