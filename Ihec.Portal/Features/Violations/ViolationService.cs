using System.Security.Claims;
using Ihec.Portal.Features.Organisations;
using Ihec.Portal.Infrastructure.Auditing;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Infrastructure.Files;
using Ihec.Portal.Infrastructure.Geography;
using Ihec.Portal.Infrastructure.Localisation;
using Ihec.Portal.Shared.Files;
using Ihec.Portal.Shared.Organisations;
using Ihec.Portal.Shared.Security;
using Ihec.Portal.Shared.Violations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ihec.Portal.Features.Violations;

/// <summary>
/// Violation reporting's use cases: CSO intake, the organisation's own reports and its answers (this file), the monitoring
/// reviewers' work (<c>.Review.cs</c>) and the public map (<c>.Public.cs</c>). A CSO's organisation always comes from its
/// claim, never from a URL or a form; another organisation's report is "not found", never "forbidden".
/// </summary>
public sealed partial class ViolationService(
    IDbContextFactory<PortalDbContext> dbFactory,
    IAuthorizationService authorization,
    IFileStorage files,
    KeptUploads keptUploads,
    GovernorateBoundaries boundaries,
    ViolationEmails emails,
    ViolationElections elections,
    IOptions<ViolationOptions> options,
    TimeProvider clock,
    ILogger<ViolationService> logger)
{
    private const string KeptEvidencePurpose = "Ihec.Portal.Violations.KeptEvidence";
    private static readonly TimeSpan IraqOffset = TimeSpan.FromHours(3);

    /// <summary>Photos (stored without metadata), PDF documents, short videos and audio recordings (see <see cref="MediaMetadata"/>).</summary>
    public static readonly IReadOnlyList<FileKind> EvidenceKinds =
    [
        FileKind.Jpeg, FileKind.Png, FileKind.Webp, FileKind.Pdf,
        FileKind.Mp4, FileKind.QuickTime, FileKind.WebM, FileKind.Matroska,
        FileKind.M4a, FileKind.Mp3, FileKind.Ogg, FileKind.Wav,
    ];

    /// <summary>The file picker's hint of what to offer; the server checks the content whatever the browser sends.</summary>
    public const string EvidenceAccept = ".png,.jpg,.jpeg,.webp,.pdf,.mp4,.m4v,.mov,.webm,.mkv,.3gp,.m4a,.mp3,.ogg,.opus,.oga,.wav,"
        + "image/png,image/jpeg,image/webp,application/pdf,video/*,audio/*";

    /// <summary>The size limit for a kind of evidence: video and audio have their own.</summary>
    public static long MaxBytesFor(FileKind kind, ViolationOptions options) =>
        FileSignatures.IsVideo(kind) ? options.MaxVideoBytes : FileSignatures.IsAudio(kind) ? options.MaxAudioBytes : options.MaxEvidenceBytes;

    private ViolationOptions Options => options.Value;

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

    private async Task<bool> IsReviewerAsync(ClaimsPrincipal user) =>
        (await authorization.AuthorizeAsync(user, PortalPolicies.IhecMonitoring)).Succeeded;

    /// <summary>
    /// Checks newly chosen evidence by content and size, removes photos' metadata, stores the files, and adds their
    /// protected references to the form, so a form sent back with other errors does not ask for them again.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> KeepEvidenceAsync(IEnumerable<IFormFile> uploads, ViolationForm form, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        foreach (var upload in uploads.Where(IsChosen))
        {
            if (form.KeptEvidence.Count >= Options.MaxEvidenceFiles)
            {
                errors.Add(new FieldError(nameof(ViolationForm.KeptEvidence), "EvidenceTooMany", [Options.MaxEvidenceFiles]));
                break;
            }

            var (error, stored) = await StoreEvidenceAsync(upload, nameof(ViolationForm.KeptEvidence), cancellationToken);
            if (stored is { } file)
            {
                form.KeptEvidence.Add(keptUploads.Keep(KeptEvidencePurpose, file.FileId,
                    [file.FileKind.ToString(), file.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), file.FileName], Options.KeptEvidenceLifetime));
            }
            else
            {
                errors.Add(error!);
            }
        }

        return errors;
    }

    // Browsers send an empty part without a name when no file was chosen.
    private static bool IsChosen(IFormFile upload) => upload.Length > 0 || !string.IsNullOrEmpty(upload.FileName);

    /// <summary>One upload checked by content and size and stored, photos and most media without their metadata; or why it was refused.</summary>
    private async Task<(FieldError? Error, ViolationEvidence? Stored)> StoreEvidenceAsync(IFormFile upload, string field, CancellationToken cancellationToken)
    {
        var largest = Math.Max(Options.MaxEvidenceBytes, Math.Max(Options.MaxVideoBytes, Options.MaxAudioBytes));
        var (outcome, kind, content) = await UploadCheck.InspectAsync(upload, largest, EvidenceKinds.ToArray(), cancellationToken);
        var name = DocumentNames.Sanitise(upload.FileName, kind);
        var megabytes = MaxBytesFor(kind, Options) / (1024 * 1024);
        if (outcome == UploadCheck.Outcome.Ok && upload.Length > MaxBytesFor(kind, Options))
        {
            await content!.DisposeAsync();
            outcome = UploadCheck.Outcome.TooLarge;
        }

        if (outcome != UploadCheck.Outcome.Ok)
        {
            return (new FieldError(field, outcome == UploadCheck.Outcome.TooLarge ? "EvidenceTooLarge" : "EvidenceWrongType", [name, megabytes]), null);
        }

        await using (content)
        {
            // A photo's EXIF or a phone video's user data can carry the observer's position and phone: it never reaches the disk.
            var bytes = content!.ToArray();
            var clean = FileSignatures.IsVideo(kind) || FileSignatures.IsAudio(kind) ? MediaMetadata.Strip(bytes, kind) : ImageMetadata.Strip(bytes, kind);
            if (clean is null)
            {
                return (new FieldError(field, "EvidenceWrongType", [name, megabytes]), null);
            }

            using var stream = new MemoryStream(clean, writable: false);
            var stored = await files.SaveAsync(stream, kind, cancellationToken);
            return (null, new ViolationEvidence { FileId = stored.Id, FileKind = kind, FileName = name, Length = stored.Length });
        }
    }

    /// <summary>The names of the kept evidence files whose references are still valid; invalid ones are dropped from the form.</summary>
    public IReadOnlyList<string> KeptEvidenceNames(ViolationForm form)
    {
        var valid = keptUploads.PeekAll(KeptEvidencePurpose, form.KeptEvidence, 4, Options.MaxEvidenceFiles)
            .Select(x => (x.Token, File: Evidence(x.Fields))).Where(x => x.File is not null).ToList();
        form.KeptEvidence = valid.Select(x => x.Token).ToList();
        return valid.Select(x => x.File!.Value.Name).ToList();
    }

    /// <summary>The kept evidence the form may attach: the member's own uploads, each once, not attached to any report yet.</summary>
    private async Task<List<(string Id, FileKind Kind, long Length, string Name)>> RedeemKeptEvidenceAsync(ViolationForm form, CancellationToken cancellationToken) =>
        (await keptUploads.RedeemAllAsync(KeptEvidencePurpose, form.KeptEvidence, 4, Options.MaxEvidenceFiles, cancellationToken))
        .Select(Evidence).OfType<(string Id, FileKind Kind, long Length, string Name)>().ToList();

    private static (string Id, FileKind Kind, long Length, string Name)? Evidence(string[]? parts) =>
        parts is [var id, var kindName, var lengthText, var name] && Enum.TryParse<FileKind>(kindName, out var kind) && EvidenceKinds.Contains(kind)
                                                                && long.TryParse(lengthText, System.Globalization.CultureInfo.InvariantCulture, out var length)
            ? (id, kind, length, name)
            : null;

    /// <summary>The report already filed with this form's key by this organisation, if any (a retried post).</summary>
    public async Task<SubmittedViolation?> FindSubmissionAsync(ClaimsPrincipal user, string? key, CancellationToken cancellationToken = default)
    {
        if (!IsSubmissionKey(key) || await OrganisationOfAsync(user) is not { } organisationId)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await FindSubmissionAsync(db, organisationId, key!, cancellationToken);
    }

    private static async Task<SubmittedViolation?> FindSubmissionAsync(PortalDbContext db, Guid organisationId, string key, CancellationToken cancellationToken)
    {
        var found = await db.Set<ViolationReport>().AsNoTracking()
            .Where(r => r.SubmissionKey == key && r.OrganisationId == organisationId)
            .Select(r => new { r.Id, r.Number })
            .FirstOrDefaultAsync(cancellationToken);
        return found is null ? null : new SubmittedViolation(found.Id, ViolationReport.FormatReference(found.Number));
    }

    /// <summary>The elections a report may name, and the one the form proposes.</summary>
    public Task<ElectionChoices> ElectionsAsync(CancellationToken cancellationToken = default) => elections.GetAsync(cancellationToken);

    /// <summary>Every rule of a report, checked here whatever the page did; the election must be one of <paramref name="choices"/>.</summary>
    public IReadOnlyList<FieldError> Check(ViolationForm form, ElectionChoices choices)
    {
        var errors = FormCheck.Validate(form);
        if (!string.IsNullOrEmpty(form.ElectionId) && form.ElectionId.Length <= 64 && !choices.AcceptsForReport(form.ElectionId))
        {
            errors.Add(new FieldError(nameof(ViolationForm.ElectionId), choices.ForReports.Count == 0 ? "ElectionListUnavailable" : "ElectionUnknown"));
        }

        if (form.Category is { } category && !Enum.IsDefined(category))
        {
            errors.Add(new FieldError(nameof(ViolationForm.Category), "Invalid"));
        }

        if (!string.IsNullOrEmpty(form.Governorate) && !Governorates.IsKnown(form.Governorate))
        {
            errors.Add(new FieldError(nameof(ViolationForm.Governorate), "Invalid"));
        }

        var now = clock.GetUtcNow();
        if (form.OccurredAt is { } local)
        {
            var at = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), IraqOffset);
            if (at > now.AddMinutes(10) || at < now - Options.MaxAge)
            {
                errors.Add(new FieldError(nameof(ViolationForm.OccurredAt), "OccurredAtInvalid"));
            }
        }

        if (!string.IsNullOrWhiteSpace(form.Latitude) && Coordinate.Parse(form.Latitude) is not (>= -90 and <= 90))
        {
            errors.Add(new FieldError(nameof(ViolationForm.Latitude), "CoordinateInvalid"));
        }

        if (!string.IsNullOrWhiteSpace(form.Longitude) && Coordinate.Parse(form.Longitude) is not (>= -180 and <= 180))
        {
            errors.Add(new FieldError(nameof(ViolationForm.Longitude), "CoordinateInvalid"));
        }

        if (errors.All(e => e.Field is not (nameof(ViolationForm.Latitude) or nameof(ViolationForm.Longitude)))
            && form.Coordinates() is { } point && boundaries.GovernorateAt(point.Lon, point.Lat) is null)
        {
            errors.Add(new FieldError(nameof(ViolationForm.Latitude), "OutsideIraq"));
        }

        return errors.DistinctBy(e => e.Field).ToList();
    }

    /// <summary>
    /// Files a report. The governorate is the reporter's choice; the pin's governorate is stored beside it and a
    /// difference is flagged for the reviewer. A retried post with the same key returns the report already filed.
    /// </summary>
    public async Task<Result<SubmittedViolation>> SubmitAsync(ClaimsPrincipal user, ViolationForm form, AuditActor actor, CancellationToken cancellationToken = default)
    {
        if (await OrganisationOfAsync(user) is not { } organisationId || actor.UserId is null)
        {
            return Result<SubmittedViolation>.Fail("NotAllowed");
        }

        if (await FindSubmissionAsync(user, form.SubmissionKey, cancellationToken) is { } filed)
        {
            return Result<SubmittedViolation>.Success(filed);
        }

        var errors = Check(form, await elections.GetAsync(cancellationToken));
        if (errors.Count > 0)
        {
            return Result<SubmittedViolation>.Fail(errors);
        }

        var (lat, lon) = form.Coordinates()!.Value;
        var pinGovernorate = boundaries.GovernorateAt(lon, lat);
        var kept = await RedeemKeptEvidenceAsync(form, cancellationToken);
        var key = IsSubmissionKey(form.SubmissionKey) ? form.SubmissionKey! : NewSubmissionKey();
        var now = clock.GetUtcNow();

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            var number = (await db.Set<ViolationReport>().MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0) + 1;
            var report = new ViolationReport
            {
                Number = number,
                OrganisationId = organisationId,
                ReporterUserId = actor.UserId,
                ReporterName = user.FindFirstValue(PortalClaims.DisplayName) ?? actor.Name,
                Category = form.Category!.Value,
                ElectionId = form.ElectionId,
                OccurredAt = new DateTimeOffset(DateTime.SpecifyKind(form.OccurredAt!.Value, DateTimeKind.Unspecified), IraqOffset),
                Governorate = form.Governorate,
                District = form.District.Trim(),
                PollingStationCode = string.IsNullOrWhiteSpace(form.PollingStationCode) ? null : form.PollingStationCode.Trim(),
                Latitude = Math.Round(lat, 6),
                Longitude = Math.Round(lon, 6),
                PinGovernorate = pinGovernorate,
                GovernorateMismatch = pinGovernorate != form.Governorate,
                Description = form.Description.Trim(),
                PeopleInvolved = string.IsNullOrWhiteSpace(form.PeopleInvolved) ? null : form.PeopleInvolved.Trim(),
                Witnessed = form.Witnessed,
                PublicConsent = form.PublicConsent,
                State = ViolationState.Submitted,
                SubmittedAt = now,
                UpdatedAt = now,
                SubmissionKey = key,
                Evidence = kept.Select(k => new ViolationEvidence { FileId = k.Id, FileKind = k.Kind, FileName = k.Name, Length = k.Length }).ToList(),
            };
            report.Events.Add(new ViolationEvent { At = now, ActorName = actor.Name, Kind = ViolationEventKind.Submitted, ToState = ViolationState.Submitted,
                Details = report.GovernorateMismatch ? pinGovernorate : null });
            db.Add(report);
            db.Audit(actor, ViolationAuditActions.Reported, ViolationAuditActions.ReportEntity, report.Id.ToString(), report.Reference, organisationId, clock);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                logger.LogInformation("Violation report {Reference} filed by organisation {OrganisationId}", report.Reference, organisationId);
                return Result<SubmittedViolation>.Success(new SubmittedViolation(report.Id, report.Reference));
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Two posts at once: the same key (a double click) is the same report; otherwise another report took the number.
                db.ChangeTracker.Clear();
                if (await FindSubmissionAsync(db, organisationId, key, cancellationToken) is { } raced)
                {
                    return Result<SubmittedViolation>.Success(raced);
                }
            }
        }
    }

    /// <summary>The organisation's reports, newest first; null for anyone not in an organisation.</summary>
    public async Task<IReadOnlyList<MyViolationRow>?> MyReportsAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (await OrganisationOfAsync(user) is not { } organisationId)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<ViolationReport>().AsNoTracking()
            .Where(r => r.OrganisationId == organisationId)
            .Select(r => new { r.Id, r.Number, r.Category, r.Governorate, r.OccurredAt, r.SubmittedAt, r.ReporterName, r.State })
            .ToListAsync(cancellationToken);
        var updated = await UpdatedIdsAsync(db, organisationId, user.FindFirstValue(ClaimTypes.NameIdentifier), cancellationToken);
        return rows.OrderByDescending(r => r.SubmittedAt)
            .Select(r => new MyViolationRow(r.Id, ViolationReport.FormatReference(r.Number), r.Category, r.Governorate, r.OccurredAt, r.SubmittedAt, r.ReporterName, r.State)
                { Updated = updated.Contains(r.Id) })
            .ToList();
    }

    /// <summary>A report for a member of the organisation that filed it; null (not found) for anyone else.</summary>
    public async Task<ViolationView?> ForReporterAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken = default)
    {
        if (await OrganisationOfAsync(user) is not { } organisationId)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var report = await LoadAsync(db, id, cancellationToken);
        if (report is null || report.OrganisationId != organisationId)
        {
            return null;
        }

        // The organisation sees its thread and its report, not the reviewers' internal history or assignment.
        report.AssignedToName = null;
        report.AssignedToUserId = null;
        return await ViewAsync(db, report, includeHistory: false, cancellationToken);
    }

    /// <summary>
    /// The organisation's answer in the thread. When IHEC asked for information, the answer may bring more evidence and
    /// sends the report back under review.
    /// </summary>
    public async Task<Result> AnswerAsync(ClaimsPrincipal user, Guid id, CommentForm form, AuditActor actor, IReadOnlyList<IFormFile>? uploads = null,
        CancellationToken cancellationToken = default)
    {
        if (await OrganisationOfAsync(user) is not { } organisationId || actor.UserId is null)
        {
            return Result.Fail("NotFound");
        }

        var errors = FormCheck.Validate(form);
        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var report = await db.Set<ViolationReport>().FirstOrDefaultAsync(r => r.Id == id && r.OrganisationId == organisationId, cancellationToken);
        if (report is null)
        {
            return Result.Fail("NotFound");
        }

        var chosen = (uploads ?? []).Where(IsChosen).ToList();
        var added = new List<string>();
        if (chosen.Count > 0)
        {
            if (!ViolationWorkflow.ReporterMayAnswer(report.State))
            {
                return Result.Fail("EvidenceNotRequested");
            }

            var existing = await db.Set<ViolationEvidence>().CountAsync(e => e.ReportId == id, cancellationToken);
            if (existing + chosen.Count > Options.MaxEvidenceFiles)
            {
                return Result.Fail("EvidenceTooMany", "", Options.MaxEvidenceFiles);
            }

            foreach (var upload in chosen)
            {
                var (error, stored) = await StoreEvidenceAsync(upload, "", cancellationToken);
                if (stored is null)
                {
                    // Files stored before the refusal belong to no report: the upload sweeper removes them.
                    return Result.Fail([error!]);
                }

                stored.ReportId = id;
                db.Add(stored);
                added.Add(stored.FileName);
            }
        }

        var now = clock.GetUtcNow();
        if (added.Count > 0)
        {
            db.Add(new ViolationEvent { ReportId = id, At = now, ActorName = actor.Name, Kind = ViolationEventKind.EvidenceAdded,
                Details = string.Join(", ", added) is var names && names.Length > 2000 ? names[..2000] : names });
        }

        db.Add(new ViolationComment { ReportId = id, AuthorUserId = actor.UserId, AuthorName = user.FindFirstValue(PortalClaims.DisplayName) ?? actor.Name,
            FromIhec = false, Text = form.Text.Trim(), CreatedAt = now });
        db.Add(new ViolationEvent { ReportId = id, At = now, ActorName = actor.Name, Kind = ViolationEventKind.Commented });
        if (ViolationWorkflow.Check(report.State, ViolationState.UnderReview, ViolationParty.Reporter, null) == TransitionRefusal.None)
        {
            db.Add(new ViolationEvent { ReportId = id, At = now, ActorName = actor.Name, Kind = ViolationEventKind.StateChanged,
                FromState = report.State, ToState = ViolationState.UnderReview });
            report.State = ViolationState.UnderReview;
            report.StateReason = null;
        }

        report.UpdatedAt = now;
        report.Version = Guid.NewGuid();
        db.Audit(actor, ViolationAuditActions.Commented, ViolationAuditActions.ReportEntity, id.ToString(), report.Reference, organisationId, clock);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }

    /// <summary>An evidence file, for a reviewer or a member of the organisation that sent it; null (not found) for anyone else.</summary>
    public async Task<(Stream Content, string FileName, FileKind Kind)?> OpenEvidenceAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var evidence = await (from e in db.Set<ViolationEvidence>().AsNoTracking()
                              join r in db.Set<ViolationReport>() on e.ReportId equals r.Id
                              where e.Id == id
                              select new { e.FileId, e.FileName, e.FileKind, r.OrganisationId }).FirstOrDefaultAsync(cancellationToken);
        if (evidence is null)
        {
            return null;
        }

        var allowed = await IsReviewerAsync(user) || await OrganisationOfAsync(user) == evidence.OrganisationId;
        if (!allowed || await files.OpenAsync(evidence.FileId, cancellationToken) is not { } stream)
        {
            return null;
        }

        return (stream, evidence.FileName, evidence.FileKind);
    }

    private static Task<ViolationReport?> LoadAsync(PortalDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Set<ViolationReport>().AsNoTracking().AsSplitQuery()
            .Include(r => r.Evidence).Include(r => r.Comments).Include(r => r.Events)
            .FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    private static async Task<ViolationView> ViewAsync(PortalDbContext db, ViolationReport report, bool includeHistory, CancellationToken cancellationToken)
    {
        var organisation = (await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == report.OrganisationId, cancellationToken))?.NameFor(Cultures.Current) ?? "";
        var duplicateOf = report.DuplicateOfId is { } of
            ? await db.Set<ViolationReport>().Where(r => r.Id == of).Select(r => (int?)r.Number).FirstOrDefaultAsync(cancellationToken)
            : null;
        // An organisation only learns of duplicates among its own reports.
        var duplicates = await db.Set<ViolationReport>()
            .Where(r => r.DuplicateOfId == report.Id && (includeHistory || r.OrganisationId == report.OrganisationId))
            .OrderBy(r => r.Number).Select(r => r.Number).ToListAsync(cancellationToken);
        var duplicateOfReference = duplicateOf is { } n && (includeHistory || await db.Set<ViolationReport>().AnyAsync(r => r.Id == report.DuplicateOfId && r.OrganisationId == report.OrganisationId, cancellationToken))
            ? ViolationReport.FormatReference(n)
            : null;
        return new ViolationView(report, organisation, duplicateOfReference, duplicates.Select(ViolationReport.FormatReference).ToList(),
            report.Comments.OrderBy(c => c.CreatedAt).ToList(),
            includeHistory ? report.Events.OrderByDescending(e => e.At).ToList() : [],
            includeHistory ? await ReviewersAsync(db, cancellationToken) : []);
    }
}
