using System.Security.Claims;
using Ihec.Portal.Components.Shared;
using Ihec.Portal.Infrastructure.Auditing;
using Ihec.Portal.Infrastructure.Caching;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Infrastructure.Files;
using Ihec.Portal.Infrastructure.Search;
using Ihec.Portal.Shared.Files;
using Ihec.Portal.Shared.Organisations;
using Ihec.Portal.Shared.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ihec.Portal.Features.Reports;

/// <summary>An expected outcome: success (with the report's id) or a ReportsText key to show (<c>Error_…</c>).</summary>
public sealed record ReportResult(bool Succeeded, string? Error = null, Guid? Id = null, string? Field = null)
{
    public static ReportResult Ok(Guid id) => new(true, Id: id);
    public static ReportResult Fail(string error, string? field = null) => new(false, error, Field: field);
}

/// <summary>
/// CSO report publishing: members write drafts, the organisation's administrator publishes, withdraws and corrects,
/// IHEC editors endorse for the public (this file); reading lives in <c>.Reading.cs</c>. The reader's organisation
/// always comes from the sign-in claim, never from a form or an address.
/// </summary>
public sealed partial class ReportService(
    IDbContextFactory<PortalDbContext> dbFactory,
    IAuthorizationService authorization,
    ISearchIndex index,
    ReportSearchSource searchSource,
    IFileStorage files,
    IStringLocalizer<SharedText> sharedText,
    IOutputCacheStore outputCache,
    TimeProvider clock)
{
    public const long MaxFileBytes = 20 * 1024 * 1024;
    public static readonly IReadOnlyCollection<FileKind> FileKinds = [FileKind.Pdf, FileKind.Png, FileKind.Jpeg, FileKind.Webp];

    /// <summary>What the signed-in user (or the public) may read and do.</summary>
    public async Task<ReportReader> ReaderAsync(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return ReportReader.Public;
        }

        var cso = (await authorization.AuthorizeAsync(user, PortalPolicies.CsoMember)).Succeeded;
        var admin = cso && (await authorization.AuthorizeAsync(user, PortalPolicies.CsoAdmin)).Succeeded;
        var editor = (await authorization.AuthorizeAsync(user, PortalPolicies.IhecEditor)).Succeeded;
        Guid? organisation = cso && Guid.TryParse(user.FindFirstValue(PortalClaims.OrganisationId), out var id) ? id : null;
        return new ReportReader(organisation, editor, admin && organisation is not null);
    }

    public async Task<ReportResult> CreateAsync(ClaimsPrincipal user, ReportInput input, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var reader = await ReaderAsync(user);
        if (reader.OrganisationId is not { } organisation)
        {
            return ReportResult.Fail("NotAllowed");
        }

        if (Invalid(input) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var report = new CsoReport
        {
            OrganisationId = organisation,
            Slug = ReportCatalog.NewSlug(),
            AuthorUserId = actor.UserId ?? "",
            CreatedAt = now,
            UpdatedAt = now,
        };
        input.ApplyTo(report);
        db.Add(report);
        db.Audit(actor, "report.created", "CsoReport", report.Id.ToString(), report.Title, organisation, clock);
        await db.SaveChangesAsync(cancellationToken);
        return ReportResult.Ok(report.Id);
    }

    /// <summary>Saves a draft (the Save button and the autosave). Published reports change only through errata.</summary>
    public async Task<ReportResult> SaveDraftAsync(ClaimsPrincipal user, Guid id, ReportInput input, AuditActor actor, CancellationToken cancellationToken = default)
    {
        if (Invalid(input) is { } invalid)
        {
            return invalid;
        }

        var reader = await ReaderAsync(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var report = await db.Set<CsoReport>().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null || report.OrganisationId != reader.OrganisationId)
        {
            return ReportResult.Fail("NotFound");
        }

        if (!ReportRules.CanEdit(reader, report))
        {
            return ReportResult.Fail("NotDraft");
        }

        input.ApplyTo(report);
        report.UpdatedAt = clock.GetUtcNow();
        db.Audit(actor, "report.saved", "CsoReport", id.ToString(), report.Title, report.OrganisationId, clock);
        await db.SaveChangesAsync(cancellationToken);
        return ReportResult.Ok(id);
    }

    public async Task<ReportResult> AddFileAsync(ClaimsPrincipal user, Guid id, IFormFile? file, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var reader = await ReaderAsync(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var report = await db.Set<CsoReport>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null || report.OrganisationId != reader.OrganisationId)
        {
            return ReportResult.Fail("NotFound");
        }

        if (!ReportRules.CanEdit(reader, report))
        {
            return ReportResult.Fail("NotDraft");
        }

        var (added, error) = await StoreFileAsync(id, file, clock.GetUtcNow(), cancellationToken);
        if (added is null)
        {
            return ReportResult.Fail(error!, "file");
        }

        db.Add(added);
        db.Audit(actor, "report.file-added", "CsoReport", id.ToString(), added.FileName, report.OrganisationId, clock);
        await db.SaveChangesAsync(cancellationToken);
        return ReportResult.Ok(added.Id);
    }

    /// <summary>Checks an uploaded file by content, strips a photo's metadata and stores it; the record is the caller's to add.</summary>
    private async Task<(ReportFile? File, string? Error)> StoreFileAsync(Guid reportId, IFormFile? file, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var (outcome, kind, content) = await UploadCheck.InspectAsync(file, MaxFileBytes, FileKinds, cancellationToken);
        if (outcome != UploadCheck.Outcome.Ok)
        {
            return (null, outcome switch
            {
                UploadCheck.Outcome.Empty => "FileEmpty",
                UploadCheck.Outcome.TooLarge => "FileTooLarge",
                _ => "FileWrongType",
            });
        }

        await using (content)
        {
            // Photos lose their EXIF (GPS position, camera) and other metadata before they are stored.
            var clean = ImageMetadata.Strip(content!.ToArray(), kind);
            if (clean is null)
            {
                return (null, "FileWrongType");
            }

            await using var cleaned = new MemoryStream(clean);
            var stored = await files.SaveAsync(cleaned, kind, cancellationToken);
            return (new ReportFile
            {
                ReportId = reportId,
                FileId = stored.Id,
                FileKind = kind,
                Length = stored.Length,
                FileName = DocumentNames.Sanitise(file!.FileName, kind),
                AddedAt = at,
            }, null);
        }
    }

    public async Task<ReportResult> RemoveFileAsync(ClaimsPrincipal user, Guid id, Guid fileId, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var reader = await ReaderAsync(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var report = await db.Set<CsoReport>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        var file = await db.Set<ReportFile>().FirstOrDefaultAsync(f => f.Id == fileId && f.ReportId == id, cancellationToken);
        if (report is null || file is null || report.OrganisationId != reader.OrganisationId)
        {
            return ReportResult.Fail("NotFound");
        }

        if (!ReportRules.CanEdit(reader, report))
        {
            return ReportResult.Fail("NotDraft");
        }

        db.Remove(file);
        db.Audit(actor, "report.file-removed", "CsoReport", id.ToString(), file.FileName, report.OrganisationId, clock);
        await db.SaveChangesAsync(cancellationToken);
        await files.DeleteAsync(file.FileId, cancellationToken);
        return ReportResult.Ok(id);
    }

    /// <summary>The organisation's administrator publishes a draft to every accredited CSO; it becomes version 1.</summary>
    public Task<ReportResult> PublishAsync(ClaimsPrincipal user, Guid id, AuditActor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, id, ReportRules.CanPublish, "report.published", actor, (db, report, now) =>
        {
            if (string.IsNullOrWhiteSpace(report.Body))
            {
                return "BodyRequired";
            }

            report.State = ReportState.Published;
            report.PublishedAt = now;
            report.CurrentVersion = 1;
            return null;
        }, cancellationToken);

    public Task<ReportResult> RequestListingAsync(ClaimsPrincipal user, Guid id, AuditActor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, id, ReportRules.CanRequestListing, "report.listing-requested", actor, (db, report, now) =>
        {
            report.Listing = PublicListing.Requested;
            report.ListingRequestedAt = now;
            report.DeclineReason = null;
            return null;
        }, cancellationToken);

    /// <summary>An IHEC editor lists the report for the public, marked as endorsed.</summary>
    public Task<ReportResult> EndorseAsync(ClaimsPrincipal user, Guid id, AuditActor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, id, ReportRules.CanDecideListing, "report.endorsed", actor, (db, report, now) =>
        {
            report.Listing = PublicListing.Endorsed;
            report.EndorsedAt = now;
            return null;
        }, cancellationToken);

    public Task<ReportResult> DeclineAsync(ClaimsPrincipal user, Guid id, string? reason, AuditActor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, id, ReportRules.CanDecideListing, "report.declined", actor, (db, report, _) =>
        {
            if (!IsReason(reason))
            {
                return "ReasonRequired";
            }

            report.Listing = PublicListing.Declined;
            report.DeclineReason = reason!.Trim();
            return null;
        }, cancellationToken, reason);

    /// <summary>Withdraws a published report: its text is no longer shown, a tombstone with the reason stays at its address.</summary>
    public Task<ReportResult> WithdrawAsync(ClaimsPrincipal user, Guid id, string? reason, AuditActor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, id, ReportRules.CanWithdraw, "report.withdrawn", actor, (db, report, now) =>
        {
            if (!IsReason(reason))
            {
                return "ReasonRequired";
            }

            report.State = ReportState.Withdrawn;
            report.WithdrawnAt = now;
            report.WithdrawalReason = reason!.Trim();
            return null;
        }, cancellationToken, reason);

    /// <summary>
    /// Appends a dated erratum and the corrected text as a new version, with a file attached to it if one is sent; the
    /// earlier versions stay readable with the files they had.
    /// </summary>
    public async Task<ReportResult> CorrectAsync(ClaimsPrincipal user, Guid id, CorrectionInput input, AuditActor actor, CancellationToken cancellationToken = default,
        IFormFile? file = null)
    {
        if (ModelValidation.Validate(input, sharedText) is { Count: > 0 } errors)
        {
            return ReportResult.Fail("FormInvalid", errors[0].Field);
        }

        ReportFile? attached = null;
        if (file is { Length: > 0 })
        {
            var (stored, error) = await StoreFileAsync(id, file, clock.GetUtcNow(), cancellationToken);
            if (stored is null)
            {
                return ReportResult.Fail(error!, "file");
            }

            attached = stored;
        }

        var result = await ChangeAsync(user, id, ReportRules.CanCorrect, "report.corrected", actor, (db, report, now) =>
        {
            report.Body = input.Body!.Trim();
            report.CurrentVersion++;
            db.Add(new ReportErratum { ReportId = report.Id, CreatedAt = now, Text = input.Erratum!.Trim(), VersionNumber = report.CurrentVersion });
            if (attached is not null)
            {
                // Part of the new version: dated with it, so the earlier versions do not list it.
                attached.AddedAt = now;
                db.Add(attached);
            }

            return null;
        }, cancellationToken, input.Erratum);
        if (!result.Succeeded && attached is not null)
        {
            await files.DeleteAsync(attached.FileId, CancellationToken.None);
        }

        return result;
    }

    private async Task<ReportResult> ChangeAsync(ClaimsPrincipal user, Guid id, Func<ReportReader, CsoReport, bool> allowed, string action, AuditActor actor,
        Func<PortalDbContext, CsoReport, DateTimeOffset, string?> change, CancellationToken cancellationToken, string? details = null)
    {
        var reader = await ReaderAsync(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var report = await db.Set<CsoReport>().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        // Another organisation's draft does not exist for this reader.
        if (report is null || !(ReportRules.CanRead(reader, report) || report.OrganisationId == reader.OrganisationId))
        {
            return ReportResult.Fail("NotFound");
        }

        if (!allowed(reader, report))
        {
            return ReportResult.Fail("NotAllowed");
        }

        var now = clock.GetUtcNow();
        var before = report.CurrentVersion;
        if (change(db, report, now) is { } error)
        {
            return ReportResult.Fail(error, "reason");
        }

        report.UpdatedAt = now;
        if (report.CurrentVersion != before)
        {
            db.Add(ReportVersion.Snapshot(report, now));
        }

        db.Audit(actor, action, "CsoReport", id.ToString(), string.Join(" ", new[] { report.Slug, details }.Where(s => !string.IsNullOrWhiteSpace(s))),
            report.OrganisationId, clock);
        await db.SaveChangesAsync(cancellationToken);
        await ReindexAsync(report, cancellationToken);
        // The public pages cached for anonymous readers show this at once.
        await outputCache.EvictByTagAsync(PublicPageCache.ReportsTag, CancellationToken.None);
        return ReportResult.Ok(id);
    }

    /// <summary>The public index holds endorsed, published reports only; everything else is taken out.</summary>
    private async Task ReindexAsync(CsoReport report, CancellationToken cancellationToken)
    {
        if (report.IsPublic)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == report.OrganisationId, cancellationToken);
            await index.UpsertAsync(searchSource.ToSearchDocument(report, organisation.Reference, organisation.NameAr, organisation.NameCkb, organisation.NameEn), cancellationToken);
        }
        else
        {
            await index.DeleteAsync(ReportSearchSource.Name, report.Id.ToString(), cancellationToken);
        }
    }

    private static bool IsReason(string? reason) => !string.IsNullOrWhiteSpace(reason) && reason.Trim().Length <= 2000;

    private ReportResult? Invalid(ReportInput input)
    {
        var errors = ModelValidation.Validate(input, sharedText);
        return errors.Count > 0 ? ReportResult.Fail("FormInvalid", errors[0].Field) : null;
    }
}
