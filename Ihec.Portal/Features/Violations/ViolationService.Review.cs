using System.Security.Claims;
using Ihec.Portal.Features.Organisations;
using Ihec.Portal.Infrastructure.Auditing;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Infrastructure.Localisation;
using Ihec.Portal.Shared.Security;
using Ihec.Portal.Shared.Violations;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Violations;

// The monitoring reviewers' work: the queue, a report's review page, state changes, assignment, comments, duplicates.
public sealed partial class ViolationService
{
    /// <summary>The review queue, filtered and sorted; null for anyone who is not a monitoring reviewer.</summary>
    public async Task<IReadOnlyList<ViolationQueueRow>?> QueueAsync(ClaimsPrincipal user, ViolationQueueFilter filter, CancellationToken cancellationToken = default)
    {
        if (!await IsReviewerAsync(user))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Set<ViolationReport>().AsNoTracking();
        if (filter.State is { } state)
        {
            query = query.Where(r => r.State == state);
        }

        if (!string.IsNullOrEmpty(filter.Governorate))
        {
            query = query.Where(r => r.Governorate == filter.Governorate);
        }

        if (filter.Category is { } category)
        {
            query = query.Where(r => r.Category == category);
        }

        if (!string.IsNullOrEmpty(filter.Election))
        {
            query = query.Where(r => r.ElectionId == filter.Election);
        }

        if (filter.MineOnly)
        {
            var me = user.FindFirstValue(ClaimTypes.NameIdentifier);
            query = query.Where(r => r.AssignedToUserId == me);
        }

        if (filter.MismatchOnly)
        {
            query = query.Where(r => r.GovernorateMismatch);
        }

        if (filter.Assignee == ViolationQueueFilter.Unassigned)
        {
            query = query.Where(r => r.AssignedToUserId == null);
        }
        else if (!string.IsNullOrEmpty(filter.Assignee))
        {
            query = query.Where(r => r.AssignedToUserId == filter.Assignee);
        }

        // Dates are days in Iraq (UTC+3), as the reporter typed them; "to" includes the whole day.
        if (filter.OccurredFrom is { } from)
        {
            var fromAt = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), IraqOffset);
            query = query.Where(r => r.OccurredAt >= fromAt);
        }

        if (filter.OccurredTo is { } to)
        {
            var toAt = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), IraqOffset);
            query = query.Where(r => r.OccurredAt < toAt);
        }

        var rows = await (from r in query
                          join o in db.Organisations on r.OrganisationId equals o.Id
                          select new { Report = r, o.NameAr, o.NameCkb, o.NameEn, Evidence = r.Evidence.Count })
            .ToListAsync(cancellationToken);
        var language = Cultures.Current;
        var ordered = filter.Sort switch
        {
            ViolationQueueSort.Oldest => rows.OrderBy(r => r.Report.SubmittedAt),
            ViolationQueueSort.OccurredNewest => rows.OrderByDescending(r => r.Report.OccurredAt),
            ViolationQueueSort.Governorate => rows.OrderBy(r => r.Report.Governorate, StringComparer.Ordinal).ThenByDescending(r => r.Report.SubmittedAt),
            ViolationQueueSort.OccurredOldest => rows.OrderBy(r => r.Report.OccurredAt),
            ViolationQueueSort.State => rows.OrderBy(r => r.Report.State).ThenByDescending(r => r.Report.SubmittedAt),
            _ => rows.OrderByDescending(r => r.Report.SubmittedAt),
        };
        return ordered.Select(x => new ViolationQueueRow(x.Report.Id, x.Report.Reference, x.Report.Category, x.Report.Governorate, x.Report.District,
                x.Report.OccurredAt, x.Report.SubmittedAt, language switch { "ckb" => x.NameCkb, "en" => x.NameEn, _ => x.NameAr },
                x.Report.State, x.Report.AssignedToName, x.Report.GovernorateMismatch, x.Evidence, x.Report.DuplicateOfId is not null, x.Report.ElectionId))
            .ToList();
    }

    /// <summary>A report with its history and the reviewers it can be assigned to; null for anyone who is not a reviewer.</summary>
    public async Task<ViolationView?> ForReviewerAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken = default)
    {
        if (!await IsReviewerAsync(user))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await LoadAsync(db, id, cancellationToken) is { } report ? await ViewAsync(db, report, includeHistory: true, cancellationToken) : null;
    }

    /// <summary>The monitoring reviewers, for the queue's assignee filter; null for anyone who is not a reviewer.</summary>
    public async Task<IReadOnlyList<ReviewerView>?> QueueReviewersAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (!await IsReviewerAsync(user))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ReviewersAsync(db, cancellationToken);
    }

    private static async Task<List<ReviewerView>> ReviewersAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        await (from u in db.Users
               join ur in db.UserRoles on u.Id equals ur.UserId
               join r in db.Roles on ur.RoleId equals r.Id
               where r.Name == PortalRoles.IhecMonitoring && !u.IsDeactivated
               orderby u.DisplayName
               select new ReviewerView(u.Id, u.DisplayName)).ToListAsync(cancellationToken);

    /// <summary>Moves a report by the workflow's rules, records it, and tells the reporter by e-mail.</summary>
    public async Task<Result> ChangeStateAsync(ClaimsPrincipal user, Guid id, StateChangeForm form, AuditActor actor, CancellationToken cancellationToken = default)
    {
        if (!await IsReviewerAsync(user))
        {
            return Result.Fail("NotFound");
        }

        var errors = FormCheck.Validate(form);
        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var report = await db.Set<ViolationReport>().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null)
        {
            return Result.Fail("NotFound");
        }

        if (report.Version != form.Version)
        {
            return Result.Fail("ReportChanged");
        }

        var to = form.State!.Value;
        switch (ViolationWorkflow.Check(report.State, to, ViolationParty.Reviewer, form.Reason))
        {
            case TransitionRefusal.NotAllowed:
                return Result.Fail("TransitionNotAllowed", nameof(StateChangeForm.State));
            case TransitionRefusal.ReasonRequired:
                return Result.Fail(to == ViolationState.Dismissed ? "DismissReasonRequired" : "InformationRequestRequired", nameof(StateChangeForm.Reason));
        }

        var now = clock.GetUtcNow();
        var reason = string.IsNullOrWhiteSpace(form.Reason) ? null : form.Reason.Trim();
        db.Add(new ViolationEvent { ReportId = id, At = now, ActorName = actor.Name, Kind = ViolationEventKind.StateChanged,
            FromState = report.State, ToState = to, Details = reason });
        report.State = to;
        report.StateReason = ViolationWorkflow.NeedsReason(to) ? reason : null;
        report.UpdatedAt = now;
        report.ChangedForReporterAt = now;
        report.Version = Guid.NewGuid();
        db.Audit(actor, ViolationAuditActions.StateChanged, ViolationAuditActions.ReportEntity, id.ToString(), $"{report.Reference}: {to}", report.OrganisationId, clock);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Fail("ReportChanged");
        }

        if (await ReporterAsync(db, report, cancellationToken) is { } reporter)
        {
            await emails.SendStateChangedAsync(reporter, report.Id, report.Reference, to, report.StateReason, cancellationToken);
        }

        return Result.Ok;
    }

    /// <summary>Assigns the report to a monitoring reviewer, or unassigns it.</summary>
    public async Task<Result> AssignAsync(ClaimsPrincipal user, Guid id, AssignForm form, AuditActor actor, CancellationToken cancellationToken = default)
    {
        if (!await IsReviewerAsync(user))
        {
            return Result.Fail("NotFound");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var report = await db.Set<ViolationReport>().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null)
        {
            return Result.Fail("NotFound");
        }

        if (report.Version != form.Version)
        {
            return Result.Fail("ReportChanged");
        }

        ReviewerView? assignee = null;
        if (!string.IsNullOrEmpty(form.AssignTo))
        {
            assignee = (await ReviewersAsync(db, cancellationToken)).FirstOrDefault(r => r.UserId == form.AssignTo);
            if (assignee is null)
            {
                return Result.Fail("AssigneeInvalid", nameof(AssignForm.AssignTo));
            }
        }

        var now = clock.GetUtcNow();
        report.AssignedToUserId = assignee?.UserId;
        report.AssignedToName = assignee?.Name;
        report.UpdatedAt = now;
        report.Version = Guid.NewGuid();
        db.Add(new ViolationEvent { ReportId = id, At = now, ActorName = actor.Name, Kind = ViolationEventKind.Assigned, Details = assignee?.Name });
        db.Audit(actor, ViolationAuditActions.Assigned, ViolationAuditActions.ReportEntity, id.ToString(), assignee?.Name, report.OrganisationId, clock);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Fail("ReportChanged");
        }

        return Result.Ok;
    }

    /// <summary>A reviewer's comment: the reporting organisation sees it in its thread.</summary>
    public async Task<Result> CommentAsync(ClaimsPrincipal user, Guid id, CommentForm form, AuditActor actor, CancellationToken cancellationToken = default)
    {
        if (!await IsReviewerAsync(user) || actor.UserId is null)
        {
            return Result.Fail("NotFound");
        }

        var errors = FormCheck.Validate(form);
        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var report = await db.Set<ViolationReport>().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null)
        {
            return Result.Fail("NotFound");
        }

        var now = clock.GetUtcNow();
        db.Add(new ViolationComment { ReportId = id, AuthorUserId = actor.UserId, AuthorName = user.FindFirstValue(PortalClaims.DisplayName) ?? actor.Name,
            FromIhec = true, Text = form.Text.Trim(), CreatedAt = now });
        db.Add(new ViolationEvent { ReportId = id, At = now, ActorName = actor.Name, Kind = ViolationEventKind.Commented });
        report.UpdatedAt = now;
        report.ChangedForReporterAt = now;
        db.Audit(actor, ViolationAuditActions.Commented, ViolationAuditActions.ReportEntity, id.ToString(), report.Reference, report.OrganisationId, clock);
        await db.SaveChangesAsync(cancellationToken);
        if (await ReporterAsync(db, report, cancellationToken) is { } reporter)
        {
            await emails.SendCommentAsync(reporter, report.Id, report.Reference, form.Text.Trim(), cancellationToken);
        }

        return Result.Ok;
    }

    /// <summary>The member who filed the report, to be e-mailed about it, while the account is active.</summary>
    private static Task<ViolationEmails.Recipient?> ReporterAsync(PortalDbContext db, ViolationReport report, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => u.Id == report.ReporterUserId && !u.IsDeactivated && u.Email != null)
            .Select(u => new ViolationEmails.Recipient(u.Email!, u.DisplayName, u.PreferredCulture)).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Links the report to the one it repeats (by reference), or removes the link when the reference is empty.</summary>
    public async Task<Result> MarkDuplicateAsync(ClaimsPrincipal user, Guid id, DuplicateForm form, AuditActor actor, CancellationToken cancellationToken = default)
    {
        if (!await IsReviewerAsync(user))
        {
            return Result.Fail("NotFound");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var report = await db.Set<ViolationReport>().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null)
        {
            return Result.Fail("NotFound");
        }

        if (report.Version != form.Version)
        {
            return Result.Fail("ReportChanged");
        }

        ViolationReport? original = null;
        if (!string.IsNullOrWhiteSpace(form.DuplicateOf))
        {
            var text = form.DuplicateOf.Trim().ToUpperInvariant();
            if (!text.StartsWith("V-", StringComparison.Ordinal)
                || !int.TryParse(text[2..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                return Result.Fail("DuplicateNotFound", nameof(DuplicateForm.DuplicateOf));
            }

            original = await db.Set<ViolationReport>().AsNoTracking().FirstOrDefaultAsync(r => r.Number == number, cancellationToken);
            if (original is null)
            {
                return Result.Fail("DuplicateNotFound", nameof(DuplicateForm.DuplicateOf));
            }

            // Links point at an original that is not itself a duplicate, so they never form a chain or a loop.
            if (original.Id == report.Id || original.DuplicateOfId is not null
                || await db.Set<ViolationReport>().AnyAsync(r => r.DuplicateOfId == report.Id, cancellationToken))
            {
                return Result.Fail("DuplicateInvalid", nameof(DuplicateForm.DuplicateOf));
            }
        }

        var now = clock.GetUtcNow();
        report.DuplicateOfId = original?.Id;
        report.UpdatedAt = now;
        report.Version = Guid.NewGuid();
        db.Add(new ViolationEvent { ReportId = id, At = now, ActorName = actor.Name, Kind = ViolationEventKind.MarkedDuplicate, Details = original?.Reference });
        db.Audit(actor, ViolationAuditActions.Duplicate, ViolationAuditActions.ReportEntity, id.ToString(), original?.Reference, report.OrganisationId, clock);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Fail("ReportChanged");
        }

        return Result.Ok;
    }
}
