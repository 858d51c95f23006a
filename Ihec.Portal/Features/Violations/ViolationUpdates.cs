using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ihec.Portal.Features.Violations;

/// <summary>
/// When a member of the reporting organisation last opened a report. Kept per member, not per organisation: a colleague
/// reading the news does not mean this member has; the e-mail goes to the reporter only, so the portal's marker is how the
/// rest of the organisation learns of a change.
/// </summary>
public sealed class ViolationReadMark
{
    public string UserId { get; set; } = "";
    public Guid ReportId { get; set; }
    public DateTimeOffset SeenAt { get; set; }
}

internal sealed class ViolationReadMarkConfiguration : IEntityTypeConfiguration<ViolationReadMark>
{
    public void Configure(EntityTypeBuilder<ViolationReadMark> m)
    {
        m.ToTable("ViolationReadMarks");
        m.HasKey(x => new { x.UserId, x.ReportId });
        m.Property(x => x.UserId).HasMaxLength(450);
        m.HasIndex(x => x.ReportId);
        m.HasOne<ViolationReport>().WithMany().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

// The in-portal notice of IHEC's changes to the organisation's reports: the "updated" marker and the navigation's count.
public sealed partial class ViolationService
{
    /// <summary>
    /// How many of the organisation's reports IHEC changed since this member last opened them; 0 for anyone not in an
    /// organisation. <paramref name="opening"/> is the report the member is opening now, which is seen by the time the page shows.
    /// </summary>
    public async Task<int> UpdatedCountAsync(ClaimsPrincipal user, Guid? opening = null, CancellationToken cancellationToken = default)
    {
        if (await OrganisationOfAsync(user) is not { } organisationId || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } me)
        {
            return 0;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var marks = db.Set<ViolationReadMark>();
        return await db.Set<ViolationReport>()
            .Where(r => r.OrganisationId == organisationId && r.ChangedForReporterAt != null && r.Id != opening
                        && !marks.Any(m => m.UserId == me && m.ReportId == r.Id && m.SeenAt >= r.ChangedForReporterAt))
            .CountAsync(cancellationToken);
    }

    /// <summary>The ids of the organisation's reports IHEC changed since this member last opened them.</summary>
    private static async Task<HashSet<Guid>> UpdatedIdsAsync(Infrastructure.Data.PortalDbContext db, Guid organisationId, string? me, CancellationToken cancellationToken)
    {
        if (me is null)
        {
            return [];
        }

        var marks = db.Set<ViolationReadMark>();
        return (await db.Set<ViolationReport>()
            .Where(r => r.OrganisationId == organisationId && r.ChangedForReporterAt != null
                        && !marks.Any(m => m.UserId == me && m.ReportId == r.Id && m.SeenAt >= r.ChangedForReporterAt))
            .Select(r => r.Id).ToListAsync(cancellationToken)).ToHashSet();
    }

    /// <summary>Records that this member has seen the report as it is now; only for a member of the organisation that filed it.</summary>
    public async Task MarkSeenAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken = default)
    {
        if (await OrganisationOfAsync(user) is not { } organisationId || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } me)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Set<ViolationReport>().AnyAsync(r => r.Id == id && r.OrganisationId == organisationId, cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var mark = await db.Set<ViolationReadMark>().FirstOrDefaultAsync(m => m.UserId == me && m.ReportId == id, cancellationToken);
        if (mark is null)
        {
            db.Add(new ViolationReadMark { UserId = me, ReportId = id, SeenAt = now });
        }
        else
        {
            mark.SeenAt = now;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same member opened the report twice at once: the other request recorded it.
        }
    }
}
