using System.Globalization;
using Ihec.Portal.Infrastructure.Auditing;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Infrastructure.Files;
using Ihec.Portal.Shared.Files;
using Ihec.Portal.Shared.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Organisations;

public sealed partial class OrganisationService
{
    private const string KeptDocumentPurpose = "Ihec.Portal.Organisations.KeptDocument";
    private static readonly FileKind[] DocumentKinds = [FileKind.Pdf, FileKind.Png, FileKind.Jpeg];

    private sealed record StoredDocument(string FileId, FileKind Kind, string FileName);

    /// <summary>
    /// Checks an uploaded supporting document by its content and size, stores it, and returns a protected token the form
    /// carries, so a form sent back with other errors does not ask for the file again.
    /// </summary>
    public async Task<Result<KeptDocument>> KeepDocumentAsync(IFormFile? file, CancellationToken cancellationToken = default)
    {
        var (outcome, kind, content) = await UploadCheck.InspectAsync(file, options.MaxDocumentBytes, DocumentKinds, cancellationToken);
        switch (outcome)
        {
            case UploadCheck.Outcome.Empty:
                return Result<KeptDocument>.Fail("DocumentEmpty", nameof(ApplicationForm.KeptDocument));
            case UploadCheck.Outcome.TooLarge:
                return Result<KeptDocument>.Fail("DocumentTooLarge", nameof(ApplicationForm.KeptDocument),
                    (options.MaxDocumentBytes / (1024 * 1024)).ToString("N0", CultureInfo.CurrentCulture));
            case UploadCheck.Outcome.WrongType:
                return Result<KeptDocument>.Fail("DocumentWrongType", nameof(ApplicationForm.KeptDocument));
        }

        await using (content)
        {
            var stored = await files.SaveAsync(content!, kind, cancellationToken);
            var name = DocumentNames.Sanitise(file!.FileName, kind);
            var token = keptUploads.Keep(KeptDocumentPurpose, stored.Id, [kind.ToString(), name], options.KeptDocumentLifetime);
            return Result<KeptDocument>.Success(new KeptDocument(token, name));
        }
    }

    /// <summary>The name of a kept document, to tell the applicant it is still attached; null when the token is not valid.</summary>
    public string? KeptDocumentName(string? token) => Document(keptUploads.Peek(KeptDocumentPurpose, token, 3))?.FileName;

    /// <summary>The kept document the form may attach: the applicant's own upload, not attached to any record yet.</summary>
    private async Task<StoredDocument?> RedeemKeptDocumentAsync(string? token, CancellationToken cancellationToken) =>
        Document(await keptUploads.RedeemAsync(KeptDocumentPurpose, token, 3, cancellationToken));

    private static StoredDocument? Document(string[]? parts) =>
        parts is [var fileId, var kindName, var name] && Enum.TryParse<FileKind>(kindName, out var kind) && DocumentKinds.Contains(kind)
            ? new StoredDocument(fileId, kind, name)
            : null;

    /// <summary>A well-formed submission key: what the form generates (32 hexadecimal digits).</summary>
    public static bool IsSubmissionKey(string? key) => key is { Length: 32 } && key.All(char.IsAsciiHexDigit);

    public static string NewSubmissionKey() => Guid.NewGuid().ToString("N");

    /// <summary>Whether an application was already filed with this form's key (a retried post).</summary>
    public async Task<bool> IsFiledAsync(string? key, CancellationToken cancellationToken = default)
    {
        if (!IsSubmissionKey(key))
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ReferenceForKeyAsync(db, key!, cancellationToken) is not null;
    }

    private static Task<string?> ReferenceForKeyAsync(PortalDbContext db, string key, CancellationToken cancellationToken) =>
        db.Set<OrganisationSubmission>().Where(s => s.Key == key)
            .Join(db.Organisations, s => s.OrganisationId, o => o.Id, (s, o) => o.Reference)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Files an application and e-mails its reference to the contact address. Refuses a registration number already known.
    /// An e-mail address that already belongs to an organisation or an account succeeds all the same, so that the anonymous
    /// page never tells which addresses exist: nothing is filed, the kept document is deleted, and the address is told that
    /// someone tried to apply with it. A second post with the same submission key files nothing more. No account is created.
    /// </summary>
    public async Task<Result> ApplyAsync(ApplicationForm form, string culture, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var errors = FormCheck.Validate(form);
        var document = await RedeemKeptDocumentAsync(form.KeptDocument, cancellationToken);
        if (document is null)
        {
            errors.Add(new FieldError(nameof(ApplicationForm.KeptDocument), "DocumentRequired"));
        }

        var key = IsSubmissionKey(form.SubmissionKey) ? form.SubmissionKey!.ToLowerInvariant() : null;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (key is not null && await ReferenceForKeyAsync(db, key, cancellationToken) is not null)
        {
            return Result.Ok;
        }

        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }

        var registrationNumber = RegistrationNumbers.Normalise(form.RegistrationNumber);
        var email = EmailAddresses.Normalise(form.ContactEmail);
        if (await RegistrationNumberErrorsAsync(db, registrationNumber, except: null, cancellationToken) is { Count: > 0 } taken)
        {
            return Result.Fail(taken);
        }

        if (await EmailInUseAsync(db, email, except: null, cancellationToken))
        {
            return await RefuseQuietlyAsync(email, document!, culture, cancellationToken);
        }

        var now = clock.GetUtcNow();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var organisation = new Organisation
            {
                Reference = await NextReferenceAsync(db, now.ToOffset(IraqOffset).Year, cancellationToken),
                PreferredCulture = culture,
                Status = OrganisationStatus.Submitted,
                AppliedAt = now,
                DocumentFileId = document!.FileId,
                DocumentFileName = document.FileName,
                DocumentContentType = FileSignatures.ContentType(document.Kind),
            };
            CopyApplication(form, organisation);
            db.Organisations.Add(organisation);
            if (key is not null)
            {
                db.Set<OrganisationSubmission>().Add(new OrganisationSubmission { Key = key, OrganisationId = organisation.Id, At = now });
            }

            db.Audit(actor, OrganisationAuditActions.Apply, OrganisationAuditActions.EntityType, organisation.Id.ToString(),
                organisation.Reference, organisation.Id, clock);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex)
            {
                // A unique index said no: the same form posted twice at once, someone else took the same number or
                // address a moment ago, or another application took this reference. Find out which.
                db.ChangeTracker.Clear();
                if (key is not null && await ReferenceForKeyAsync(db, key, cancellationToken) is not null)
                {
                    return Result.Ok;
                }

                if (await RegistrationNumberErrorsAsync(db, registrationNumber, except: null, cancellationToken) is { Count: > 0 } raced)
                {
                    return Result.Fail(raced);
                }

                if (await EmailInUseAsync(db, email, except: null, cancellationToken))
                {
                    return await RefuseQuietlyAsync(email, document, culture, cancellationToken);
                }

                logger.LogInformation(ex, "Reference {Reference} was taken meanwhile; trying the next one", organisation.Reference);
                continue;
            }

            logger.LogInformation("Organisation application {Reference} filed", organisation.Reference);
            await emails.SendApplicationReceivedAsync(organisation, cancellationToken);
            return Result.Ok;
        }

        throw new InvalidOperationException("No application reference could be allocated after several attempts.");
    }

    /// <summary>
    /// An application whose contact address is already in use: the answer is the one a filed application gets, but nothing
    /// is kept — not the application, not its document — and the address's owner is told (ASVS V6.3.8, no account enumeration).
    /// </summary>
    private async Task<Result> RefuseQuietlyAsync(string email, StoredDocument document, string culture, CancellationToken cancellationToken)
    {
        await files.DeleteAsync(document.FileId, cancellationToken);
        logger.LogInformation("An application gave a contact address already in use; nothing was filed and the address was told");
        await emails.SendAddressInUseAsync(email, culture, cancellationToken);
        return Result.Ok;
    }

    private static async Task<string> NextReferenceAsync(PortalDbContext db, int year, CancellationToken cancellationToken)
    {
        var prefix = ReferenceNumbers.YearPrefix(year);
        var issued = await db.Organisations.Where(o => o.Reference.StartsWith(prefix)).Select(o => o.Reference).ToListAsync(cancellationToken);
        return ReferenceNumbers.Next(year, issued);
    }

    private static void CopyApplication(ApplicationForm form, Organisation organisation)
    {
        organisation.NameAr = form.NameAr.Trim();
        organisation.NameCkb = form.NameCkb?.Trim() ?? "";
        organisation.NameEn = form.NameEn?.Trim() ?? "";
        organisation.RegistrationNumber = RegistrationNumbers.Normalise(form.RegistrationNumber);
        // Kept in the official order, whatever order the form sent them in.
        organisation.Governorates = [.. Governorates.Codes.Where(form.Governorates.Contains)];
        organisation.FocusAreas = [.. Enum.GetValues<FocusArea>().Where(form.FocusAreas.Contains)];
        organisation.ContactName = form.ContactName.Trim();
        organisation.ContactEmail = EmailAddresses.Normalise(form.ContactEmail);
        organisation.ContactPhone = PhoneNumbers.Normalise(form.ContactPhone) ?? form.ContactPhone.Trim();
    }

    /// <summary>The application behind a correction link, if the link is still good: unused, unexpired, and IHEC still waiting.</summary>
    public async Task<UpdateContext?> GetUpdateContextAsync(string? reference, string? token, string culture, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await FindUpdateLinkAsync(db, reference, token, cancellationToken);
        if (found is not { } pair)
        {
            return null;
        }

        var organisation = pair.Organisation;
        return new UpdateContext(organisation.Reference, organisation.NameFor(culture), organisation.StatusReason, organisation.DocumentFileName,
            ApplicationForm.From(organisation));
    }

    private async Task<(OrganisationUpdateLink Link, Organisation Organisation)?> FindUpdateLinkAsync(PortalDbContext db, string? reference,
        string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100 || !ReferenceNumbers.IsWellFormed(reference))
        {
            return null;
        }

        var hash = SecretTokens.Hash(token);
        var link = await db.Set<OrganisationUpdateLink>().FirstOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        if (link is null || !link.IsUsable(clock.GetUtcNow()))
        {
            return null;
        }

        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == link.OrganisationId, cancellationToken);
        return organisation is not null && organisation.Reference == reference && OrganisationWorkflow.ApplicantMayUpdate(organisation.Status)
            ? (link, organisation)
            : null;
    }

    /// <summary>
    /// Applies the applicant's corrections after a request for information (through the e-mailed link, once), and puts the
    /// application back in the relations division's queue. A new document replaces the old one; without one the old stays.
    /// </summary>
    public async Task<Result<string>> UpdateApplicationAsync(string? reference, string? token, ApplicationForm form, string culture, AuditActor actor,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await FindUpdateLinkAsync(db, reference, token, cancellationToken) is not (var link, var organisation))
        {
            return Result<string>.Fail("UpdateLinkInvalid");
        }

        var errors = FormCheck.Validate(form);
        var document = await RedeemKeptDocumentAsync(form.KeptDocument, cancellationToken);
        if (!string.IsNullOrEmpty(form.KeptDocument) && document is null)
        {
            errors.Add(new FieldError(nameof(ApplicationForm.KeptDocument), "DocumentRequired"));
        }

        if (errors.Count > 0)
        {
            return Result<string>.Fail(errors);
        }

        var duplicates = await DuplicatesAsync(db, RegistrationNumbers.Normalise(form.RegistrationNumber), EmailAddresses.Normalise(form.ContactEmail),
            organisation.Id, cancellationToken);
        if (duplicates.Count > 0)
        {
            return Result<string>.Fail(duplicates);
        }

        var now = clock.GetUtcNow();
        CopyApplication(form, organisation);
        organisation.PreferredCulture = culture;
        organisation.Status = OrganisationWorkflow.AfterApplicantUpdate(organisation.Status);
        organisation.StatusReason = null;
        if (document is not null)
        {
            // The earlier document stays in storage: it is part of what IHEC was shown.
            organisation.DocumentFileId = document.FileId;
            organisation.DocumentFileName = document.FileName;
            organisation.DocumentContentType = FileSignatures.ContentType(document.Kind);
        }

        link.UsedAt = now;
        db.Audit(actor, OrganisationAuditActions.ApplicationUpdated, OrganisationAuditActions.EntityType, organisation.Id.ToString(),
            document is null ? null : document.FileName, organisation.Id, clock);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // IHEC decided on the application while the applicant was correcting it.
            return Result<string>.Fail("UpdateLinkInvalid");
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Result<string>.Fail(await DuplicatesAsync(db, organisation.RegistrationNumber, organisation.ContactEmail, organisation.Id, cancellationToken)
                is { Count: > 0 } raced ? raced : [new FieldError("", "SaveFailed")]);
        }

        await emails.SendApplicationUpdatedAsync(organisation, cancellationToken);
        return Result<string>.Success(organisation.Reference);
    }
}
