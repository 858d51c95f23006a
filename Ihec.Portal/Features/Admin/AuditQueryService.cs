using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Shared.Auditing;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Admin;

public sealed record AuditFilter(string? Actor, string? Action, string? Entity, DateOnly? From, DateOnly? To, int Page = 1)
{
    public const int PageSize = 50;
}

public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Total, int Page, IReadOnlyList<string> Actions)
{
    public int Pages => Math.Max(1, (Total + AuditFilter.PageSize - 1) / AuditFilter.PageSize);
}

/// <summary>Reads the audit log. There is deliberately no way to change or delete an entry.</summary>
public sealed class AuditQueryService(IDbContextFactory<PortalDbContext> dbFactory)
{
    private static readonly TimeSpan IraqOffset = TimeSpan.FromHours(3);

    public async Task<AuditPage> QueryAsync(AuditFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var actor = filter.Actor.Trim();
            query = query.Where(e => e.ActorName.Contains(actor));
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(e => e.Action == filter.Action);
        }

        if (!string.IsNullOrWhiteSpace(filter.Entity))
        {
            var entity = filter.Entity.Trim();
            query = query.Where(e => e.EntityType.Contains(entity) || (e.EntityId != null && e.EntityId.Contains(entity)));
        }

        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), IraqOffset);
            query = query.Where(e => e.At >= start);
        }

        if (filter.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), IraqOffset);
            query = query.Where(e => e.At < end);
        }

        var total = await query.CountAsync(cancellationToken);
        var page = Math.Clamp(filter.Page, 1, Math.Max(1, (total + AuditFilter.PageSize - 1) / AuditFilter.PageSize));
        var entries = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((page - 1) * AuditFilter.PageSize).Take(AuditFilter.PageSize).ToListAsync(cancellationToken);
        var actions = await db.AuditEntries.Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
        return new AuditPage(entries, total, page, actions);
    }
}
