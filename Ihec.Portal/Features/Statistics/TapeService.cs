using System.Security.Claims;
using System.Text.Json;
using Ihec.Portal.Infrastructure.Auditing;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Shared.Security;
using Ihec.Portal.Shared.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Statistics;

/// <summary>Who submits a tape: the organisation comes from the user's claim, never from the request.</summary>
public sealed record TapeAuthor(Guid OrganisationId, string UserId, AuditActor Actor)
{
    public static TapeAuthor? From(ClaimsPrincipal user, AuditActor actor) =>
        Guid.TryParse(user.FindFirstValue(PortalClaims.OrganisationId), out var organisation) && user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id
            ? new TapeAuthor(organisation, id, actor)
            : null;
}

public sealed record TapeImportResult(IReadOnlyList<TapeCsvError> Errors, int Imported, bool AlreadyImported);

public sealed record TapeFilter(string? ElectionId = null, string? Governorate = null, bool DiscrepanciesOnly = false, int Page = 1)
{
    public const int PageSize = 100;
}

public sealed record TapePage(IReadOnlyList<ResultsTapeRecord> Tapes, int Total, int Page, int Pages);

/// <summary>One row of IHEC's summary: tapes and discrepancies in a governorate (office).</summary>
public sealed record TapeSummaryRow(string? Governorate, string? Office, int Tapes, int WithDifferences, int Stations);

/// <summary>Results tapes: entering, importing, comparing with the engine, and reading them back.</summary>
public sealed class TapeService(IDbContextFactory<PortalDbContext> dbFactory, StationLookup stations, TimeProvider clock)
{
    public const int MaxClientKeyLength = 64;

    /// <summary>Files one tape and compares it. A retry with the same client key returns the tape already filed.</summary>
    public async Task<ResultsTapeRecord> SubmitAsync(TapeAuthor author, string electionId, string clientKey, ResultsTape tape, CancellationToken cancellationToken = default)
    {
        clientKey = NormaliseKey(clientKey);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.Set<ResultsTapeRecord>().AsNoTracking()
            .FirstOrDefaultAsync(t => t.OrganisationId == author.OrganisationId && t.ClientKey == clientKey, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var record = await CompareAsync(author, electionId, clientKey, tape, "form", cancellationToken);
        db.Add(record);
        db.Audit(author.Actor, "tape.submit", "ResultsTape", record.Id.ToString(),
            $"{electionId} {record.StationCode}: {record.Status}, {record.DifferenceCount} differences", author.OrganisationId, clock);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return record;
        }
        catch (DbUpdateException)
        {
            // The same submission arrived twice at once; the first one won.
            await using var again = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await again.Set<ResultsTapeRecord>().AsNoTracking()
                .FirstAsync(t => t.OrganisationId == author.OrganisationId && t.ClientKey == clientKey, cancellationToken);
        }
    }

    /// <summary>Imports a CSV of tapes: all rows or, when any row is bad, none (every bad row is reported).</summary>
    public async Task<TapeImportResult> ImportAsync(TapeAuthor author, string electionId, string clientKey, string csv,
        IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken = default)
    {
        clientKey = NormaliseKey(clientKey);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var prefix = clientKey + ":";
        var already = await db.Set<ResultsTapeRecord>()
            .CountAsync(t => t.OrganisationId == author.OrganisationId && t.ClientKey.StartsWith(prefix), cancellationToken);
        if (already > 0)
        {
            return new TapeImportResult([], already, true);
        }

        var parsed = TapeCsv.Parse(csv, entityIds);
        if (!parsed.IsValid)
        {
            return new TapeImportResult(parsed.Errors, 0, false);
        }

        foreach (var (line, tape) in parsed.Tapes)
        {
            db.Add(await CompareAsync(author, electionId, prefix + line, tape, "csv", cancellationToken));
        }

        db.Audit(author.Actor, "tape.import", "ResultsTape", null,
            $"{electionId}: {parsed.Tapes.Count} tapes imported", author.OrganisationId, clock);
        await db.SaveChangesAsync(cancellationToken);
        return new TapeImportResult([], parsed.Tapes.Count, false);
    }

    /// <summary>Compares a pending tape again (the engine was unreachable when it was filed).</summary>
    public async Task<ResultsTapeRecord?> CompareAgainAsync(TapeAuthor author, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.Set<ResultsTapeRecord>().FirstOrDefaultAsync(t => t.Id == id && t.OrganisationId == author.OrganisationId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var fresh = await CompareAsync(author, record.ElectionId, record.ClientKey, ToTape(record), record.Source, cancellationToken);
        record.Status = fresh.Status;
        record.DifferencesJson = fresh.DifferencesJson;
        record.DifferenceCount = fresh.DifferenceCount;
        record.ComparedAt = fresh.ComparedAt;
        record.EngineTransmittedAt = fresh.EngineTransmittedAt;
        record.ComparedWithStoredResult = fresh.ComparedWithStoredResult;
        record.Governorate = fresh.Governorate ?? record.Governorate;
        record.Office = fresh.Office ?? record.Office;
        db.Audit(author.Actor, "tape.compare", "ResultsTape", record.Id.ToString(), $"{record.StationCode}: {record.Status}", author.OrganisationId, clock);
        await db.SaveChangesAsync(cancellationToken);
        return record;
    }

    /// <summary>
    /// Compares again every tape still pending (filed while the engine was unreachable or had no result for the station),
    /// oldest first, at most <paramref name="limit"/> per call. Runs after each refresh, so an observer's tape is checked
    /// as soon as the engine can answer, without anyone pressing "compare again". Returns how many were resolved.
    /// </summary>
    public async Task<int> ComparePendingAsync(int limit = 200, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Set<ResultsTapeRecord>().Where(t => t.Status == TapeStatus.Pending).ToListAsync(cancellationToken))
            .OrderBy(t => t.SubmittedAt).Take(limit).ToList();
        var resolved = 0;
        foreach (var record in pending)
        {
            var author = new TapeAuthor(record.OrganisationId, record.SubmittedByUserId, AuditActor.System);
            var fresh = await CompareAsync(author, record.ElectionId, record.ClientKey, ToTape(record), record.Source, cancellationToken);
            if (fresh.Status == TapeStatus.Pending)
            {
                continue;
            }

            record.Status = fresh.Status;
            record.DifferencesJson = fresh.DifferencesJson;
            record.DifferenceCount = fresh.DifferenceCount;
            record.ComparedAt = fresh.ComparedAt;
            record.EngineTransmittedAt = fresh.EngineTransmittedAt;
            record.ComparedWithStoredResult = fresh.ComparedWithStoredResult;
            record.Governorate = fresh.Governorate ?? record.Governorate;
            record.Office = fresh.Office ?? record.Office;
            db.Audit(AuditActor.System, "tape.compare", "ResultsTape", record.Id.ToString(), $"{record.StationCode}: {record.Status}", record.OrganisationId, clock);
            resolved++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return resolved;
    }

    public async Task<TapePage> ListForOrganisationAsync(Guid organisationId, TapeFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await PageAsync(Filter(db.Set<ResultsTapeRecord>().Where(t => t.OrganisationId == organisationId), filter), filter.Page, cancellationToken);
    }

    /// <summary>An organisation's own tape; another organisation's tape is "not found".</summary>
    public async Task<ResultsTapeRecord?> GetForOrganisationAsync(Guid organisationId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<ResultsTapeRecord>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id && t.OrganisationId == organisationId, cancellationToken);
    }

    /// <summary>IHEC monitoring: every organisation's tapes.</summary>
    public async Task<TapePage> ListAllAsync(TapeFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await PageAsync(Filter(db.Set<ResultsTapeRecord>(), filter), filter.Page, cancellationToken);
    }

    public async Task<ResultsTapeRecord?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<ResultsTapeRecord>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
    }

    public async Task<IReadOnlyList<TapeSummaryRow>> SummaryAsync(string? electionId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Set<ResultsTapeRecord>().AsNoTracking();
        if (!string.IsNullOrEmpty(electionId))
        {
            query = query.Where(t => t.ElectionId == electionId);
        }

        var rows = await query.Select(t => new { t.Governorate, t.Office, t.Status, t.StationCode }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => (r.Governorate, r.Office))
            .Select(g => new TapeSummaryRow(g.Key.Governorate, g.Key.Office, g.Count(), g.Count(r => r.Status != TapeStatus.Matches),
                g.Select(r => r.StationCode).Distinct().Count()))
            .OrderByDescending(r => r.WithDifferences).ThenBy(r => r.Governorate).ThenBy(r => r.Office).ToList();
    }

    /// <summary>Names of organisations for IHEC's list, in the reader's language.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> OrganisationNamesAsync(IEnumerable<Guid> ids, string language, CancellationToken cancellationToken = default)
    {
        var wanted = ids.Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organisations = await db.Organisations.AsNoTracking().Where(o => wanted.Contains(o.Id))
            .Select(o => new { o.Id, o.NameAr, o.NameCkb, o.NameEn }).ToListAsync(cancellationToken);
        return organisations.ToDictionary(o => o.Id, o => language switch { "en" => o.NameEn, "ckb" => o.NameCkb, _ => o.NameAr });
    }

    public static ResultsTape ToTape(ResultsTapeRecord record) => new()
    {
        StationCode = record.StationCode,
        RegisteredVoters = record.RegisteredVoters,
        BallotsCast = record.BallotsCast,
        ValidVotes = record.ValidVotes,
        InvalidVotes = record.InvalidVotes,
        Entities = JsonSerializer.Deserialize<List<EntityVotes>>(record.EntitiesJson, TallyJson.Options) ?? [],
    };

    public static IReadOnlyList<TapeDifference> Differences(ResultsTapeRecord record) =>
        JsonSerializer.Deserialize<List<TapeDifference>>(record.DifferencesJson, TallyJson.Options) ?? [];

    private async Task<ResultsTapeRecord> CompareAsync(TapeAuthor author, string electionId, string clientKey, ResultsTape tape, string source, CancellationToken cancellationToken)
    {
        var lookup = await stations.FindAsync(electionId, tape.StationCode, cancellationToken);
        IReadOnlyList<TapeDifference> differences;
        TapeStatus status;
        switch (lookup.Outcome)
        {
            case StationOutcome.Found:
                differences = TapeComparer.Compare(tape, lookup.Station).Differences;
                status = differences.Count == 0 ? TapeStatus.Matches : TapeStatus.Differs;
                break;
            case StationOutcome.NotFound:
                differences = TapeComparer.Compare(tape, null).Differences;
                status = TapeStatus.StationNotFound;
                break;
            default:
                // The tape's own consistency can be checked now; the comparison waits for the engine.
                differences = TapeComparer.CheckTape(tape);
                status = TapeStatus.Pending;
                break;
        }

        var now = clock.GetUtcNow();
        return new ResultsTapeRecord
        {
            Id = Guid.NewGuid(),
            OrganisationId = author.OrganisationId,
            SubmittedByUserId = author.UserId,
            SubmittedByName = author.Actor.Name,
            SubmittedAt = now,
            ClientKey = clientKey,
            ElectionId = electionId,
            StationCode = tape.StationCode,
            Governorate = lookup.Station?.Governorate,
            Office = lookup.Station?.Office,
            RegisteredVoters = tape.RegisteredVoters,
            BallotsCast = tape.BallotsCast,
            ValidVotes = tape.ValidVotes,
            InvalidVotes = tape.InvalidVotes,
            EntitiesJson = JsonSerializer.Serialize(tape.Entities, TallyJson.Options),
            Status = status,
            DifferencesJson = JsonSerializer.Serialize(differences, TallyJson.Options),
            DifferenceCount = differences.Count,
            ComparedAt = status == TapeStatus.Pending ? null : now,
            EngineTransmittedAt = lookup.Station?.TransmittedAt,
            ComparedWithStoredResult = lookup.FromStore,
            Source = source,
        };
    }

    private static IQueryable<ResultsTapeRecord> Filter(IQueryable<ResultsTapeRecord> query, TapeFilter filter)
    {
        if (!string.IsNullOrEmpty(filter.ElectionId))
        {
            query = query.Where(t => t.ElectionId == filter.ElectionId);
        }

        if (!string.IsNullOrEmpty(filter.Governorate))
        {
            query = query.Where(t => t.Governorate == filter.Governorate);
        }

        if (filter.DiscrepanciesOnly)
        {
            query = query.Where(t => t.Status != TapeStatus.Matches);
        }

        return query;
    }

    private static async Task<TapePage> PageAsync(IQueryable<ResultsTapeRecord> query, int page, CancellationToken cancellationToken)
    {
        var total = await query.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + TapeFilter.PageSize - 1) / TapeFilter.PageSize);
        page = Math.Clamp(page, 1, pages);
        var tapes = await query.AsNoTracking().OrderBy(t => t.Governorate).ThenBy(t => t.StationCode).ThenByDescending(t => t.SubmittedAt)
            .Skip((page - 1) * TapeFilter.PageSize).Take(TapeFilter.PageSize).ToListAsync(cancellationToken);
        return new TapePage(tapes, total, page, pages);
    }

    private static string NormaliseKey(string clientKey)
    {
        clientKey = clientKey.Trim();
        if (clientKey.Length is 0 or > MaxClientKeyLength - 6 || !clientKey.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            // A missing or odd key must not collide with another submission: make a fresh one.
            return Guid.NewGuid().ToString("N");
        }

        return clientKey;
    }
}
