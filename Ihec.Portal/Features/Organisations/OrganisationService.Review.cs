using Ihec.Portal.Features.Accounts;
using Ihec.Portal.Infrastructure.Auditing;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Shared.Organisations;
using Ihec.Portal.Shared.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Organisations;

public sealed partial class OrganisationService
{
    /// <summary>The relations division's list: waiting applications first (oldest first), with counts per status.</summary>
    public async Task<ReviewList> ListForReviewAsync(ReviewFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var counts = await db.Organisations.GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

        var query = db.Organisations.AsNoTracking();
        if (filter.Status is { } status)
        {
            query = query.Where(o => o.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim();
            var pattern = "%" + EscapeLike(term) + "%";
            var registration = "%" + EscapeLike(RegistrationNumbers.Normalise(term)) + "%";
            query = query.Where(o =>
                EF.Functions.Like(o.NameAr, pattern, "\\") || EF.Functions.Like(o.NameCkb, pattern, "\\") || EF.Functions.Like(o.NameEn, pattern, "\\")
                || EF.Functions.Like(o.Reference, pattern, "\\") || EF.Functions.Like(o.RegistrationNumber, registration, "\\"));
        }

        var total = await query.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + ReviewFilter.PageSize - 1) / ReviewFilter.PageSize);
        var page = Math.Clamp(filter.Page, 1, pages);
        var rows = await query.OrderBy(OrganisationWorkflow.QueueRank).ThenBy(o => o.AppliedAt).ThenBy(o => o.Reference)
            .Skip((page - 1) * ReviewFilter.PageSize).Take(ReviewFilter.PageSize)
            .Select(o => new ReviewRow(o.Id, o.Reference, o.NameAr, o.NameCkb, o.NameEn, o.RegistrationNumber, o.Status, o.AppliedAt, o.DecidedAt))
            .ToListAsync(cancellationToken);
        return new ReviewList(rows, counts, total, page);
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>Everything about one organisation for the relations division, with its history and the decisions open now.</summary>
    public async Task<ReviewDetail?> GetForReviewAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return null;
        }

        var history = await db.AuditEntries.AsNoTracking()
            .Where(e => e.OrganisationId == id && OrganisationAuditActions.History.Contains(e.Action))
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new HistoryEntry(e.At, e.Action, e.ActorName, e.Details))
            .ToListAsync(cancellationToken);
        var normalisedContact = organisation.ContactEmail.ToUpperInvariant();
        var invitationPending = await db.Users.AnyAsync(u => u.OrganisationId == id && u.NormalizedEmail == normalisedContact
                                                             && u.PasswordHash == null && !u.IsDeactivated, cancellationToken);
        return new ReviewDetail(organisation, history, OrganisationWorkflow.AllowedDecisions(organisation.Status), invitationPending);
    }

    /// <summary>The supporting document, for the relations division's download endpoint.</summary>
    public async Task<DocumentDownload?> OpenDocumentAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var document = await db.Organisations.AsNoTracking().Where(o => o.Id == id)
            .Select(o => new { o.DocumentFileId, o.DocumentFileName, o.DocumentContentType }).FirstOrDefaultAsync(cancellationToken);
        if (document?.DocumentFileId is null)
        {
            return null;
        }

        var content = await files.OpenAsync(document.DocumentFileId, cancellationToken);
        return content is null
            ? null
            : new DocumentDownload(content, document.DocumentContentType ?? "application/octet-stream", document.DocumentFileName ?? "document");
    }

    /// <summary>
    /// Takes a decision of the relations division on an organisation. Refused when the organisation is no longer in the
    /// status the decider saw (someone else decided meanwhile), when the workflow does not allow it, or without a required
    /// reason. Accepting creates the contact person's administrator account and invites them; suspending ends the members'
    /// sessions. The contact is told of every decision in their language.
    /// </summary>
    public async Task<Result> DecideAsync(Guid id, DecisionForm form, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var errors = FormCheck.Validate(form);
        if (form.Decision is not { } decision || !Enum.IsDefined(decision))
        {
            errors.Add(new FieldError(nameof(DecisionForm.Decision), "DecisionRequired"));
            return Result.Fail(errors);
        }

        var reason = string.IsNullOrWhiteSpace(form.Reason) ? null : form.Reason.Trim();
        if (OrganisationWorkflow.RequiresReason(decision) && reason is null)
        {
            errors.Add(new FieldError(nameof(DecisionForm.Reason), decision == OrganisationDecision.RequestInformation ? "RequestRequired" : "ReasonRequired"));
        }

        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return Result.Fail("OrganisationNotFound");
        }

        if (organisation.Status != form.ExpectedStatus)
        {
            return Result.Fail("ChangedMeanwhile");
        }

        if (!OrganisationWorkflow.IsAllowed(organisation.Status, decision))
        {
            return Result.Fail("DecisionNotAllowed");
        }

        if (decision == OrganisationDecision.Accept && await users.FindByEmailAsync(organisation.ContactEmail) is not null)
        {
            return Result.Fail("ContactHasAccount");
        }

        var now = clock.GetUtcNow();
        organisation.Status = OrganisationWorkflow.Apply(organisation.Status, decision);
        organisation.StatusReason = reason;
        organisation.DecidedAt = now;
        if (decision == OrganisationDecision.Accept)
        {
            organisation.AccreditedAt = now;
        }

        (string Token, DateTimeOffset ExpiresAt)? updateLink = null;
        if (decision == OrganisationDecision.RequestInformation)
        {
            // Only the newest request's link works.
            await db.Set<OrganisationUpdateLink>().Where(l => l.OrganisationId == id && l.UsedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAt, now), cancellationToken);
            var (token, hash) = SecretTokens.Create();
            var expires = now + options.UpdateLinkLifetime;
            db.Set<OrganisationUpdateLink>().Add(new OrganisationUpdateLink
            {
                OrganisationId = id, TokenHash = hash, CreatedAt = now, ExpiresAt = expires,
            });
            updateLink = (token, expires);
        }

        db.Audit(actor, OrganisationAuditActions.For(decision), OrganisationAuditActions.EntityType, id.ToString(), reason, id, clock);
        try
        {
            // The status is a concurrency token: this fails if another decision was saved since we read it.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Fail("ChangedMeanwhile");
        }

        PortalUser? contact = null;
        List<PortalUser> suspendedMembers = [];
        if (decision == OrganisationDecision.Accept)
        {
            contact = new PortalUser
            {
                UserName = organisation.ContactEmail,
                Email = organisation.ContactEmail,
                EmailConfirmed = false,
                DisplayName = organisation.ContactName,
                OrganisationId = organisation.Id,
                PreferredCulture = organisation.PreferredCulture,
                CreatedAt = now,
            };
            var created = await users.CreateAsync(contact);
            if (!created.Succeeded || !(await users.AddToRoleAsync(contact, PortalRoles.CsoAdmin)).Succeeded)
            {
                logger.LogError("The administrator account of organisation {Reference} could not be created: {Errors}",
                    organisation.Reference, string.Join(", ", created.Errors.Select(e => e.Code)));
                return Result.Fail("ContactHasAccount");
            }
        }
        else if (decision == OrganisationDecision.Suspend)
        {
            // The status alone already fails the members' next revalidation; a new security stamp makes sure no cookie
            // issued before the suspension is accepted again, even after a quick reinstatement.
            suspendedMembers = await db.Users.Where(u => u.OrganisationId == id).ToListAsync(cancellationToken);
            foreach (var member in suspendedMembers)
            {
                await users.UpdateSecurityStampAsync(member);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        // Open pages of the suspended members leave at once rather than at their next revalidation.
        revocations.Revoke(suspendedMembers.Select(m => m.Id));
        logger.LogInformation("Decision {Decision} on organisation {Reference} by {Actor}", decision, organisation.Reference, actor.Name);

        if (contact is not null)
        {
            await SendInvitationAsync(scope.ServiceProvider, contact, organisation, cancellationToken);
        }

        await emails.SendDecisionAsync(organisation, decision, reason, updateLink, cancellationToken);
        return Result.Ok;
    }

    /// <summary>
    /// Sends the contact person a fresh invitation to activate the administrator account created on acceptance, for when the
    /// first one was lost or has expired (nobody in the organisation could resend it). Earlier links stop working.
    /// </summary>
    public async Task<Result> ResendContactInvitationAsync(Guid id, AuditActor actor, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return Result.Fail("OrganisationNotFound");
        }

        var contact = await users.FindByEmailAsync(organisation.ContactEmail);
        if (contact is null || contact.OrganisationId != id || contact.IsDeactivated || !OrganisationWorkflow.MembersMaySignIn(organisation.Status))
        {
            return Result.Fail("NoPendingInvitation");
        }

        if (await users.HasPasswordAsync(contact))
        {
            return Result.Fail("AlreadyActivated");
        }

        await users.UpdateSecurityStampAsync(contact);
        db.Audit(actor, OrganisationAuditActions.InvitationResent, OrganisationAuditActions.UserEntityType, contact.Id, contact.Email, id, clock);
        await db.SaveChangesAsync(cancellationToken);
        await SendInvitationAsync(scope.ServiceProvider, contact, organisation, cancellationToken);
        return Result.Ok;
    }
}
