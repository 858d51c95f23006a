using System.Security.Claims;
using Ihec.Portal.Infrastructure.Auditing;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Infrastructure.Localisation;
using Ihec.Portal.Shared.Organisations;
using Ihec.Portal.Shared.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Organisations;

public sealed partial class OrganisationService
{
    /// <summary>The signed-in member's own organisation and its members; null for anyone who is not a member of one.</summary>
    public async Task<MyOrganisationView?> GetMyOrganisationAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (await OrganisationOfAsync(user, PortalPolicies.CsoMember) is not { } organisationId)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId, cancellationToken);
        if (organisation is null)
        {
            return null;
        }

        var members = await MembersOfAsync(db, organisationId, cancellationToken);
        var isAdministrator = (await authorization.AuthorizeAsync(user, PortalPolicies.CsoAdmin)).Succeeded;
        return new MyOrganisationView(organisation, members, isAdministrator, UserIdOf(user) ?? "");
    }

    private static async Task<List<MemberView>> MembersOfAsync(PortalDbContext db, Guid organisationId, CancellationToken cancellationToken)
    {
        var administrators = db.UserRoles.Join(db.Roles.Where(r => r.Name == PortalRoles.CsoAdmin), ur => ur.RoleId, r => r.Id, (ur, r) => ur.UserId);
        var members = await db.Users.AsNoTracking()
            .Where(u => u.OrganisationId == organisationId && !u.IsDeactivated)
            .Select(u => new MemberView(u.Id, u.DisplayName, u.Email ?? "", u.PreferredCulture, administrators.Contains(u.Id), u.PasswordHash != null))
            .ToListAsync(cancellationToken);
        return [.. members.OrderByDescending(m => m.IsAdministrator).ThenBy(m => m.DisplayName, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>One member of the caller's organisation, for the removal confirmation; null when not theirs to manage.</summary>
    public async Task<MemberView?> GetMemberAsync(ClaimsPrincipal user, string? memberId, CancellationToken cancellationToken = default)
    {
        if (await OrganisationOfAsync(user, PortalPolicies.CsoAdmin) is not { } organisationId || string.IsNullOrEmpty(memberId))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return (await MembersOfAsync(db, organisationId, cancellationToken)).FirstOrDefault(m => m.UserId == memberId);
    }

    /// <summary>The administrator's edit of the organisation's public profile.</summary>
    public async Task<Result> UpdateProfileAsync(ClaimsPrincipal user, ProfileForm form, AuditActor actor, CancellationToken cancellationToken = default)
    {
        if (await OrganisationOfAsync(user, PortalPolicies.CsoAdmin) is not { } organisationId)
        {
            return Result.Fail("NotAllowed");
        }

        var errors = FormCheck.Validate(form);
        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == organisationId, cancellationToken);
        if (organisation is null || !OrganisationWorkflow.MembersMaySignIn(organisation.Status))
        {
            return Result.Fail("NotAllowed");
        }

        organisation.DescriptionAr = Clean(form.DescriptionAr);
        organisation.DescriptionCkb = Clean(form.DescriptionCkb);
        organisation.DescriptionEn = Clean(form.DescriptionEn);
        organisation.Website = Clean(form.Website);
        organisation.PublicEmail = Clean(form.PublicEmail) is { } email ? EmailAddresses.Normalise(email) : null;
        db.Audit(actor, OrganisationAuditActions.ProfileUpdated, OrganisationAuditActions.EntityType, organisationId.ToString(), null, organisationId, clock);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Fail("NotAllowed");
        }

        return Result.Ok;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Creates an account in the administrator's organisation and e-mails its invitation link.</summary>
    public async Task<Result> InviteMemberAsync(ClaimsPrincipal user, InviteForm form, AuditActor actor, CancellationToken cancellationToken = default)
    {
        if (await OrganisationOfAsync(user, PortalPolicies.CsoAdmin) is not { } organisationId)
        {
            return Result.Fail("NotAllowed");
        }

        var errors = FormCheck.Validate(form);
        if (!Cultures.IsSupported(form.Language))
        {
            errors.Add(new FieldError(nameof(InviteForm.Language), "Invalid"));
        }

        if (!Enum.IsDefined(form.Role))
        {
            errors.Add(new FieldError(nameof(InviteForm.Role), "Invalid"));
        }

        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }

        var email = EmailAddresses.Normalise(form.Email);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId, cancellationToken);
        if (organisation is null || !OrganisationWorkflow.MembersMaySignIn(organisation.Status))
        {
            return Result.Fail("NotAllowed");
        }

        // An address already in use by an account, or by an application still waiting (its contact gets an account when accepted).
        if (await users.FindByEmailAsync(email) is not null
            || await db.Organisations.AnyAsync(o => o.ContactEmail == email && o.Id != organisationId
                && (o.Status == OrganisationStatus.Submitted || o.Status == OrganisationStatus.InformationRequested), cancellationToken))
        {
            return Result.Fail("EmailHasAccount", nameof(InviteForm.Email));
        }

        var member = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = false,
            DisplayName = form.DisplayName.Trim(),
            OrganisationId = organisationId,
            PreferredCulture = form.Language,
            CreatedAt = clock.GetUtcNow(),
        };
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var created = await users.CreateAsync(member);
            if (!created.Succeeded)
            {
                return created.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName")
                    ? Result.Fail("EmailHasAccount", nameof(InviteForm.Email))
                    : Result.Fail("EmailInvalid", nameof(InviteForm.Email));
            }

            await users.AddToRoleAsync(member, form.Role == MemberRole.Administrator ? PortalRoles.CsoAdmin : PortalRoles.CsoMember);
            db.Audit(actor, OrganisationAuditActions.MemberInvited, OrganisationAuditActions.UserEntityType, member.Id,
                $"{email} ({form.Role})", organisationId, clock);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await SendInvitationAsync(scope.ServiceProvider, member, organisation, cancellationToken);
        return Result.Ok;
    }

    /// <summary>Sends a fresh invitation link to a member who has not activated the account yet; earlier links stop working.</summary>
    public async Task<Result> ResendInvitationAsync(ClaimsPrincipal user, string? memberId, AuditActor actor, CancellationToken cancellationToken = default)
    {
        if (await OrganisationOfAsync(user, PortalPolicies.CsoAdmin) is not { } organisationId)
        {
            return Result.Fail("NotAllowed");
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var member = string.IsNullOrEmpty(memberId) ? null : await users.FindByIdAsync(memberId);
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId, cancellationToken);
        if (member is null || member.OrganisationId != organisationId || member.IsDeactivated || organisation is null)
        {
            return Result.Fail("MemberNotFound");
        }

        if (await users.HasPasswordAsync(member))
        {
            return Result.Fail("AlreadyActivated");
        }

        await users.UpdateSecurityStampAsync(member);
        db.Audit(actor, OrganisationAuditActions.InvitationResent, OrganisationAuditActions.UserEntityType, member.Id, member.Email, organisationId, clock);
        await db.SaveChangesAsync(cancellationToken);
        await SendInvitationAsync(scope.ServiceProvider, member, organisation, cancellationToken);
        return Result.Ok;
    }

    /// <summary>
    /// Removes a member: the account is deactivated and its sessions end (new security stamp). An administrator cannot remove
    /// themself or the organisation's last administrator.
    /// </summary>
    public async Task<Result> RemoveMemberAsync(ClaimsPrincipal user, string? memberId, AuditActor actor, CancellationToken cancellationToken = default)
    {
        if (await OrganisationOfAsync(user, PortalPolicies.CsoAdmin) is not { } organisationId)
        {
            return Result.Fail("NotAllowed");
        }

        if (string.IsNullOrEmpty(memberId) || memberId == UserIdOf(user))
        {
            return Result.Fail(string.IsNullOrEmpty(memberId) ? "MemberNotFound" : "CannotRemoveSelf");
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var member = await users.FindByIdAsync(memberId);
        if (member is null || member.OrganisationId != organisationId || member.IsDeactivated)
        {
            return Result.Fail("MemberNotFound");
        }

        if (await users.IsInRoleAsync(member, PortalRoles.CsoAdmin))
        {
            var administrators = (await MembersOfAsync(db, organisationId, cancellationToken)).Count(m => m.IsAdministrator && m.UserId != member.Id);
            if (administrators == 0)
            {
                return Result.Fail("CannotRemoveLastAdministrator");
            }
        }

        member.IsDeactivated = true;
        // Saves the deactivation too; the new stamp makes every open session fail its next revalidation.
        await users.UpdateSecurityStampAsync(member);
        db.Audit(actor, OrganisationAuditActions.MemberRemoved, OrganisationAuditActions.UserEntityType, member.Id, member.Email, organisationId, clock);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        revocations.Revoke([member.Id]);
        logger.LogInformation("Member {UserId} removed from organisation {OrganisationId}", member.Id, organisationId);
        return Result.Ok;
    }
}
