using System.Security.Claims;
using Ihec.Portal.Features.Organisations;
using Ihec.Portal.Infrastructure.Auditing;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Violations;

/// <summary>Several reports of the queue linked at once to the report they repeat.</summary>
public sealed class BulkDuplicateForm
{
    /// <summary>The reference (V-000042) of the report the chosen ones repeat.</summary>
    [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Required"), System.ComponentModel.DataAnnotations.MaxLength(20, ErrorMessage = "TooLong")]
    public string? DuplicateOf { get; set; }
}

// The reviewers' bulk action on the queue: link several reports to the one they repeat, in one change.
public sealed partial class ViolationService
{
    /// <summary>At most this many reports are linked in one action.</summary>
    public const int MaxBulkDuplicates = 200;

    /// <summary>
    /// Links every chosen report to the original (by reference), each with its history event and audit entry, all or
    /// none. The same rules as for one report: the original is not itself a duplicate, and no chosen report is an original
    /// that others point at, so links never chain or loop. Returns how many reports were linked.
    /// </summary>
    public async Task<Result<int>> MarkDuplicatesAsync(ClaimsPrincipal user, IReadOnlyCollection<Guid> ids, BulkDuplicateForm form, AuditActor actor,
        CancellationToken cancellationToken = default)
    {
        if (!await IsReviewerAsync(user))
        {
            return Result<int>.Fail("NotFound");
        }

        var errors = FormCheck.Validate(form);
        if (errors.Count > 0)
        {
            return Result<int>.Fail(errors);
        }

        var chosen = ids.Distinct().ToList();
        if (chosen.Count == 0)
        {
            return Result<int>.Fail("BulkNoneChosen");
        }

        if (chosen.Count > MaxBulkDuplicates)
        {
            return Result<int>.Fail("BulkTooMany", "", MaxBulkDuplicates);
        }

        var text = form.DuplicateOf!.Trim().ToUpperInvariant();
        if (!text.StartsWith("V-", StringComparison.Ordinal)
            || !int.TryParse(text[2..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return Result<int>.Fail("DuplicateNotFound", nameof(BulkDuplicateForm.DuplicateOf));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var original = await db.Set<ViolationReport>().AsNoTracking().FirstOrDefaultAsync(r => r.Number == number, cancellationToken);
        if (original is null)
        {
            return Result<int>.Fail("DuplicateNotFound", nameof(BulkDuplicateForm.DuplicateOf));
        }

        if (original.DuplicateOfId is not null || chosen.Contains(original.Id))
        {
            return Result<int>.Fail("DuplicateInvalid", nameof(BulkDuplicateForm.DuplicateOf));
        }

        var reports = await db.Set<ViolationReport>().Where(r => chosen.Contains(r.Id)).ToListAsync(cancellationToken);
        if (reports.Count != chosen.Count)
        {
            return Result<int>.Fail("NotFound");
        }

        var originals = await db.Set<ViolationReport>().Where(r => r.DuplicateOfId != null && chosen.Contains(r.DuplicateOfId.Value))
            .Select(r => r.DuplicateOfId!.Value).Distinct().ToListAsync(cancellationToken);
        if (originals.Count > 0)
        {
            var references = reports.Where(r => originals.Contains(r.Id)).Select(r => r.Reference).Order(StringComparer.Ordinal);
            return Result<int>.Fail("BulkHasDuplicates", "", string.Join(", ", references));
        }

        var now = clock.GetUtcNow();
        var linked = 0;
        foreach (var report in reports.Where(r => r.DuplicateOfId != original.Id))
        {
            report.DuplicateOfId = original.Id;
            report.UpdatedAt = now;
            report.Version = Guid.NewGuid();
            db.Add(new ViolationEvent { ReportId = report.Id, At = now, ActorName = actor.Name, Kind = ViolationEventKind.MarkedDuplicate, Details = original.Reference });
            db.Audit(actor, ViolationAuditActions.Duplicate, ViolationAuditActions.ReportEntity, report.Id.ToString(), original.Reference, report.OrganisationId, clock);
            linked++;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<int>.Fail("ReportChanged");
        }

        logger.LogInformation("{Count} violation reports linked as duplicates of {Reference}", linked, original.Reference);
        return Result<int>.Success(linked);
    }
}
