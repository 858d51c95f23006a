using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Rumours;

public sealed partial class RumourService
{
    public const int FactCheckPageSize = 20;

    /// <summary>Published answers, newest first; optionally only one verdict.</summary>
    public async Task<FactCheckListView> FactChecksAsync(int page, RumourVerdict? verdict, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Set<FactCheck>().AsNoTracking();
        if (verdict is { } v)
        {
            query = query.Where(f => f.Verdict == v);
        }

        var total = await query.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + FactCheckPageSize - 1) / FactCheckPageSize);
        page = Math.Clamp(page, 1, pageCount);
        // SQLite cannot order by DateTimeOffset: order in memory over the ids and dates only.
        var order = await query.Select(f => new { f.Id, f.PublishedAt }).ToListAsync(cancellationToken);
        var ids = order.OrderByDescending(f => f.PublishedAt).Skip((page - 1) * FactCheckPageSize).Take(FactCheckPageSize).Select(f => f.Id).ToList();
        var items = await db.Set<FactCheck>().AsNoTracking().Where(f => ids.Contains(f.Id)).ToListAsync(cancellationToken);
        return new FactCheckListView(items.OrderByDescending(f => f.PublishedAt).ToList(), page, pageCount, total);
    }

    public async Task<FactCheck?> FactCheckAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var normalised = slug.ToLowerInvariant();
        return await db.Set<FactCheck>().AsNoTracking().FirstOrDefaultAsync(f => f.Slug == normalised, cancellationToken);
    }
}
