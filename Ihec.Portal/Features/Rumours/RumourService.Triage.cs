using Ihec.Portal.Features.Organisations;
using Ihec.Portal.Infrastructure.Auditing;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Shared.Organisations;
using Ihec.Portal.Shared.Security;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Rumours;

public sealed partial class RumourService
{
    /// <summary>What an analyst does to a case from its page.</summary>
    public enum CaseAction { Assign, SetStatus, AddNote, EditSummary, Merge, Split }

    private static readonly RumourStatus[] OpenStatuses = [RumourStatus.New, RumourStatus.Triaged, RumourStatus.Investigating];

    private sealed record CaseSignals(Guid CaseId, ReportSignals Signals, RumourPlatform[] Platforms, string[] Governorates, Guid? Suggested);

    /// <summary>The queue: open cases (or as filtered) ordered by priority, highest first, then by waiting time.</summary>
    public async Task<QueueView> QueueAsync(QueueFilter filter, string? currentUserId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var cases = db.Set<RumourCase>().AsNoTracking();
        var statusCounts = (await cases.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .ToDictionary(x => x.Key, x => x.Count);

        if (filter.Status is { } status)
        {
            cases = cases.Where(c => c.Status == status);
        }
        else if (!filter.IncludeClosed)
        {
            cases = cases.Where(c => c.Status != RumourStatus.Closed);
        }

        if (filter.MineOnly && currentUserId is not null)
        {
            cases = cases.Where(c => c.AssignedToUserId == currentUserId);
        }

        if (filter.UnassignedOnly)
        {
            cases = cases.Where(c => c.AssignedToUserId == null);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim();
            var byNumber = term.StartsWith("R-", StringComparison.OrdinalIgnoreCase) && int.TryParse(term[2..], out var n) ? n : -1;
            cases = cases.Where(c => c.Number == byNumber || c.Summary.Contains(term)
                                     || db.Set<RumourReport>().Any(r => r.CaseId == c.Id && r.ClaimText.Contains(term)));
        }

        var list = await cases.ToListAsync(cancellationToken);
        var signals = await SignalsAsync(db, list.Select(c => c.Id).ToList(), cancellationToken);
        var now = clock.GetUtcNow();
        var rows = new List<QueueRow>();
        var overdueCount = 0;
        foreach (var c in list)
        {
            var mine = signals.GetValueOrDefault(c.Id) ?? [];
            if (filter.Platform is { } platform && !mine.Any(s => s.Platforms.Contains(platform)))
            {
                continue;
            }

            if (filter.Governorate is { } gov && !mine.Any(s => s.Governorates.Contains(gov)))
            {
                continue;
            }

            if (filter.Target is { } target && !mine.Any(s => s.Signals.Targets.Contains(target)))
            {
                continue;
            }

            var row = Row(c, mine, now);
            overdueCount += row.Overdue ? 1 : 0;
            if ((filter.Level is { } level && row.Priority.Level != level) || (filter.OverdueOnly && !row.Overdue))
            {
                continue;
            }

            rows.Add(row);
        }

        return new QueueView(
            rows.OrderBy(r => r.Status is RumourStatus.Responded or RumourStatus.Closed ? 1 : 0)
                .ThenByDescending(r => r.Priority.Score).ThenBy(r => r.FirstReportAt).ToList(),
            statusCounts, overdueCount);
    }

    private QueueRow Row(RumourCase c, IReadOnlyList<CaseSignals> reports, DateTimeOffset now)
    {
        var open = OpenStatuses.Contains(c.Status);
        var priority = RumourPriority.Of(reports.Select(r => r.Signals).ToList(), now, open);
        var first = reports.Count > 0 ? reports.Min(r => r.Signals.ReportedAt) : c.CreatedAt;
        var last = reports.Count > 0 ? reports.Max(r => r.Signals.ReportedAt) : c.CreatedAt;
        var due = first + Options.TargetFor(priority.Level);
        return new QueueRow(c.Id, c.Reference, c.Summary, c.Language, c.Status, priority, first, last, due, open && now > due,
            reports.Count, reports.Select(r => r.Signals.OrganisationId).Distinct().Count(), c.AssignedToName,
            reports.SelectMany(r => r.Platforms).Distinct().Order().ToList(), reports.Any(r => r.Suggested is not null));
    }

    private static async Task<Dictionary<Guid, List<CaseSignals>>> SignalsAsync(PortalDbContext db, List<Guid> caseIds, CancellationToken cancellationToken)
    {
        var reports = await db.Set<RumourReport>().AsNoTracking()
            .Where(r => caseIds.Contains(r.CaseId))
            .Select(r => new { r.CaseId, r.OrganisationId, r.Reach, r.Targets, r.ReportedAt, r.Platforms, r.Governorates, r.SuggestedCaseId })
            .ToListAsync(cancellationToken);
        return reports.GroupBy(r => r.CaseId).ToDictionary(g => g.Key, g => g.Select(r =>
            new CaseSignals(r.CaseId, new ReportSignals(r.OrganisationId, r.Reach, r.Targets, r.ReportedAt), [.. r.Platforms], [.. r.Governorates],
                r.SuggestedCaseId)).ToList());
    }

    /// <summary>A case with everything the unit needs to work it; null when there is no such case.</summary>
    public async Task<CaseView?> CaseAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rumourCase = await db.Set<RumourCase>().AsNoTracking()
            .Include(c => c.Notes).Include(c => c.Events)
            .AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (rumourCase is null)
        {
            return null;
        }

        var reports = await db.Set<RumourReport>().AsNoTracking().Include(r => r.Screenshots)
            .Where(r => r.CaseId == id).OrderBy(r => r.ReportedAt).ToListAsync(cancellationToken);
        var organisationIds = reports.Select(r => r.OrganisationId).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, cancellationToken);
        var language = Infrastructure.Localisation.Cultures.Current;
        var reportViews = reports.Select(r => new CaseReportView(r.Id,
            organisations.TryGetValue(r.OrganisationId, out var o) ? o.NameFor(language) : "—", r.ReporterName, r.ReportedAt, r.ClaimText, r.Language,
            r.Platforms, r.Links, r.FirstSeen, r.Reach, r.Governorates, r.Targets, r.SuspectedKind, r.Details, r.Match, r.Similarity,
            r.Screenshots.Select(s => new ScreenshotView(s.Id, s.FileName)).ToList())).ToList();

        var now = clock.GetUtcNow();
        var signals = reports.Select(r => new CaseSignals(r.CaseId, new ReportSignals(r.OrganisationId, r.Reach, r.Targets, r.ReportedAt),
            [.. r.Platforms], [.. r.Governorates], r.SuggestedCaseId)).ToList();
        var row = Row(rumourCase, signals, now);

        // Suggestions: cases the reports were found to resemble when filed, and what the index finds for the summary now.
        var similar = new Dictionary<Guid, double>();
        foreach (var report in reports)
        {
            foreach (var match in index.Find(report.ClaimText, report.Language, max: 5))
            {
                if (match.CaseId != id && (!similar.TryGetValue(match.CaseId, out var s) || s < match.Similarity))
                {
                    similar[match.CaseId] = match.Similarity;
                }
            }
        }

        var suggestedIds = similar.Keys.ToList();
        var suggestedCases = await db.Set<RumourCase>().AsNoTracking().Where(c => suggestedIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Number, c.Summary, c.Status, Count = db.Set<RumourReport>().Count(r => r.CaseId == c.Id) })
            .ToListAsync(cancellationToken);
        var suggestions = suggestedCases
            .Select(c => new SuggestionView(c.Id, RumourCase.FormatReference(c.Number), c.Summary, similar[c.Id], c.Status, c.Count))
            .OrderByDescending(s => s.Similarity).Take(5).ToList();

        var factCheck = await db.Set<FactCheck>().AsNoTracking().FirstOrDefaultAsync(f => f.CaseId == id, cancellationToken);
        return new CaseView(rumourCase, row.Priority, row.DueAt, row.Overdue, reportViews,
            rumourCase.Notes.OrderByDescending(n => n.CreatedAt).ToList(), rumourCase.Events.OrderByDescending(e => e.At).ToList(),
            suggestions, await AnalystsAsync(db, cancellationToken), factCheck);
    }

    private static async Task<List<AnalystView>> AnalystsAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        await (from u in db.Users
               join ur in db.UserRoles on u.Id equals ur.UserId
               join r in db.Roles on ur.RoleId equals r.Id
               where r.Name == PortalRoles.IhecAntiRumour && !u.IsDeactivated
               orderby u.DisplayName
               select new AnalystView(u.Id, u.DisplayName)).ToListAsync(cancellationToken);

    /// <summary>Assigns, changes state, adds a note, rewords the summary, merges another case in, or splits a report out.</summary>
    public async Task<Result<Guid>> ActAsync(Guid id, CaseAction action, CaseActionForm form, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var errors = FormCheck.Validate(form);
        if (errors.Count > 0)
        {
            return Result<Guid>.Fail(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rumourCase = await db.Set<RumourCase>().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (rumourCase is null)
        {
            return Result<Guid>.Fail("CaseNotFound");
        }

        if (rumourCase.Version != form.Version)
        {
            return Result<Guid>.Fail("CaseChanged");
        }

        var now = clock.GetUtcNow();
        var result = id;
        var moves = new List<(Guid Report, Guid Case)>();
        switch (action)
        {
            case CaseAction.Assign:
            {
                if (string.IsNullOrEmpty(form.AssignTo))
                {
                    rumourCase.AssignedToUserId = null;
                    rumourCase.AssignedToName = null;
                }
                else
                {
                    var analyst = (await AnalystsAsync(db, cancellationToken)).FirstOrDefault(a => a.UserId == form.AssignTo);
                    if (analyst is null)
                    {
                        return Result<Guid>.Fail("AssigneeInvalid", nameof(CaseActionForm.AssignTo));
                    }

                    rumourCase.AssignedToUserId = analyst.UserId;
                    rumourCase.AssignedToName = analyst.Name;
                }

                AddEvent(db, id, actor, RumourEventKind.Assigned, rumourCase.AssignedToName, now);
                db.Audit(actor, RumourAuditActions.Assigned, RumourAuditActions.CaseEntity, id.ToString(), rumourCase.AssignedToName, null, clock);
                break;
            }

            case CaseAction.SetStatus:
            {
                // Responded is reached by publishing a response; anything else may be set, including reopening.
                if (form.Status is not { } status || status is RumourStatus.Responded or RumourStatus.New || !Enum.IsDefined(status))
                {
                    return Result<Guid>.Fail("StatusInvalid", nameof(CaseActionForm.Status));
                }

                rumourCase.Status = status;
                AddEvent(db, id, actor, status == RumourStatus.Closed ? RumourEventKind.Closed : RumourEventKind.StatusChanged, status.ToString(), now);
                db.Audit(actor, RumourAuditActions.StatusChanged, RumourAuditActions.CaseEntity, id.ToString(), status.ToString(), null, clock);
                break;
            }

            case CaseAction.AddNote:
                if (string.IsNullOrWhiteSpace(form.Note))
                {
                    return Result<Guid>.Fail("Required", nameof(CaseActionForm.Note));
                }

                db.Add(new RumourNote { CaseId = id, AuthorName = actor.Name, Text = form.Note.Trim(), CreatedAt = now });
                db.Audit(actor, RumourAuditActions.NoteAdded, RumourAuditActions.CaseEntity, id.ToString(), null, null, clock);
                break;

            case CaseAction.EditSummary:
                if (string.IsNullOrWhiteSpace(form.Summary))
                {
                    return Result<Guid>.Fail("Required", nameof(CaseActionForm.Summary));
                }

                rumourCase.Summary = form.Summary.Trim();
                AddEvent(db, id, actor, RumourEventKind.SummaryEdited, null, now);
                db.Audit(actor, RumourAuditActions.SummaryEdited, RumourAuditActions.CaseEntity, id.ToString(), null, null, clock);
                break;

            case CaseAction.Merge:
            {
                var reference = form.MergeReference?.Trim() ?? "";
                var number = reference.StartsWith("R-", StringComparison.OrdinalIgnoreCase) && int.TryParse(reference[2..], out var n) ? n : -1;
                var other = await db.Set<RumourCase>().FirstOrDefaultAsync(c => c.Number == number, cancellationToken);
                if (other is null || other.Id == id)
                {
                    return Result<Guid>.Fail("MergeCaseInvalid", nameof(CaseActionForm.MergeReference));
                }

                if (await db.Set<FactCheck>().AnyAsync(f => f.CaseId == other.Id, cancellationToken))
                {
                    return Result<Guid>.Fail("MergePublished", nameof(CaseActionForm.MergeReference));
                }

                var moved = await db.Set<RumourReport>().Where(r => r.CaseId == other.Id).ToListAsync(cancellationToken);
                foreach (var report in moved)
                {
                    report.CaseId = id;
                    report.Match = MatchOutcome.Moved;
                    moves.Add((report.Id, id));
                }

                other.Status = RumourStatus.Closed;
                other.Version = Guid.NewGuid();
                other.UpdatedAt = now;
                AddEvent(db, other.Id, actor, RumourEventKind.Merged, rumourCase.Reference, now);
                AddEvent(db, id, actor, RumourEventKind.Merged, other.Reference, now);
                db.Audit(actor, RumourAuditActions.Merged, RumourAuditActions.CaseEntity, id.ToString(), other.Reference, null, clock);
                break;
            }

            case CaseAction.Split:
            {
                var report = await db.Set<RumourReport>().FirstOrDefaultAsync(r => r.Id == form.SplitReport && r.CaseId == id, cancellationToken);
                if (report is null || await db.Set<RumourReport>().CountAsync(r => r.CaseId == id, cancellationToken) < 2)
                {
                    return Result<Guid>.Fail("SplitInvalid");
                }

                var number = (await db.Set<RumourCase>().MaxAsync(c => (int?)c.Number, cancellationToken) ?? 0) + 1;
                var split = new RumourCase
                {
                    Number = number, Summary = report.ClaimText, Language = report.Language, Status = RumourStatus.Triaged,
                    CreatedAt = now, UpdatedAt = now,
                };
                db.Add(split);
                report.CaseId = split.Id;
                report.Match = MatchOutcome.Moved;
                moves.Add((report.Id, split.Id));
                AddEvent(db, split.Id, actor, RumourEventKind.Split, rumourCase.Reference, now);
                AddEvent(db, id, actor, RumourEventKind.Split, split.Reference, now);
                db.Audit(actor, RumourAuditActions.Split, RumourAuditActions.CaseEntity, id.ToString(), split.Reference, null, clock);
                result = split.Id;
                break;
            }
        }

        rumourCase.UpdatedAt = now;
        rumourCase.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<Guid>.Fail("CaseChanged");
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var (report, caseId) in moves)
        {
            index.MoveToCase(report, caseId);
        }

        return Result<Guid>.Success(result);
    }

    /// <summary>
    /// Publishes (or corrects) IHEC's answer at its permalink, marks the case Responded with the verdict, and tells every
    /// organisation that reported the claim.
    /// </summary>
    public async Task<Result<string>> RespondAsync(Guid id, ResponseForm form, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var errors = FormCheck.Validate(form);
        if (errors.Count > 0)
        {
            return Result<string>.Fail(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rumourCase = await db.Set<RumourCase>().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (rumourCase is null)
        {
            return Result<string>.Fail("CaseNotFound");
        }

        if (rumourCase.Version != form.Version)
        {
            return Result<string>.Fail("CaseChanged");
        }

        var now = clock.GetUtcNow();
        var reports = await db.Set<RumourReport>().AsNoTracking().Where(r => r.CaseId == id).ToListAsync(cancellationToken);
        var factCheck = await db.Set<FactCheck>().FirstOrDefaultAsync(f => f.CaseId == id, cancellationToken);
        var first = factCheck is null;
        if (factCheck is null)
        {
            factCheck = new FactCheck { CaseId = id, Slug = rumourCase.Reference.ToLowerInvariant(), PublishedAt = now };
            db.Add(factCheck);
        }

        factCheck.Verdict = form.Verdict!.Value;
        factCheck.ClaimAr = form.ClaimAr.Trim();
        factCheck.ClaimCkb = Blank(form.ClaimCkb);
        factCheck.ClaimEn = Blank(form.ClaimEn);
        factCheck.ResponseAr = form.ResponseAr.Trim();
        factCheck.ResponseCkb = Blank(form.ResponseCkb);
        factCheck.ResponseEn = Blank(form.ResponseEn);
        factCheck.Appearances = reports.SelectMany(r => r.Links).Distinct().Take(20).ToList();
        factCheck.ClaimFirstSeen = reports.Select(r => r.FirstSeen).Where(d => d is not null).Min();
        factCheck.UpdatedAt = now;
        factCheck.PublishedBy = actor.Name;

        rumourCase.Status = RumourStatus.Responded;
        rumourCase.Verdict = form.Verdict;
        rumourCase.VerdictReason = form.VerdictReason.Trim();
        rumourCase.RespondedAt ??= now;
        rumourCase.UpdatedAt = now;
        rumourCase.Version = Guid.NewGuid();
        AddEvent(db, id, actor, RumourEventKind.Responded, form.Verdict.ToString(), now);
        db.Audit(actor, RumourAuditActions.Responded, RumourAuditActions.CaseEntity, id.ToString(), form.Verdict.ToString(), null, clock);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<string>.Fail("CaseChanged");
        }

        await transaction.CommitAsync(cancellationToken);

        var reporterIds = reports.Select(r => r.ReporterUserId).Distinct().ToList();
        var reporters = await db.Users.AsNoTracking().Where(u => reporterIds.Contains(u.Id) && !u.IsDeactivated && u.Email != null)
            .Select(u => new RumourEmails.Recipient(u.Email!, u.DisplayName, u.PreferredCulture)).ToListAsync(cancellationToken);
        await emails.SendResponseAsync(reporters, rumourCase.Reference, factCheck, first, cancellationToken);
        return Result<string>.Success(factCheck.Slug);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The unit's dashboard: reports per day, platform, target and governorate over the last days, and the open workload.</summary>
    public async Task<DashboardView> DashboardAsync(int days, CancellationToken cancellationToken = default)
    {
        days = Math.Clamp(days, 1, 90);
        var now = clock.GetUtcNow();
        var iraq = TimeSpan.FromHours(3);
        var today = DateOnly.FromDateTime(now.ToOffset(iraq).DateTime);
        var since = new DateTimeOffset(today.AddDays(1 - days).ToDateTime(TimeOnly.MinValue), iraq);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var reports = await db.Set<RumourReport>().AsNoTracking()
            .Where(r => r.ReportedAt >= since)
            .Select(r => new { r.ReportedAt, r.Platforms, r.Targets, r.Governorates, r.CaseId })
            .ToListAsync(cancellationToken);
        var byDay = Enumerable.Range(0, days).Select(i => today.AddDays(i + 1 - days))
            .Select(d => (d, reports.Count(r => DateOnly.FromDateTime(r.ReportedAt.ToOffset(iraq).DateTime) == d))).ToList();
        static List<CountRow> Count(IEnumerable<string> keys) =>
            keys.GroupBy(k => k).Select(g => new CountRow(g.Key, g.Count())).OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        var queue = await QueueAsync(new QueueFilter(), null, cancellationToken);
        return new DashboardView(days, byDay,
            Count(reports.SelectMany(r => r.Platforms).Select(p => p.ToString())),
            Count(reports.SelectMany(r => r.Targets).Select(t => t.ToString())),
            Count(reports.SelectMany(r => r.Governorates)),
            queue.StatusCounts.Where(kv => OpenStatuses.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value),
            reports.Count, reports.Select(r => r.CaseId).Distinct().Count(), queue.OverdueCount);
    }
}
