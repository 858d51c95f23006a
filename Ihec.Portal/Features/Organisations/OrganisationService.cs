using System.Security.Claims;
using Ihec.Portal.Features.Accounts;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Infrastructure.Files;
using Ihec.Portal.Shared.Organisations;
using Ihec.Portal.Shared.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ihec.Portal.Features.Organisations;

/// <summary>
/// The Organisations module's use cases: applying (<c>.Applications.cs</c>), the relations division's review and decisions
/// (<c>.Review.cs</c>), an organisation's own profile and members (<c>.Members.cs</c>) and the public directory
/// (<c>.Directory.cs</c>). Pages only bind forms and call these methods.
/// </summary>
/// <remarks>
/// Reads use a context per operation from the factory. Writes that also change accounts run in their own service scope, so
/// that the organisation, the accounts (through <see cref="Microsoft.AspNetCore.Identity.UserManager{TUser}"/>) and the
/// audit entry share one context and one transaction, and the service is safe to call from a long-lived circuit.
/// </remarks>
public sealed partial class OrganisationService
{
    private static readonly TimeSpan IraqOffset = TimeSpan.FromHours(3);

    private readonly IDbContextFactory<PortalDbContext> dbFactory;
    private readonly IServiceScopeFactory scopes;
    private readonly IFileStorage files;
    private readonly KeptUploads keptUploads;
    private readonly OrganisationEmails emails;
    private readonly IAuthorizationService authorization;
    private readonly OrganisationOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger<OrganisationService> logger;
    private readonly SessionRevocations revocations;

    public OrganisationService(
        IDbContextFactory<PortalDbContext> dbFactory,
        IServiceScopeFactory scopes,
        IFileStorage files,
        KeptUploads keptUploads,
        OrganisationEmails emails,
        IAuthorizationService authorization,
        IOptions<OrganisationOptions> options,
        TimeProvider clock,
        ILogger<OrganisationService> logger,
        SessionRevocations revocations)
    {
        this.revocations = revocations;
        this.dbFactory = dbFactory;
        this.scopes = scopes;
        this.files = files;
        this.keptUploads = keptUploads;
        this.emails = emails;
        this.authorization = authorization;
        this.options = options.Value;
        this.clock = clock;
        this.logger = logger;
    }

    private static string? UserIdOf(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>The caller's organisation, from their claim (never from a URL or a form), when they pass <paramref name="policy"/>.</summary>
    private async Task<Guid?> OrganisationOfAsync(ClaimsPrincipal user, string policy)
    {
        if (!(await authorization.AuthorizeAsync(user, policy)).Succeeded)
        {
            return null;
        }

        return Guid.TryParse(user.FindFirstValue(PortalClaims.OrganisationId), out var id) ? id : null;
    }

    /// <summary>Organisations and accounts that already use a registration number or e-mail address, as errors on their fields.</summary>
    private static async Task<List<FieldError>> DuplicatesAsync(PortalDbContext db, string registrationNumber, string email, Guid? except,
        CancellationToken cancellationToken)
    {
        var errors = await RegistrationNumberErrorsAsync(db, registrationNumber, except, cancellationToken);
        if (await EmailInUseAsync(db, email, except, cancellationToken))
        {
            errors.Add(new FieldError(nameof(ApplicationForm.ContactEmail), "DuplicateEmail"));
        }

        return errors;
    }

    private static async Task<List<FieldError>> RegistrationNumberErrorsAsync(PortalDbContext db, string registrationNumber, Guid? except,
        CancellationToken cancellationToken) =>
        await db.Organisations.AnyAsync(o => o.RegistrationNumber == registrationNumber && o.Id != except, cancellationToken)
            ? [new FieldError(nameof(ApplicationForm.RegistrationNumber), "DuplicateRegistrationNumber")]
            : [];

    /// <summary>Whether another organisation or any account uses the (normalised) e-mail address.</summary>
    private static async Task<bool> EmailInUseAsync(PortalDbContext db, string email, Guid? except, CancellationToken cancellationToken)
    {
        var normalisedEmail = email.ToUpperInvariant();
        return await db.Organisations.AnyAsync(o => o.ContactEmail == email && o.Id != except, cancellationToken)
               || await db.Users.AnyAsync(u => u.NormalizedEmail == normalisedEmail, cancellationToken);
    }

    /// <summary>Sends an invitation link; a failure is logged (the account exists, and an administrator can resend it).</summary>
    private async Task SendInvitationAsync(IServiceProvider scope, PortalUser user, Organisation organisation, CancellationToken cancellationToken)
    {
        try
        {
            await scope.GetRequiredService<AccountEmails>().SendInvitationAsync(user, organisation.NameFor(user.PreferredCulture), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "The invitation of user {UserId} to organisation {Reference} could not be sent", user.Id, organisation.Reference);
        }
    }
}
