using System.Security.Claims;
using Ihec.Portal.Features.Organisations;
using Ihec.Portal.Features.Rumours.Matching;
using Ihec.Portal.Infrastructure.Auditing;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Infrastructure.Files;
using Ihec.Portal.Shared.Files;
using Ihec.Portal.Shared.Organisations;
using Ihec.Portal.Shared.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ihec.Portal.Features.Rumours;

/// <summary>
/// The rumour queue's use cases: CSO intake and the organisation's own list (this file), the anti-rumour unit's triage
/// (<c>.Triage.cs</c>) and the public fact-checks (<c>.Public.cs</c>). A CSO's organisation always comes from its claim,
/// never from a URL or a form; pages only bind forms and call these methods.
/// </summary>
public sealed partial class RumourService(
    IDbContextFactory<PortalDbContext> dbFactory,
    IAuthorizationService authorization,
    IFileStorage files,
    KeptUploads keptUploads,
    NearDuplicateIndex index,
    RumourEmails emails,
    IOptions<RumourOptions> options,
    TimeProvider clock,
    ILogger<RumourService> logger)
{
    private const string KeptScreenshotPurpose = "Ihec.Portal.Rumours.KeptScreenshot";
    private static readonly FileKind[] ScreenshotKinds = [FileKind.Png, FileKind.Jpeg, FileKind.Webp];

    private RumourOptions Options => options.Value;

    public static string NewSubmissionKey() => Guid.NewGuid().ToString("N");

    public static bool IsSubmissionKey(string? key) => key is { Length: 32 } && key.All(char.IsAsciiHexDigit);

    private async Task<Guid?> OrganisationOfAsync(ClaimsPrincipal user)
    {
        if (!(await authorization.AuthorizeAsync(user, PortalPolicies.CsoMember)).Succeeded)
        {
            return null;
        }

        return Guid.TryParse(user.FindFirstValue(PortalClaims.OrganisationId), out var id) ? id : null;
    }

    /// <summary>
    /// Checks newly chosen screenshots by content and size, stores them, and adds their protected references to the form,
    /// so a form sent back with other errors does not ask for them again.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> KeepScreenshotsAsync(IEnumerable<IFormFile> uploads, ReportForm form, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        foreach (var upload in uploads)
        {
            // Browsers send an empty part without a name when no file was chosen.
            if (upload.Length == 0 && string.IsNullOrEmpty(upload.FileName))
            {
                continue;
            }

            if (form.KeptScreenshots.Count >= Options.MaxScreenshots)
            {
                errors.Add(new FieldError(nameof(ReportForm.KeptScreenshots), "ScreenshotsTooMany", [Options.MaxScreenshots]));
                break;
            }

            var (outcome, kind, content) = await UploadCheck.InspectAsync(upload, Options.MaxScreenshotBytes, ScreenshotKinds, cancellationToken);
            if (outcome != UploadCheck.Outcome.Ok)
            {
                errors.Add(new FieldError(nameof(ReportForm.KeptScreenshots), outcome == UploadCheck.Outcome.TooLarge ? "ScreenshotTooLarge" : "ScreenshotWrongType",
                    [DocumentNames.Sanitise(upload.FileName, kind), Options.MaxScreenshotBytes / (1024 * 1024)]));
                continue;
            }

            await using (content)
            {
                var stored = await files.SaveAsync(content!, kind, cancellationToken);
                var name = DocumentNames.Sanitise(upload.FileName, kind);
                form.KeptScreenshots.Add(keptUploads.Keep(KeptScreenshotPurpose, stored.Id, [kind.ToString(), name], Options.KeptScreenshotLifetime));
            }
        }

        return errors;
    }

    /// <summary>The names of the kept screenshots whose references are still valid; invalid ones are dropped from the form.</summary>
    public IReadOnlyList<string> KeptScreenshotNames(ReportForm form)
    {
        var valid = keptUploads.PeekAll(KeptScreenshotPurpose, form.KeptScreenshots, 3, Options.MaxScreenshots)
            .Select(x => (x.Token, File: Screenshot(x.Fields))).Where(x => x.File is not null).ToList();
        form.KeptScreenshots = valid.Select(x => x.Token).ToList();
        return valid.Select(x => x.File!.Value.Name).ToList();
    }

    private static (string Id, FileKind Kind, string Name)? Screenshot(string[]? parts) =>
        parts is [var id, var kindName, var name] && Enum.TryParse<FileKind>(kindName, out var kind) && ScreenshotKinds.Contains(kind)
            ? (id, kind, name)
            : null;

    /// <summary>The report already filed with this form's key by this organisation, if any (a retried post).</summary>
    public async Task<SubmittedReport?> FindSubmissionAsync(ClaimsPrincipal user, string? key, CancellationToken cancellationToken = default)
    {
        if (!IsSubmissionKey(key) || await OrganisationOfAsync(user) is not { } organisationId)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.Set<RumourReport>().AsNoTracking()
            .Where(r => r.SubmissionKey == key && r.OrganisationId == organisationId)
            .Select(r => new { r.Id, r.CaseId })
            .FirstOrDefaultAsync(cancellationToken);
        return found is null ? null : await SubmittedAsync(db, found.Id, found.CaseId, cancellationToken);
    }

    private static async Task<SubmittedReport> SubmittedAsync(PortalDbContext db, Guid reportId, Guid caseId, CancellationToken cancellationToken)
    {
        var number = await db.Set<RumourCase>().Where(c => c.Id == caseId).Select(c => c.Number).SingleAsync(cancellationToken);
        var slug = await db.Set<FactCheck>().Where(f => f.CaseId == caseId).Select(f => f.Slug).FirstOrDefaultAsync(cancellationToken);
        return new SubmittedReport(reportId, RumourCase.FormatReference(number), slug);
    }

    /// <summary>Every rule of a report, checked here whatever the page did.</summary>
    public IReadOnlyList<FieldError> Check(ReportForm form)
    {
        var errors = FormCheck.Validate(form);
        if (!Enum.IsDefined(form.Reach))
        {
            errors.Add(new FieldError(nameof(ReportForm.Reach), "Invalid"));
        }

        if (!Enum.IsDefined(form.SuspectedKind))
        {
            errors.Add(new FieldError(nameof(ReportForm.SuspectedKind), "Invalid"));
        }

        var links = form.LinkList();
        if (links.Count > ReportForm.MaxLinks)
        {
            errors.Add(new FieldError(nameof(ReportForm.Links), "LinksTooMany", [ReportForm.MaxLinks]));
        }
        else if (links.FirstOrDefault(l => !WebAddresses.IsValid(l)) is { } bad)
        {
            errors.Add(new FieldError(nameof(ReportForm.Links), "LinkInvalid", [bad.Length > 80 ? bad[..80] + "…" : bad]));
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(3)).DateTime);
        if (form.FirstSeen is { } seen && (seen > today || seen < today.AddYears(-2)))
        {
            errors.Add(new FieldError(nameof(ReportForm.FirstSeen), "FirstSeenInvalid"));
        }

        return errors.DistinctBy(e => e.Field).ToList();
    }

    /// <summary>
    /// Files a report: grouped under an existing case when it is confidently the same claim, otherwise a new case (with the
    /// closest case suggested to the analyst when there is a likely one).
    /// </summary>
    public async Task<Result<SubmittedReport>> SubmitAsync(ClaimsPrincipal user, ReportForm form, AuditActor actor, CancellationToken cancellationToken = default)
    {
        if (await OrganisationOfAsync(user) is not { } organisationId || actor.UserId is null)
        {
            return Result<SubmittedReport>.Fail("NotAllowed");
        }

        if (await FindSubmissionAsync(user, form.SubmissionKey, cancellationToken) is { } filed)
        {
            return Result<SubmittedReport>.Success(filed);
        }

        var errors = Check(form);
        if (errors.Count > 0)
        {
            return Result<SubmittedReport>.Fail(errors);
        }

        // The member's own uploads, each once, not attached to any report yet.
        var kept = (await keptUploads.RedeemAllAsync(KeptScreenshotPurpose, form.KeptScreenshots, 3, Options.MaxScreenshots, cancellationToken))
            .Select(Screenshot).OfType<(string Id, FileKind Kind, string Name)>().ToList();
        var text = form.ClaimText.Trim();
        var language = form.Language is "ar" or "ckb" or "en" ? form.Language : ClaimFeatures.GuessLanguage(text);
        var now = clock.GetUtcNow();
        var matches = index.Find(text, language, max: 3);
        var best = matches.FirstOrDefault();

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var report = new RumourReport
        {
            OrganisationId = organisationId,
            ReporterUserId = actor.UserId,
            ReporterName = user.FindFirstValue(PortalClaims.DisplayName) ?? actor.Name,
            ClaimText = text,
            Language = language,
            Platforms = form.Platforms.Distinct().ToList(),
            Links = form.LinkList().Select(l => l.Trim()).Distinct().ToList(),
            FirstSeen = form.FirstSeen,
            Reach = form.Reach,
            Governorates = form.Governorates.Distinct().ToList(),
            Targets = form.Targets.Distinct().ToList(),
            SuspectedKind = form.SuspectedKind,
            Details = string.IsNullOrWhiteSpace(form.Details) ? null : form.Details.Trim(),
            ReportedAt = now,
            SubmissionKey = IsSubmissionKey(form.SubmissionKey) ? form.SubmissionKey! : NewSubmissionKey(),
            Screenshots = kept.Select(k => new RumourScreenshot { FileId = k.Id, FileKind = k.Kind, FileName = k.Name }).ToList(),
        };

        RumourCase? existing = null;
        if (best is not null && best.Similarity >= NearDuplicateIndex.AutoGroupThreshold)
        {
            existing = await db.Set<RumourCase>().FirstOrDefaultAsync(c => c.Id == best.CaseId, cancellationToken);
        }

        RumourCase rumourCase;
        if (existing is not null)
        {
            rumourCase = existing;
            report.Match = MatchOutcome.Grouped;
            report.Similarity = Math.Round(best!.Similarity, 3);
            rumourCase.UpdatedAt = now;
            rumourCase.Version = Guid.NewGuid();
            // A claim answered and closed that comes back is worked again; an answered one keeps its answer.
            if (rumourCase.Status == RumourStatus.Closed)
            {
                rumourCase.Status = RumourStatus.Triaged;
                AddEvent(db, rumourCase.Id, actor, RumourEventKind.StatusChanged, nameof(RumourStatus.Triaged), now);
            }

            AddEvent(db, rumourCase.Id, actor, RumourEventKind.ReportAdded, FormattableString.Invariant($"{report.Similarity:0.00}"), now);
        }
        else
        {
            var number = (await db.Set<RumourCase>().MaxAsync(c => (int?)c.Number, cancellationToken) ?? 0) + 1;
            rumourCase = new RumourCase
            {
                Number = number,
                Summary = text.Length > 2000 ? text[..2000] : text,
                Language = language,
                Status = RumourStatus.New,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Add(rumourCase);
            report.Match = MatchOutcome.NewCase;
            report.SuggestedCaseId = best?.CaseId;
            AddEvent(db, rumourCase.Id, actor, RumourEventKind.Opened, null, now);
        }

        report.CaseId = rumourCase.Id;
        db.Add(report);
        db.Audit(actor, RumourAuditActions.Reported, RumourAuditActions.ReportEntity, report.Id.ToString(), rumourCase.Reference, organisationId, clock);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        index.Add(report.Id, rumourCase.Id, text, language);
        logger.LogInformation("Rumour report {ReportId} filed under case {Case} ({Match})", report.Id, rumourCase.Reference, report.Match);
        return Result<SubmittedReport>.Success(await SubmittedAsync(db, report.Id, rumourCase.Id, cancellationToken));
    }

    private static void AddEvent(PortalDbContext db, Guid caseId, AuditActor actor, RumourEventKind kind, string? details, DateTimeOffset at) =>
        db.Add(new RumourEvent { CaseId = caseId, At = at, ActorName = actor.Name, Kind = kind, Details = details });

    /// <summary>The organisation's reports, newest first, with their case's state and the public answer when there is one.</summary>
    public async Task<IReadOnlyList<MyReportRow>?> MyReportsAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (await OrganisationOfAsync(user) is not { } organisationId)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await (
                from r in db.Set<RumourReport>().AsNoTracking()
                where r.OrganisationId == organisationId
                join c in db.Set<RumourCase>() on r.CaseId equals c.Id
                join f in db.Set<FactCheck>() on c.Id equals f.CaseId into facts
                from f in facts.DefaultIfEmpty()
                select new { r.Id, r.ReportedAt, r.ClaimText, r.ReporterName, c.Number, c.Status, c.Verdict, Slug = f == null ? null : f.Slug, Shots = r.Screenshots.Count })
            .ToListAsync(cancellationToken);
        return rows.OrderByDescending(r => r.ReportedAt)
            .Select(r => new MyReportRow(r.Id, r.ReportedAt, r.ClaimText, r.ReporterName, RumourCase.FormatReference(r.Number), r.Status,
                r.Status is RumourStatus.Responded or RumourStatus.Closed ? r.Verdict : null, r.Slug, r.Shots))
            .ToList();
    }

    /// <summary>A screenshot, for the unit or for a member of the organisation that sent it; null for anyone else.</summary>
    public async Task<(Stream Content, string FileName, FileKind Kind)?> OpenScreenshotAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var shot = await (from s in db.Set<RumourScreenshot>().AsNoTracking()
                          join r in db.Set<RumourReport>() on s.ReportId equals r.Id
                          where s.Id == id
                          select new { s.FileId, s.FileName, s.FileKind, r.OrganisationId }).FirstOrDefaultAsync(cancellationToken);
        if (shot is null)
        {
            return null;
        }

        var allowed = (await authorization.AuthorizeAsync(user, PortalPolicies.IhecAntiRumour)).Succeeded
                      || await OrganisationOfAsync(user) == shot.OrganisationId;
        if (!allowed || await files.OpenAsync(shot.FileId, cancellationToken) is not { } stream)
        {
            return null;
        }

        return (stream, shot.FileName, shot.FileKind);
    }
}

public static class RumourAuditActions
{
    public const string ReportEntity = "RumourReport";
    public const string CaseEntity = "RumourCase";
    public const string Reported = "rumour.reported";
    public const string StatusChanged = "rumour.status";
    public const string Assigned = "rumour.assigned";
    public const string Merged = "rumour.merged";
    public const string Split = "rumour.split";
    public const string Responded = "rumour.responded";
    public const string NoteAdded = "rumour.note";
    public const string SummaryEdited = "rumour.summary";
}
