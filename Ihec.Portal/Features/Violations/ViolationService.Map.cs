using System.Runtime.CompilerServices;
using System.Security.Claims;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Infrastructure.Localisation;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Violations;

// The maps' data: IHEC's monitoring sees every report, an organisation only its own, the public only verified reports
// whose organisation consented, on a ~1 km grid and without identity. Counts and clusters are computed by the database,
// so what a map view sends is bounded by the grid, not by the number of reports.
public sealed partial class ViolationService
{
    /// <summary>Iraq's extent with a margin: the map's data for "no bounding box".</summary>
    private static readonly (double West, double South, double East, double North) IraqBox = (38.5, 28.8, 49.0, 37.6);

    /// <summary>At most about this many grid cells in one answer, whatever zoom and box are asked for.</summary>
    public const int MaxClusterCells = 4000;

    /// <summary>What this user may see on <c>/violations/map</c>: every report for a monitoring reviewer, the organisation's own for its members; null for anyone else.</summary>
    public async Task<ViolationMapScope?> MapScopeAsync(ClaimsPrincipal user)
    {
        if (await IsReviewerAsync(user))
        {
            return ViolationMapScope.Everything;
        }

        return await OrganisationOfAsync(user) is { } organisationId ? ViolationMapScope.Organisation(organisationId) : null;
    }

    private static IQueryable<ViolationReport> MapQuery(PortalDbContext db, ViolationMapScope scope, ViolationMapFilter filter)
    {
        var query = db.Set<ViolationReport>().AsNoTracking();
        if (scope.IsPublic)
        {
            query = query.Where(IsPublic);
        }
        else if (scope.OrganisationId is { } organisationId)
        {
            query = query.Where(r => r.OrganisationId == organisationId);
        }

        if (filter.Category is { } category)
        {
            query = query.Where(r => r.Category == category);
        }

        if (filter.Election is { } election)
        {
            query = query.Where(r => r.ElectionId == election);
        }

        if (!scope.IsPublic && filter.State is { } state)
        {
            query = query.Where(r => r.State == state);
        }

        // Days are Iraq's days: "from 1 May" starts at midnight in Baghdad.
        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), IraqOffset);
            query = query.Where(r => r.OccurredAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), IraqOffset);
            query = query.Where(r => r.OccurredAt < end);
        }

        // Where the pin is (as the public map shows it); the governorate chosen only when there is no pin governorate.
        if (filter.Governorate is { } governorate)
        {
            query = query.Where(r => (r.PinGovernorate ?? r.Governorate) == governorate);
        }

        return query;
    }

    private static async Task<Dictionary<string, int>> CountsAsync(IQueryable<ViolationReport> query, CancellationToken cancellationToken) =>
        await query.GroupBy(r => r.PinGovernorate ?? r.Governorate).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    /// <summary>
    /// The reports in <paramref name="box"/> (all of Iraq when null) grouped on a grid of about 32 screen pixels at
    /// <paramref name="zoom"/>, never finer than <see cref="MaxClusterCells"/> cells in the box. The public grid works on the
    /// coarsened positions only (and is never finer than them), so no box or zoom reveals more than the ~1 km grid.
    /// </summary>
    public async Task<IReadOnlyList<ViolationCluster>> ClustersAsync(ViolationMapScope scope, ViolationMapFilter filter, int zoom,
        (double West, double South, double East, double North)? box, CancellationToken cancellationToken = default)
    {
        var (west, south, east, north) = box ?? IraqBox;
        west = Math.Clamp(west, -180, 180);
        east = Math.Clamp(east, west, 180);
        south = Math.Clamp(south, -90, 90);
        north = Math.Clamp(north, south, 90);
        var cell = 360.0 / Math.Pow(2, Math.Clamp(zoom, 0, 20)) / 8;
        cell = Math.Max(cell, Math.Sqrt((east - west) * (north - south) / MaxClusterCells));
        if (scope.IsPublic)
        {
            cell = Math.Max(cell, 0.01);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var reports = MapQuery(db, scope, filter);
        var points = scope.IsPublic
            ? reports.Select(r => new { Lat = Math.Round(r.Latitude, 2), Lon = Math.Round(r.Longitude, 2) })
            : reports.Select(r => new { Lat = r.Latitude, Lon = r.Longitude });
        var cells = await points
            .Where(p => p.Lat >= south && p.Lat <= north && p.Lon >= west && p.Lon <= east)
            // Iraq's coordinates are positive, so truncation is the floor.
            .GroupBy(p => new { Y = (int)(p.Lat / cell), X = (int)(p.Lon / cell) })
            .Select(g => new { Count = g.Count(), Lat = g.Average(p => p.Lat), Lon = g.Average(p => p.Lon) })
            .ToListAsync(cancellationToken);
        var digits = scope.IsPublic ? 2 : 5;
        return cells.Select(c => new ViolationCluster(Math.Round(c.Lat, digits), Math.Round(c.Lon, digits), c.Count)).ToList();
    }

    /// <summary>Counts by governorate and one page of the reports, newest first, for the page's tables.</summary>
    public async Task<ViolationMapPage<ViolationMapRow>> MapPageAsync(ViolationMapScope scope, ViolationMapFilter filter, int page, int pageSize,
        CancellationToken cancellationToken = default)
    {
        if (scope.IsPublic)
        {
            throw new ArgumentException("The public map has its own rows.", nameof(scope));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var counts = await CountsAsync(MapQuery(db, scope, filter), cancellationToken);
        var total = counts.Values.Sum();
        page = Math.Clamp(page, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
        var rows = new List<ViolationMapRow>();
        await foreach (var row in RowsAsync(db, scope, filter, (page - 1) * pageSize, pageSize, cancellationToken))
        {
            rows.Add(row);
        }

        return new ViolationMapPage<ViolationMapRow>(counts, rows, page, pageSize);
    }

    /// <summary>Every report the scope may see under the filter, newest first, read one by one so that exports of any size stream.</summary>
    public async IAsyncEnumerable<ViolationMapRow> MapRowsAsync(ViolationMapScope scope, ViolationMapFilter filter,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (scope.IsPublic)
        {
            throw new ArgumentException("The public map has its own rows.", nameof(scope));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await foreach (var row in RowsAsync(db, scope, filter, 0, null, cancellationToken))
        {
            yield return row;
        }
    }

    private static async IAsyncEnumerable<ViolationMapRow> RowsAsync(PortalDbContext db, ViolationMapScope scope, ViolationMapFilter filter, int skip, int? take,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ordered = MapQuery(db, scope, filter).OrderByDescending(r => r.OccurredAt).ThenByDescending(r => r.Number).Skip(skip);
        if (take is { } count)
        {
            ordered = ordered.Take(count);
        }

        var language = Cultures.Current;
        var rows = from r in ordered
                   join o in db.Organisations on r.OrganisationId equals o.Id into orgs
                   from o in orgs.DefaultIfEmpty()
                   select new
                   {
                       r.Id, r.Number, r.State, r.Category, r.Governorate, r.PinGovernorate, r.District, r.PollingStationCode, r.OccurredAt, r.SubmittedAt,
                       r.Latitude, r.Longitude, r.Witnessed, r.PublicConsent, r.ElectionId,
                       Organisation = language == "en" ? o!.NameEn : language == "ckb" ? o!.NameCkb : o!.NameAr,
                   };
        await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return new ViolationMapRow(r.Id, ViolationReport.FormatReference(r.Number), r.State, r.Category, r.PinGovernorate ?? r.Governorate,
                r.District, r.PollingStationCode, r.OccurredAt, r.SubmittedAt, scope.ShowsOrganisation ? r.Organisation : null, r.Latitude, r.Longitude,
                r.Witnessed, r.PublicConsent, r.ElectionId);
        }
    }

    /// <summary>The public map's counts by governorate and one page of its points (anonymised, coarsened), newest first.</summary>
    public async Task<ViolationMapPage<PublicViolationPoint>> PublicMapPageAsync(ViolationMapFilter filter, int page, int pageSize,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var counts = await CountsAsync(MapQuery(db, ViolationMapScope.Public, filter), cancellationToken);
        var total = counts.Values.Sum();
        page = Math.Clamp(page, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
        var rows = new List<PublicViolationPoint>();
        await foreach (var point in PublicPointsAsync(db, filter, (page - 1) * pageSize, pageSize, cancellationToken))
        {
            rows.Add(point);
        }

        return new ViolationMapPage<PublicViolationPoint>(counts, rows, page, pageSize);
    }

    /// <summary>Every public point under the filter, newest first, streamed.</summary>
    public async IAsyncEnumerable<PublicViolationPoint> PublicPointsAsync(ViolationMapFilter filter,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await foreach (var point in PublicPointsAsync(db, filter, 0, null, cancellationToken))
        {
            yield return point;
        }
    }

    private static async IAsyncEnumerable<PublicViolationPoint> PublicPointsAsync(PortalDbContext db, ViolationMapFilter filter, int skip, int? take,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ordered = MapQuery(db, ViolationMapScope.Public, filter).OrderByDescending(r => r.OccurredAt).ThenByDescending(r => r.Number).Skip(skip);
        if (take is { } count)
        {
            ordered = ordered.Take(count);
        }

        var rows = ordered.Select(r => new { r.Category, r.Governorate, r.PinGovernorate, r.OccurredAt, r.Latitude, r.Longitude, r.ElectionId }).AsAsyncEnumerable();
        await foreach (var r in rows.WithCancellation(cancellationToken))
        {
            var (lat, lon) = Shared.Violations.ViolationWorkflow.Coarsen(r.Latitude, r.Longitude);
            yield return new PublicViolationPoint(r.Category, r.PinGovernorate ?? r.Governorate,
                DateOnly.FromDateTime(r.OccurredAt.ToOffset(IraqOffset).DateTime), lat, lon, r.ElectionId);
        }
    }
}
