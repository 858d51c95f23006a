using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Ihec.Portal.Shared.Violations;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Violations;

// The public map's data: no reporter, organisation, description or exact position ever leaves these methods.
public sealed partial class ViolationService
{
    private static readonly Expression<Func<ViolationReport, bool>> IsPublic =
        r => r.State == ViolationState.Verified && r.PublicConsent && r.DuplicateOfId == null;

    /// <summary>Verified reports whose organisation consented (duplicates left out): counts by governorate and points on a ~1 km grid.</summary>
    public async Task<PublicViolationMap> PublicMapAsync(CancellationToken cancellationToken = default)
    {
        var points = new List<PublicViolationPoint>();
        await foreach (var point in PublicPointsAsync(cancellationToken))
        {
            points.Add(point);
        }

        var counts = points.GroupBy(p => p.Governorate).ToDictionary(g => g.Key, g => g.Count());
        return new PublicViolationMap(counts, points);
    }

    /// <summary>The public points, most recent first, read one by one from the database so that exports of any size stream.</summary>
    public async IAsyncEnumerable<PublicViolationPoint> PublicPointsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = db.Set<ViolationReport>().AsNoTracking().Where(IsPublic)
            .OrderByDescending(r => r.OccurredAt).ThenBy(r => r.Number)
            .Select(r => new { r.Category, r.Governorate, r.PinGovernorate, r.OccurredAt, r.Latitude, r.Longitude })
            .AsAsyncEnumerable();
        await foreach (var r in rows.WithCancellation(cancellationToken))
        {
            var (lat, lon) = ViolationWorkflow.Coarsen(r.Latitude, r.Longitude);
            // Where the pin is, as IHEC verified it; the governorate chosen is only a fallback.
            yield return new PublicViolationPoint(r.Category, r.PinGovernorate ?? r.Governorate,
                DateOnly.FromDateTime(r.OccurredAt.ToOffset(IraqOffset).DateTime), lat, lon);
        }
    }
}
