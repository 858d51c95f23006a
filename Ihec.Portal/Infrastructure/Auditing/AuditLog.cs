using System.Security.Claims;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Shared.Auditing;
using Microsoft.AspNetCore.Components.Authorization;

namespace Ihec.Portal.Infrastructure.Auditing;

/// <summary>Who is acting, and from where, for the audit log.</summary>
public sealed record AuditActor(string? UserId, string Name, string? IpAddress)
{
    public static readonly AuditActor System = new(null, "system", null);

    public static AuditActor From(ClaimsPrincipal? user, string? ip) =>
        user?.Identity?.IsAuthenticated == true
            ? new AuditActor(user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity!.Name ?? "", ip)
            : new AuditActor(null, "anonymous", ip);
}

/// <summary>Resolves the current actor from the HTTP request, or from the circuit's authentication state.</summary>
public sealed class CurrentActor(IHttpContextAccessor http, IServiceProvider services)
{
    public async Task<AuditActor> GetAsync()
    {
        var context = http.HttpContext;
        if (context is not null)
        {
            return AuditActor.From(context.User, context.Connection.RemoteIpAddress?.ToString());
        }

        var state = services.GetService<AuthenticationStateProvider>();
        if (state is null)
        {
            return AuditActor.System;
        }

        var auth = await state.GetAuthenticationStateAsync();
        return AuditActor.From(auth.User, null);
    }
}

public static class AuditLogExtensions
{
    /// <summary>Adds an audit entry to the same unit of work as the change it records.</summary>
    public static void Audit(this PortalDbContext db, AuditActor actor, string action, string entityType, string? entityId,
        string? details = null, Guid? organisationId = null, TimeProvider? clock = null)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            At = (clock ?? TimeProvider.System).GetUtcNow(),
            ActorUserId = actor.UserId,
            ActorName = actor.Name,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Details = details is { Length: > 4000 } ? details[..4000] : details,
            IpAddress = actor.IpAddress,
            OrganisationId = organisationId,
        });
    }
}
