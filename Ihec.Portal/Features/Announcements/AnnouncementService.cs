using System.Security.Claims;
using Ihec.Portal.Features.Organisations;
using Ihec.Portal.Infrastructure.Auditing;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Shared.Organisations;
using Ihec.Portal.Shared.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Announcements;

/// <summary>
/// Announcements: the media unit composes, previews the reach of and sends them, and sees who has read each; members of
/// the organisations they were delivered to read them and have them counted as read. A member's organisation always
/// comes from their claim, never from a URL or a form; an announcement not delivered to it does not exist for them.
/// </summary>
public sealed class AnnouncementService(
    IDbContextFactory<PortalDbContext> dbFactory,
    IAuthorizationService authorization,
    AnnouncementMailer mailer,
    TimeProvider clock,
    ILogger<AnnouncementService> logger)
{
    public static string NewSubmissionKey() => Guid.NewGuid().ToString("N");

    public static bool IsSubmissionKey(string? key) => key is { Length: 32 } && key.All(char.IsAsciiHexDigit);

    private async Task<bool> IsUnitAsync(ClaimsPrincipal user) => (await authorization.AuthorizeAsync(user, PortalPolicies.IhecMedia)).Succeeded;

    private async Task<(Guid Organisation, string UserId)?> MemberOfAsync(ClaimsPrincipal user)
    {
        if (!(await authorization.AuthorizeAsync(user, PortalPolicies.CsoMember)).Succeeded
            || !Guid.TryParse(user.FindFirstValue(PortalClaims.OrganisationId), out var organisation)
            || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { Length: > 0 } userId)
        {
            return null;
        }

        return (organisation, userId);
    }

    /// <summary>Every rule of an announcement, checked here whatever the page did.</summary>
    public static IReadOnlyList<FieldError> Check(AnnouncementForm form)
    {
        var errors = FormCheck.Validate(form);
        if (!Enum.IsDefined(form.Importance))
        {
            errors.Add(new FieldError(nameof(AnnouncementForm.Importance), "Invalid"));
        }

        if (!Enum.IsDefined(form.Audience))
        {
            errors.Add(new FieldError(nameof(AnnouncementForm.Audience), "Invalid"));
        }
        else if (form.Audience == AnnouncementAudience.Governorates && form.Governorates.Count == 0)
        {
            errors.Add(new FieldError(nameof(AnnouncementForm.Governorates), "GovernoratesRequired"));
        }

        return errors.DistinctBy(e => e.Field).ToList();
    }

    /// <summary>The accredited organisations an announcement with this audience reaches now.</summary>
    private static async Task<List<Guid>> TargetsAsync(PortalDbContext db, AnnouncementAudience audience, IReadOnlyCollection<string> governorates,
        CancellationToken cancellationToken)
    {
        var accredited = await db.Organisations.AsNoTracking()
            .Where(o => o.Status == OrganisationStatus.Accredited)
            .Select(o => new { o.Id, o.Governorates })
            .ToListAsync(cancellationToken);
        return accredited
            .Where(o => audience == AnnouncementAudience.All || o.Governorates.Any(governorates.Contains))
            .Select(o => o.Id)
            .ToList();
    }

    /// <summary>Members who can read what their organisation receives: not removed, and with an activated account.</summary>
    private static IQueryable<PortalUser> Readers(PortalDbContext db) =>
        db.Users.Where(u => u.OrganisationId != null && !u.IsDeactivated && u.PasswordHash != null);

    private static Task<int> MemberCountAsync(PortalDbContext db, List<Guid> organisations, CancellationToken cancellationToken) =>
        Readers(db).CountAsync(u => organisations.Contains(u.OrganisationId!.Value), cancellationToken);

    /// <summary>How many organisations and members the form's audience would reach if it were sent now.</summary>
    public async Task<AnnouncementReach?> ReachAsync(ClaimsPrincipal user, AnnouncementForm form, CancellationToken cancellationToken = default)
    {
        if (!await IsUnitAsync(user))
        {
            return null;
        }

        var governorates = form.Governorates.Where(Governorates.IsKnown).ToHashSet();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var targets = await TargetsAsync(db, form.Audience, governorates, cancellationToken);
        return new AnnouncementReach(targets.Count, await MemberCountAsync(db, targets, cancellationToken));
    }

    /// <summary>The announcement already sent with this form's key, if any (a repeated post).</summary>
    public async Task<Guid?> FindSubmissionAsync(ClaimsPrincipal user, string? key, CancellationToken cancellationToken = default)
    {
        if (!IsSubmissionKey(key) || !await IsUnitAsync(user))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<Announcement>().Where(a => a.SubmissionKey == key).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Sends an announcement: stores it with the organisations it reaches now, audits it, then hands the e-mails (if asked
    /// for) to the mailer. A second post of the same form returns the announcement already sent.
    /// </summary>
    public async Task<Result<Guid>> SendAsync(ClaimsPrincipal user, AnnouncementForm form, AuditActor actor, CancellationToken cancellationToken = default)
    {
        if (!await IsUnitAsync(user) || actor.UserId is null)
        {
            return Result<Guid>.Fail("NotAllowed");
        }

        if (await FindSubmissionAsync(user, form.SubmissionKey, cancellationToken) is { } sent)
        {
            return Result<Guid>.Success(sent);
        }

        var errors = Check(form);
        if (errors.Count > 0)
        {
            return Result<Guid>.Fail(errors);
        }

        var governorates = form.Audience == AnnouncementAudience.Governorates ? form.Governorates.Distinct().ToList() : [];
        var key = IsSubmissionKey(form.SubmissionKey) ? form.SubmissionKey! : NewSubmissionKey();
        // Two different announcements sent at the same moment may both take the next number: the second tries again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var stored = await TrySendAsync(user, form, governorates, key, actor, cancellationToken);
                if (stored is null)
                {
                    return Result<Guid>.Fail("NoRecipients", nameof(AnnouncementForm.Audience));
                }

                if (stored.EmailMembers)
                {
                    mailer.Enqueue(stored.Id);
                }

                return Result<Guid>.Success(stored.Id);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // The same form posted twice at once: the other post sent it.
                if (await FindSubmissionAsync(user, key, CancellationToken.None) is { } raced)
                {
                    return Result<Guid>.Success(raced);
                }
            }
        }
    }

    /// <summary>Stores the announcement with the organisations it reaches now and its audit entry; null when it would reach none.</summary>
    private async Task<Announcement?> TrySendAsync(ClaimsPrincipal user, AnnouncementForm form, List<string> governorates, string key, AuditActor actor,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var targets = await TargetsAsync(db, form.Audience, governorates, cancellationToken);
        if (targets.Count == 0)
        {
            return null;
        }

        var announcement = new Announcement
        {
            Number = (await db.Set<Announcement>().MaxAsync(a => (int?)a.Number, cancellationToken) ?? 0) + 1,
            Title = form.Title.Trim(),
            Body = form.Body.Trim(),
            Language = form.Language,
            Importance = form.Importance,
            Audience = form.Audience,
            Governorates = governorates,
            SentAt = clock.GetUtcNow(),
            SentByUserId = actor.UserId!,
            SentByName = user.FindFirstValue(PortalClaims.DisplayName) ?? actor.Name,
            SubmissionKey = key,
            MemberCount = await MemberCountAsync(db, targets, cancellationToken),
            EmailMembers = form.EmailMembers,
            Recipients = targets.Select(t => new AnnouncementRecipient { OrganisationId = t }).ToList(),
        };
        db.Add(announcement);
        db.Audit(actor, AnnouncementAuditActions.Sent, AnnouncementAuditActions.Entity, announcement.Id.ToString(),
            FormattableString.Invariant($"{announcement.Reference} audience={announcement.Audience}{(governorates.Count > 0 ? "[" + string.Join(',', governorates) + "]" : "")} organisations={targets.Count} members={announcement.MemberCount} email={announcement.EmailMembers}"),
            clock: clock);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Announcement {Reference} sent to {Organisations} organisations ({Members} members) by {Actor}",
            announcement.Reference, targets.Count, announcement.MemberCount, actor.Name);
        return announcement;
    }

    /// <summary>Every announcement sent, newest first, with its reach and how many have read it; null for anyone outside the unit.</summary>
    public async Task<IReadOnlyList<SentAnnouncementRow>?> SentAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (!await IsUnitAsync(user))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var announcements = await db.Set<Announcement>().AsNoTracking().OrderByDescending(a => a.SentAt).ThenByDescending(a => a.Number)
            .Select(a => new { a.Id, a.Number, a.Title, a.Language, a.Importance, a.Audience, a.Governorates, a.SentAt, a.SentByName, a.MemberCount })
            .ToListAsync(cancellationToken);
        var organisations = await db.Set<AnnouncementRecipient>().GroupBy(r => r.AnnouncementId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var reads = await db.Set<AnnouncementRead>().GroupBy(r => new { r.AnnouncementId, r.OrganisationId })
            .Select(g => new { g.Key.AnnouncementId, Count = g.Count() }).ToListAsync(cancellationToken);
        var readers = reads.GroupBy(r => r.AnnouncementId).ToDictionary(g => g.Key, g => (Members: g.Sum(x => x.Count), Organisations: g.Count()));
        return announcements.Select(a =>
        {
            var read = readers.GetValueOrDefault(a.Id);
            return new SentAnnouncementRow(a.Id, Announcement.FormatReference(a.Number), a.Title, a.Language, a.Importance, a.Audience, a.Governorates,
                a.SentAt, a.SentByName, organisations.GetValueOrDefault(a.Id), a.MemberCount, read.Members, read.Organisations);
        }).ToList();
    }

    /// <summary>One sent announcement with its targeted organisations and its readers; null for anyone outside the unit.</summary>
    public async Task<SentAnnouncementView?> SentDetailAsync(ClaimsPrincipal user, Guid id, string culture, CancellationToken cancellationToken = default)
    {
        if (!await IsUnitAsync(user))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var announcement = await db.Set<Announcement>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (announcement is null)
        {
            return null;
        }

        var organisations = await (
                from r in db.Set<AnnouncementRecipient>().AsNoTracking()
                where r.AnnouncementId == id
                join o in db.Organisations on r.OrganisationId equals o.Id
                select o)
            .ToListAsync(cancellationToken);
        var organisationIds = organisations.Select(o => o.Id).ToList();
        var members = await Readers(db).Where(u => organisationIds.Contains(u.OrganisationId!.Value))
            .GroupBy(u => u.OrganisationId!.Value).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var reads = await (
                from r in db.Set<AnnouncementRead>().AsNoTracking()
                where r.AnnouncementId == id
                join u in db.Users on r.UserId equals u.Id
                select new { r.OrganisationId, u.DisplayName, r.ReadAt })
            .ToListAsync(cancellationToken);
        var byId = organisations.ToDictionary(o => o.Id);
        var readers = reads
            .Where(r => byId.ContainsKey(r.OrganisationId))
            .Select(r => new ReaderRow(r.OrganisationId, byId[r.OrganisationId].NameFor(culture), byId[r.OrganisationId].Reference, r.DisplayName, r.ReadAt))
            .OrderByDescending(r => r.ReadAt)
            .ToList();
        var targets = organisations
            .Select(o => new TargetRow(o.Id, o.NameFor(culture), o.Reference, o.Governorates, members.GetValueOrDefault(o.Id),
                reads.Count(r => r.OrganisationId == o.Id)))
            .OrderBy(t => t.Name, StringComparer.Create(System.Globalization.CultureInfo.CurrentCulture, ignoreCase: true))
            .ToList();
        return new SentAnnouncementView(announcement, targets, readers);
    }

    /// <summary>The announcements delivered to the member's organisation, newest first; null for anyone who is not a member.</summary>
    public async Task<IReadOnlyList<InboxRow>?> InboxAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (await MemberOfAsync(user) is not { } member)
        {
            return null;
        }

        var (organisation, userId) = member;

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await IsAccreditedAsync(db, organisation, cancellationToken))
        {
            return [];
        }

        var rows = await (
                from r in db.Set<AnnouncementRecipient>().AsNoTracking()
                where r.OrganisationId == organisation
                join a in db.Set<Announcement>() on r.AnnouncementId equals a.Id
                select new
                {
                    a.Id, a.Title, a.Language, a.Importance, a.SentAt, a.Number,
                    IsRead = db.Set<AnnouncementRead>().Any(x => x.AnnouncementId == a.Id && x.UserId == userId),
                })
            .ToListAsync(cancellationToken);
        return rows.OrderByDescending(r => r.SentAt).ThenByDescending(r => r.Number)
            .Select(r => new InboxRow(r.Id, r.Title, r.Language, r.Importance, r.SentAt, r.IsRead)).ToList();
    }

    /// <summary>
    /// An announcement delivered to the member's organisation, recorded as read by the member the first time; null when it
    /// was not delivered to them (or does not exist: the two look the same).
    /// </summary>
    public async Task<InboxView?> OpenAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken = default)
    {
        if (await MemberOfAsync(user) is not { } member)
        {
            return null;
        }

        var (organisation, userId) = member;

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var delivered = await db.Set<AnnouncementRecipient>().AnyAsync(r => r.AnnouncementId == id && r.OrganisationId == organisation, cancellationToken);
        if (!delivered || !await IsAccreditedAsync(db, organisation, cancellationToken)
            || await db.Set<Announcement>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } announcement)
        {
            return null;
        }

        var readAt = await db.Set<AnnouncementRead>().Where(r => r.AnnouncementId == id && r.UserId == userId)
            .Select(r => (DateTimeOffset?)r.ReadAt).FirstOrDefaultAsync(cancellationToken);
        if (readAt is null)
        {
            var now = clock.GetUtcNow();
            db.Add(new AnnouncementRead { AnnouncementId = id, UserId = userId, OrganisationId = organisation, ReadAt = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                readAt = now;
            }
            catch (DbUpdateException)
            {
                // Opened in two tabs at once: the other request recorded the receipt.
                readAt = now;
            }
        }

        return new InboxView(announcement, readAt);
    }

    /// <summary>How many announcements delivered to the member's organisation the member has not opened (besides <paramref name="opening"/>, the one being opened now).</summary>
    public async Task<int> UnreadCountAsync(ClaimsPrincipal user, Guid? opening = null, CancellationToken cancellationToken = default)
    {
        if (await MemberOfAsync(user) is not { } member)
        {
            return 0;
        }

        var (organisation, userId) = member;

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await IsAccreditedAsync(db, organisation, cancellationToken))
        {
            return 0;
        }

        var except = opening ?? Guid.Empty;
        return await db.Set<AnnouncementRecipient>()
            .Where(r => r.OrganisationId == organisation && r.AnnouncementId != except)
            .CountAsync(r => !db.Set<AnnouncementRead>().Any(x => x.AnnouncementId == r.AnnouncementId && x.UserId == userId), cancellationToken);
    }

    // A suspended organisation's members are signed out at once; this keeps a session caught mid-request from reading on.
    private static Task<bool> IsAccreditedAsync(PortalDbContext db, Guid organisation, CancellationToken cancellationToken) =>
        db.Organisations.AnyAsync(o => o.Id == organisation && o.Status == OrganisationStatus.Accredited, cancellationToken);
}

public static class AnnouncementAuditActions
{
    public const string Entity = "Announcement";
    public const string Sent = "announcement.sent";
}
