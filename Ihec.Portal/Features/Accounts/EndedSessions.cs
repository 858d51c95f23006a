using System.Globalization;
using System.Security.Claims;
using Ihec.Portal.Infrastructure.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Accounts;

/// <summary>
/// Signing out ends the session on the server, not only in the browser. Each sign-in gets a session id in its cookie's
/// authentication properties (kept when the cookie is renewed or refreshed); signing out records the id as ended, in
/// the identity user-token table (no table of its own, shared by every instance, kept across restarts), and a cookie
/// carrying an ended session is refused on its next request. The user's other sessions are not affected.
/// </summary>
public sealed class EndedSessions(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    private const string SessionProperty = "ihec.session";
    private const string TokenProvider = "[ihec:ended-session]";

    /// <summary>Adds the session id to every sign-in of the application cookie, and refuses cookies of ended sessions.</summary>
    public static void Attach(CookieAuthenticationOptions options)
    {
        var events = options.Events;
        var signingIn = events.OnSigningIn;
        var validate = events.OnValidatePrincipal;
        events.OnSigningIn = context =>
        {
            if (!context.Properties.Items.ContainsKey(SessionProperty))
            {
                context.Properties.Items[SessionProperty] = Guid.NewGuid().ToString("N");
            }

            return signingIn(context);
        };
        events.OnValidatePrincipal = async context =>
        {
            var ended = context.HttpContext.RequestServices.GetRequiredService<EndedSessions>();
            if (await ended.HasEndedAsync(context.Principal, context.Properties))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(context.Scheme.Name);
                return;
            }

            await validate(context);
        };
    }

    /// <summary>Records the session of this cookie as ended, for as long as a copy of the cookie could still be valid.</summary>
    public async Task EndAsync(ClaimsPrincipal? user, AuthenticationProperties? properties, TimeSpan cookieLifetime, CancellationToken cancellationToken = default)
    {
        if (UserId(user) is not { } userId || SessionOf(properties) is not { } session)
        {
            return;
        }

        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The user's earlier ended sessions whose cookies have expired anyway are forgotten.
        var earlier = await db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == TokenProvider).ToListAsync(cancellationToken);
        db.UserTokens.RemoveRange(earlier.Where(t =>
            !DateTimeOffset.TryParse(t.Value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var until) || until < now));
        if (earlier.All(t => t.Name != session))
        {
            db.UserTokens.Add(new IdentityUserToken<string>
            {
                UserId = userId,
                LoginProvider = TokenProvider,
                Name = session,
                Value = (now + cookieLifetime).ToString("O", CultureInfo.InvariantCulture),
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<bool> HasEndedAsync(ClaimsPrincipal? user, AuthenticationProperties properties)
    {
        if (UserId(user) is not { } userId || SessionOf(properties) is not { } session)
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.UserTokens.AnyAsync(t => t.UserId == userId && t.LoginProvider == TokenProvider && t.Name == session);
    }

    private static string? UserId(ClaimsPrincipal? user) => user?.FindFirstValue(ClaimTypes.NameIdentifier);

    private static string? SessionOf(AuthenticationProperties? properties) =>
        properties?.Items.TryGetValue(SessionProperty, out var session) == true && !string.IsNullOrEmpty(session) ? session : null;
}
