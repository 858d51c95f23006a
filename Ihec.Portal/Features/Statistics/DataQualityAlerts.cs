using System.Text.Json;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Shared.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Statistics;

/// <summary>Raises, closes and lists data-quality alerts about the engine's payloads.</summary>
public sealed partial class DataQualityAlerts(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock, ILogger<DataQualityAlerts> logger)
{
    private const int MaxViolationsKept = 200;

    /// <summary>Records a problem; a repeat of an open alert (same kind, source, election, station) only counts up.</summary>
    public async Task RaiseAsync(AlertKind kind, string source, string electionId, string? subject, string detail,
        IReadOnlyList<InvariantViolation>? violations = null, int? httpStatus = null, CancellationToken cancellationToken = default)
    {
        LogAlert(logger, kind, source, electionId, subject, detail);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var open = await db.Set<DataQualityAlert>()
            .Where(a => a.ResolvedAt == null && a.Kind == kind && a.Source == source && a.ElectionId == electionId && a.Subject == subject)
            .OrderByDescending(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        var violationsJson = violations is { Count: > 0 } ? JsonSerializer.Serialize(violations.Take(MaxViolationsKept), TallyJson.Options) : null;
        detail = detail.Length > 4000 ? detail[..4000] : detail;
        if (open is null)
        {
            db.Add(new DataQualityAlert
            {
                Kind = kind, Source = source, ElectionId = electionId, Subject = subject, RaisedAt = now, LastSeenAt = now,
                Detail = detail, ViolationsJson = violationsJson, HttpStatus = httpStatus,
            });
        }
        else
        {
            open.Occurrences++;
            open.LastSeenAt = now;
            open.Detail = detail;
            open.ViolationsJson = violationsJson ?? open.ViolationsJson;
            open.HttpStatus = httpStatus;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Closes the open alerts for a source once a good payload for it has arrived.</summary>
    public async Task ResolveAsync(string source, string electionId, string? subject = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var query = db.Set<DataQualityAlert>().Where(a => a.ResolvedAt == null && a.Source == source && a.ElectionId == electionId);
        if (subject is not null)
        {
            // A good answer for one station closes that station's alerts and the "engine unreachable" ones for stations.
            query = query.Where(a => a.Subject == subject || a.Subject == null);
        }

        await query.ExecuteUpdateAsync(s => s.SetProperty(a => a.ResolvedAt, now), cancellationToken);
    }

    public async Task<AlertPage> ListAsync(bool includeResolved, int page, CancellationToken cancellationToken = default)
    {
        const int pageSize = 50;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Set<DataQualityAlert>().AsNoTracking();
        var openCount = await query.CountAsync(a => a.ResolvedAt == null, cancellationToken);
        if (!includeResolved)
        {
            query = query.Where(a => a.ResolvedAt == null);
        }

        var total = await query.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pages);
        var items = await query.OrderBy(a => a.ResolvedAt != null).ThenByDescending(a => a.LastSeenAt).ThenByDescending(a => a.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new AlertPage(items, openCount, total, page, pages);
    }

    public async Task<int> CountOpenAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<DataQualityAlert>().CountAsync(a => a.ResolvedAt == null, cancellationToken);
    }

    public static IReadOnlyList<InvariantViolation> Violations(DataQualityAlert alert) =>
        alert.ViolationsJson is null ? [] : JsonSerializer.Deserialize<List<InvariantViolation>>(alert.ViolationsJson, TallyJson.Options) ?? [];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Data-quality alert {Kind} for {Source} {ElectionId} {Subject}: {Detail}")]
    private static partial void LogAlert(ILogger logger, AlertKind kind, string source, string electionId, string? subject, string detail);
}

public sealed record AlertPage(IReadOnlyList<DataQualityAlert> Alerts, int OpenCount, int Total, int Page, int Pages);
