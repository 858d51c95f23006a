using Ihec.Portal.Components.Shared;
using Ihec.Portal.Infrastructure.Auditing;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Infrastructure.Files;
using Ihec.Portal.Infrastructure.Search;
using Ihec.Portal.Infrastructure.Text;
using Ihec.Portal.Shared.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ihec.Portal.Features.Library;

/// <summary>An expected outcome: success (with the document's id) or a LibraryText key to show.</summary>
public sealed record LibraryResult(bool Succeeded, string? Error = null, Guid? Id = null, string? Field = null)
{
    public static LibraryResult Ok(Guid id) => new(true, Id: id);
    public static LibraryResult Fail(string error, string? field = null) => new(false, error, Field: field);
}

public sealed record RelationView(Guid RelationId, RelationKind Kind, LibraryDocument Other, bool Outgoing);

/// <summary>Everything the editor's page shows about one document.</summary>
public sealed record EditorDocument(
    LibraryDocument Document,
    IReadOnlyList<LibraryVersion> Versions,
    IReadOnlyList<RelationView> Relations,
    IReadOnlyList<LibraryDocument> Others);

/// <summary>Editors' use cases: create, edit (a new version each time), publish, attachments, relations, milestones.</summary>
public sealed class LibraryEditorService(
    IDbContextFactory<PortalDbContext> dbFactory,
    ISearchIndex index,
    LibrarySearchSource searchSource,
    IFileStorage files,
    IStringLocalizer<SharedText> sharedText,
    IStringLocalizer<LibraryText> text,
    TimeProvider clock)
{
    public const long MaxAttachmentBytes = 20 * 1024 * 1024;
    public static readonly IReadOnlyCollection<FileKind> AttachmentKinds = [FileKind.Pdf, FileKind.Png, FileKind.Jpeg, FileKind.Webp];

    public async Task<IReadOnlyList<LibraryDocument>> ListAsync(string? kindSlug, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Set<LibraryDocument>().AsNoTracking();
        if (LibraryCatalog.KindFromSlug(kindSlug) is { } kind)
        {
            query = query.Where(d => d.Kind == kind);
        }

        return await query.OrderByDescending(d => d.UpdatedAt).ToListAsync(cancellationToken);
    }

    public async Task<EditorDocument?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var document = await db.Set<LibraryDocument>().AsNoTracking().AsSplitQuery()
            .Include(d => d.Attachments).Include(d => d.Milestones)
            .FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (document is null)
        {
            return null;
        }

        var versions = await db.Set<LibraryVersion>().AsNoTracking().Where(v => v.DocumentId == id)
            .OrderByDescending(v => v.VersionNumber).ToListAsync(cancellationToken);
        var relations = await LibraryQueries.RelationsAsync(db, id, publishedOnly: false, cancellationToken);
        var others = (await db.Set<LibraryDocument>().AsNoTracking().Where(d => d.Id != id).ToListAsync(cancellationToken))
            .OrderBy(d => d.Kind).ThenByDescending(d => d.Year).ThenBy(d => d.Number, StringComparer.Ordinal).ToList();
        return new EditorDocument(document, versions, relations, others);
    }

    public async Task<LibraryResult> CreateAsync(DocumentInput input, AuditActor actor, CancellationToken cancellationToken = default)
    {
        if (Invalid(input) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await NumberTakenAsync(db, input, null, cancellationToken))
        {
            return LibraryResult.Fail("NumberTaken", nameof(DocumentInput.Number));
        }

        var now = clock.GetUtcNow();
        var document = new LibraryDocument { CreatedAt = now, UpdatedAt = now, CurrentVersion = 1 };
        input.ApplyTo(document);
        db.Add(document);
        db.Add(LibraryVersion.Snapshot(document, actor.Name, input.ChangeNote, now));
        db.Audit(actor, "library.created", "LibraryDocument", document.Id.ToString(), Describe(document), clock: clock);
        await db.SaveChangesAsync(cancellationToken);
        return LibraryResult.Ok(document.Id);
    }

    /// <summary>Saves an edit as a new version. A published document shows the new version at once.</summary>
    public async Task<LibraryResult> UpdateAsync(Guid id, DocumentInput input, AuditActor actor, CancellationToken cancellationToken = default)
    {
        if (Invalid(input) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var document = await db.Set<LibraryDocument>().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (document is null)
        {
            return LibraryResult.Fail("NotFound");
        }

        // Once published, a document's address (kind, year, number) is cited and linked: it never changes.
        if (document.FirstPublishedAt is not null
            && (input.Kind != document.Kind || input.Year != document.Year || input.Number!.Trim() != document.Number))
        {
            return LibraryResult.Fail("IdentityLocked", nameof(DocumentInput.Number));
        }

        if (await NumberTakenAsync(db, input, id, cancellationToken))
        {
            return LibraryResult.Fail("NumberTaken", nameof(DocumentInput.Number));
        }

        var before = DocumentInput.From(document);
        input.ApplyTo(document);
        if (Same(before, DocumentInput.From(document)))
        {
            return LibraryResult.Fail("NothingChanged");
        }

        var now = clock.GetUtcNow();
        document.CurrentVersion++;
        document.UpdatedAt = now;
        db.Add(LibraryVersion.Snapshot(document, actor.Name, input.ChangeNote, now));
        db.Audit(actor, "library.edited", "LibraryDocument", id.ToString(),
            $"v{document.CurrentVersion} {Describe(document)} {input.ChangeNote}".Trim(), clock: clock);
        await db.SaveChangesAsync(cancellationToken);
        await ReindexAsync(db, id, cancellationToken);
        return LibraryResult.Ok(id);
    }

    public async Task<LibraryResult> SetPublishedAsync(Guid id, bool publish, AuditActor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var document = await db.Set<LibraryDocument>().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (document is null)
        {
            return LibraryResult.Fail("NotFound");
        }

        if (document.IsPublished == publish)
        {
            return LibraryResult.Ok(id);
        }

        var now = clock.GetUtcNow();
        document.IsPublished = publish;
        document.UpdatedAt = now;
        if (publish)
        {
            document.FirstPublishedAt ??= now;
            var current = await db.Set<LibraryVersion>().FirstAsync(v => v.DocumentId == id && v.VersionNumber == document.CurrentVersion, cancellationToken);
            current.PublishedAt ??= now;
        }

        db.Audit(actor, publish ? "library.published" : "library.unpublished", "LibraryDocument", id.ToString(), Describe(document), clock: clock);
        await db.SaveChangesAsync(cancellationToken);
        await ReindexAsync(db, id, cancellationToken);
        return LibraryResult.Ok(id);
    }

    public async Task<LibraryResult> AddAttachmentAsync(Guid id, IFormFile? file, string language, AuditActor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Set<LibraryDocument>().AnyAsync(d => d.Id == id, cancellationToken))
        {
            return LibraryResult.Fail("NotFound");
        }

        var (outcome, kind, content) = await UploadCheck.InspectAsync(file, MaxAttachmentBytes, AttachmentKinds, cancellationToken);
        if (outcome != UploadCheck.Outcome.Ok)
        {
            return LibraryResult.Fail(outcome switch
            {
                UploadCheck.Outcome.Empty => "AttachmentEmpty",
                UploadCheck.Outcome.TooLarge => "AttachmentTooLarge",
                _ => "AttachmentWrongType",
            }, "file");
        }

        await using (content)
        {
            // Photos lose their EXIF (GPS position, camera) and other metadata before they are stored.
            var clean = ImageMetadata.Strip(content!.ToArray(), kind);
            if (clean is null)
            {
                return LibraryResult.Fail("AttachmentWrongType", "file");
            }

            await using var cleaned = new MemoryStream(clean);
            var stored = await files.SaveAsync(cleaned, kind, cancellationToken);
            var attachment = new LibraryAttachment
            {
                DocumentId = id,
                FileId = stored.Id,
                FileKind = kind,
                Length = stored.Length,
                FileName = SafeFileName(file!.FileName, kind),
                Language = Infrastructure.Localisation.Cultures.IsSupported(language) ? language : "ar",
                AddedAt = clock.GetUtcNow(),
            };
            db.Add(attachment);
            db.Audit(actor, "library.attachment-added", "LibraryDocument", id.ToString(), attachment.FileName, clock: clock);
            await db.SaveChangesAsync(cancellationToken);
        }

        return LibraryResult.Ok(id);
    }

    public async Task<LibraryResult> RemoveAttachmentAsync(Guid id, Guid attachmentId, AuditActor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var attachment = await db.Set<LibraryAttachment>().FirstOrDefaultAsync(a => a.Id == attachmentId && a.DocumentId == id, cancellationToken);
        if (attachment is null)
        {
            return LibraryResult.Fail("NotFound");
        }

        db.Remove(attachment);
        db.Audit(actor, "library.attachment-removed", "LibraryDocument", id.ToString(), attachment.FileName, clock: clock);
        await db.SaveChangesAsync(cancellationToken);
        await files.DeleteAsync(attachment.FileId, cancellationToken);
        return LibraryResult.Ok(id);
    }

    /// <summary>Records that <paramref name="fromId"/> amends or repeals <paramref name="toId"/> and sets the target's status.</summary>
    public async Task<LibraryResult> AddRelationAsync(Guid fromId, RelationKind kind, Guid toId, AuditActor actor, CancellationToken cancellationToken = default)
    {
        if (fromId == toId)
        {
            return LibraryResult.Fail("RelationSelf", "target");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var target = await db.Set<LibraryDocument>().FirstOrDefaultAsync(d => d.Id == toId, cancellationToken);
        var source = await db.Set<LibraryDocument>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == fromId, cancellationToken);
        if (target is null || source is null)
        {
            return LibraryResult.Fail("NotFound", "target");
        }

        if (await db.Set<LibraryRelation>().AnyAsync(r => r.FromDocumentId == fromId && r.ToDocumentId == toId && r.Kind == kind, cancellationToken))
        {
            return LibraryResult.Ok(fromId);
        }

        var now = clock.GetUtcNow();
        db.Add(new LibraryRelation { FromDocumentId = fromId, ToDocumentId = toId, Kind = kind, CreatedAt = now });
        var status = kind == RelationKind.Repeals ? DocumentStatus.Repealed : DocumentStatus.Amended;
        if (target.Status != DocumentStatus.Repealed && target.Status != status)
        {
            // A status change is an edit of the target: it gets its own version.
            target.Status = status;
            target.CurrentVersion++;
            target.UpdatedAt = now;
            // Written in Arabic, the authoritative language, like the notes editors write.
            string note;
            using (Infrastructure.Localisation.Cultures.Use("ar"))
            {
                note = string.Format(System.Globalization.CultureInfo.CurrentCulture, text[kind == RelationKind.Repeals ? "AutoNoteRepealed" : "AutoNoteAmended"],
                    text["Kind_" + source.Kind], source.Number, source.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            db.Add(LibraryVersion.Snapshot(target, actor.Name, note, now));
        }

        db.Audit(actor, "library.relation-added", "LibraryDocument", fromId.ToString(),
            $"{kind} {LibraryCatalog.Slug(target.Kind)} {target.Number}/{target.Year}", clock: clock);
        await db.SaveChangesAsync(cancellationToken);
        await ReindexAsync(db, toId, cancellationToken);
        return LibraryResult.Ok(fromId);
    }

    public async Task<LibraryResult> RemoveRelationAsync(Guid documentId, Guid relationId, AuditActor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var relation = await db.Set<LibraryRelation>()
            .FirstOrDefaultAsync(r => r.Id == relationId && (r.FromDocumentId == documentId || r.ToDocumentId == documentId), cancellationToken);
        if (relation is null)
        {
            return LibraryResult.Fail("NotFound");
        }

        db.Remove(relation);
        db.Audit(actor, "library.relation-removed", "LibraryDocument", documentId.ToString(),
            $"{relation.Kind} {relation.ToDocumentId}", clock: clock);
        await db.SaveChangesAsync(cancellationToken);
        return LibraryResult.Ok(documentId);
    }

    public async Task<LibraryResult> AddMilestoneAsync(Guid id, MilestoneInput input, AuditActor actor, CancellationToken cancellationToken = default)
    {
        if (ModelValidation.Validate(input, sharedText).Count > 0 || input.Date is null)
        {
            return LibraryResult.Fail("MilestoneInvalid", "milestone");
        }

        if (input.EndDate is { } end && end < input.Date)
        {
            return LibraryResult.Fail("MilestoneEndBeforeStart", "milestone");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var document = await db.Set<LibraryDocument>().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (document is null)
        {
            return LibraryResult.Fail("NotFound");
        }

        db.Add(new LibraryMilestone
        {
            DocumentId = id,
            Date = input.Date.Value,
            EndDate = input.EndDate,
            TitleAr = input.TitleAr!.Trim(),
            TitleCkb = string.IsNullOrWhiteSpace(input.TitleCkb) ? null : input.TitleCkb.Trim(),
            TitleEn = string.IsNullOrWhiteSpace(input.TitleEn) ? null : input.TitleEn.Trim(),
        });
        db.Audit(actor, "library.milestone-added", "LibraryDocument", id.ToString(),
            $"{input.Date:yyyy-MM-dd} {input.TitleAr}", clock: clock);
        await db.SaveChangesAsync(cancellationToken);
        return LibraryResult.Ok(id);
    }

    public async Task<LibraryResult> RemoveMilestoneAsync(Guid id, Guid milestoneId, AuditActor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var milestone = await db.Set<LibraryMilestone>().FirstOrDefaultAsync(m => m.Id == milestoneId && m.DocumentId == id, cancellationToken);
        if (milestone is null)
        {
            return LibraryResult.Fail("NotFound");
        }

        db.Remove(milestone);
        db.Audit(actor, "library.milestone-removed", "LibraryDocument", id.ToString(),
            $"{milestone.Date:yyyy-MM-dd} {milestone.TitleAr}", clock: clock);
        await db.SaveChangesAsync(cancellationToken);
        return LibraryResult.Ok(id);
    }

    public async Task<int> RebuildIndexAsync(AuditActor actor, CancellationToken cancellationToken = default)
    {
        var count = await index.RebuildAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Audit(actor, "search.rebuilt", "SearchIndex", null, count.ToString(System.Globalization.CultureInfo.InvariantCulture), clock: clock);
        await db.SaveChangesAsync(cancellationToken);
        return count;
    }

    /// <summary>Keeps the index in step with what the public may read: published documents in, others out.</summary>
    private async Task ReindexAsync(PortalDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var document = await db.Set<LibraryDocument>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (document is { IsPublished: true })
        {
            await index.UpsertAsync(searchSource.ToSearchDocument(document), cancellationToken);
        }
        else
        {
            await index.DeleteAsync(LibrarySearchSource.Name, id.ToString(), cancellationToken);
        }
    }

    private LibraryResult? Invalid(DocumentInput input)
    {
        var errors = ModelValidation.Validate(input, sharedText);
        return errors.Count > 0 ? LibraryResult.Fail("FormInvalid", errors[0].Field) : null;
    }

    private static Task<bool> NumberTakenAsync(PortalDbContext db, DocumentInput input, Guid? except, CancellationToken cancellationToken)
    {
        var number = input.Number!.Trim();
        return db.Set<LibraryDocument>().AnyAsync(d => d.Kind == input.Kind && d.Year == input.Year && d.Number == number && d.Id != except, cancellationToken);
    }

    private static bool Same(DocumentInput a, DocumentInput b) =>
        System.Text.Json.JsonSerializer.Serialize(a) == System.Text.Json.JsonSerializer.Serialize(b);

    private static string Describe(LibraryDocument d) => $"{LibraryCatalog.Slug(d.Kind)} {d.Number}/{d.Year}";

    private static string SafeFileName(string? name, FileKind kind)
    {
        var bare = Path.GetFileNameWithoutExtension(name ?? "");
        var cleaned = new string(bare.Where(c => !char.IsControl(c) && !Path.GetInvalidFileNameChars().Contains(c) && c is not ('"' or '\'' or '<' or '>')).ToArray()).Trim();
        if (cleaned.Length == 0)
        {
            cleaned = "attachment";
        }

        return (cleaned.Length > 200 ? cleaned[..200] : cleaned) + FileSignatures.Extension(kind);
    }
}

public sealed class MilestoneInput
{
    [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Required")]
    public DateOnly? Date { get; set; }

    public DateOnly? EndDate { get; set; }

    [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Required"), System.ComponentModel.DataAnnotations.MaxLength(300, ErrorMessage = "TooLong")]
    public string? TitleAr { get; set; }

    [System.ComponentModel.DataAnnotations.MaxLength(300, ErrorMessage = "TooLong")]
    public string? TitleCkb { get; set; }

    [System.ComponentModel.DataAnnotations.MaxLength(300, ErrorMessage = "TooLong")]
    public string? TitleEn { get; set; }
}
