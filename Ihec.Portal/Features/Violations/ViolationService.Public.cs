using Ihec.Portal.Shared.Violations;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Violations;

// The public map's data: no reporter, organisation, description or exact position ever leaves this method.
public sealed partial class ViolationService
{
    /// <summary>Verified reports whose organisation consented (duplicates left out): counts by governorate and points on a ~1 km grid.</summary>
    public async Task<PublicViolationMap> PublicMapAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<ViolationReport>().AsNoTracking()
            .Where(r => r.State == ViolationState.Verified && r.PublicConsent && r.DuplicateOfId == null)
            .Select(r => new { r.Category, r.Governorate, r.PinGovernorate, r.OccurredAt, r.Latitude, r.Longitude })
            .ToListAsync(cancellationToken);
        var points = rows
            .Select(r =>
            {
                var (lat, lon) = ViolationWorkflow.Coarsen(r.Latitude, r.Longitude);
                // Where the pin is, as IHEC verified it; the governorate chosen is only a fallback.
                var governorate = r.PinGovernorate ?? r.Governorate;
                return new PublicViolationPoint(r.Category, governorate, DateOnly.FromDateTime(r.OccurredAt.ToOffset(TimeSpan.FromHours(3)).DateTime), lat, lon);
            })
            .OrderByDescending(p => p.OccurredOn).ThenBy(p => p.Governorate, StringComparer.Ordinal).ThenBy(p => p.Category)
            .ToList();
        var counts = points.GroupBy(p => p.Governorate).ToDictionary(g => g.Key, g => g.Count());
        return new PublicViolationMap(counts, points);
    }
}
