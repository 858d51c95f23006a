using Ihec.Portal.Shared.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Organisations;

public sealed partial class OrganisationService
{
    /// <summary>The public directory: accredited organisations only, sorted by their name in the reader's language.</summary>
    public async Task<IReadOnlyList<DirectoryEntry>> ListAccreditedAsync(DirectoryFilter filter, string culture, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Organisations.AsNoTracking().Where(o => o.Status == OrganisationStatus.Accredited);
        if (Governorates.IsKnown(filter.Governorate))
        {
            var code = filter.Governorate!;
            query = query.Where(o => o.Governorates.Contains(code));
        }

        if (filter.FocusArea is { } area && Enum.IsDefined(area))
        {
            query = query.Where(o => o.FocusAreas.Contains(area));
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = "%" + EscapeLike(filter.Search.Trim()) + "%";
            query = query.Where(o => EF.Functions.Like(o.NameAr, pattern, "\\") || EF.Functions.Like(o.NameCkb, pattern, "\\")
                || EF.Functions.Like(o.NameEn, pattern, "\\"));
        }

        var entries = await query
            .Select(o => new DirectoryEntry(o.Reference, o.NameAr, o.NameCkb, o.NameEn, o.Governorates, o.FocusAreas))
            .ToListAsync(cancellationToken);
        var comparer = StringComparer.Create(Infrastructure.Localisation.Cultures.CultureFor(culture), ignoreCase: true);
        return [.. entries.OrderBy(e => e.NameFor(culture), comparer)];
    }

    /// <summary>An accredited organisation's public profile; null for any other reference (applications are not public).</summary>
    public async Task<PublicProfile?> GetPublicProfileAsync(string? reference, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reference) || reference.Length > 32)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Organisations.AsNoTracking()
            .Where(o => o.Reference == reference && o.Status == OrganisationStatus.Accredited)
            .Select(o => new PublicProfile(o.Reference, o.NameAr, o.NameCkb, o.NameEn, o.DescriptionAr, o.DescriptionCkb, o.DescriptionEn,
                o.Website, o.PublicEmail, o.Governorates, o.FocusAreas, o.AccreditedAt))
            .FirstOrDefaultAsync(cancellationToken);
    }
}
