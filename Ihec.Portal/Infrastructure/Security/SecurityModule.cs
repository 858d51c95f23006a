using System.Net;
using System.Threading.RateLimiting;
using Ihec.Portal.Shared.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Ihec.Portal.Infrastructure.Security;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Form posts per client address per window on sign-in pages.</summary>
    public int SignInPermits { get; set; } = 20;
    public int PasswordResetPermits { get; set; } = 5;
    public int ApplicationPermits { get; set; } = 5;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}

public static class RateLimitPolicies
{
    public const string SignIn = "sign-in";
    public const string PasswordReset = "password-reset";
    public const string Applications = "applications";
}

/// <summary>
/// Met unless the user is IHEC staff who must use two-factor and has not enrolled an authenticator yet
/// (<see cref="PortalClaims.TwoFactorSetupRequired"/>). Part of every policy but <see cref="PortalPolicies.Account"/>.
/// </summary>
public sealed class TwoFactorEnrolledRequirement : AuthorizationHandler<TwoFactorEnrolledRequirement>, IAuthorizationRequirement
{
    public static readonly TwoFactorEnrolledRequirement Instance = new();

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TwoFactorEnrolledRequirement requirement)
    {
        if (!context.User.HasClaim(c => c.Type == PortalClaims.TwoFactorSetupRequired))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

public static class SecurityModule
{
    public static IServiceCollection AddPortalAuthorization(this IServiceCollection services)
    {
        var builder = services.AddAuthorizationBuilder();
        // The account's own pages (profile, password, two-factor enrolment) and signing out: the only policy a staff
        // account that must still enrol an authenticator passes.
        builder.AddPolicy(PortalPolicies.Account, p => p.RequireAuthenticatedUser().RequireRole(PortalRoles.All));

        // Every other policy requires the enrolment first, for every method, endpoint and the hub.
        void Add(string name, Action<AuthorizationPolicyBuilder> configure) =>
            builder.AddPolicy(name, p =>
            {
                configure(p.RequireAuthenticatedUser());
                p.AddRequirements(TwoFactorEnrolledRequirement.Instance);
            });

        Add(PortalPolicies.SignedIn, p => p.RequireRole(PortalRoles.All));
        Add(PortalPolicies.CsoMember, p => p.RequireRole(PortalRoles.CsoMember, PortalRoles.CsoAdmin).RequireClaim(PortalClaims.OrganisationId));
        Add(PortalPolicies.CsoAdmin, p => p.RequireRole(PortalRoles.CsoAdmin).RequireClaim(PortalClaims.OrganisationId));
        Add(PortalPolicies.IhecStaff, p => p.RequireRole(PortalRoles.Staff));
        Add(PortalPolicies.IhecRelations, p => p.RequireRole(PortalRoles.IhecRelations));
        Add(PortalPolicies.IhecMedia, p => p.RequireRole(PortalRoles.IhecMedia));
        Add(PortalPolicies.ChatParticipant, p => p.RequireAssertion(c =>
            c.User.IsInRole(PortalRoles.IhecMedia)
            || (PortalRoles.Cso.Any(c.User.IsInRole) && c.User.HasClaim(claim => claim.Type == PortalClaims.OrganisationId))));
        Add(PortalPolicies.IhecAntiRumour, p => p.RequireRole(PortalRoles.IhecAntiRumour));
        Add(PortalPolicies.IhecMonitoring, p => p.RequireRole(PortalRoles.IhecMonitoring));
        Add(PortalPolicies.ViolationMap, p => p.RequireAssertion(c =>
            c.User.IsInRole(PortalRoles.IhecMonitoring)
            || (PortalRoles.Cso.Any(c.User.IsInRole) && c.User.HasClaim(claim => claim.Type == PortalClaims.OrganisationId))));
        Add(PortalPolicies.IhecEditor, p => p.RequireRole(PortalRoles.IhecEditor));
        Add(PortalPolicies.Administrator, p => p.RequireRole(PortalRoles.Administrator));
        return services;
    }

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = (int)HttpStatusCode.TooManyRequests;
            o.OnRejected = async (context, token) =>
            {
                var text = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedText>>();
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)retry.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await context.HttpContext.Response.WriteAsync(text["TooManyRequests"], token);
            };
            AddPostLimit(o, RateLimitPolicies.SignIn, limits.SignInPermits, limits.Window);
            AddPostLimit(o, RateLimitPolicies.PasswordReset, limits.PasswordResetPermits, limits.Window);
            AddPostLimit(o, RateLimitPolicies.Applications, limits.ApplicationPermits, limits.Window);
        });
        return services;
    }

    // Only form posts count: reading the page (and a validation error shown again) is never limited.
    private static void AddPostLimit(RateLimiterOptions options, string name, int permits, TimeSpan window) =>
        options.AddPolicy(name, context =>
            HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("get"));

    /// <summary>Standard security headers, and a content security policy without <c>unsafe-eval</c>.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        // Map tiles, when a tile server is configured (Violations:Map:TileUrl), are images from its origin.
        var tiles = Uri.TryCreate(app.Configuration["Violations:Map:TileUrl"]?.Replace("{", "").Replace("}", ""), UriKind.Absolute, out var tileUrl)
                    && tileUrl.Scheme is "https" or "http"
            ? " " + tileUrl.GetLeftPart(UriPartial.Authority)
            : "";
        // Scripts connect (fetch, the hub's and circuits' WebSockets) to the portal's own origin only; 'self' alone does not
        // cover ws:/wss: in every browser, so the request's own host is named with the WebSocket scheme.
        var cspStart = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:" + tiles + "; " +
                       "font-src 'self'; connect-src 'self' ";
        const string cspEnd = "; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = cspStart + (context.Request.IsHttps ? "wss://" : "ws://") + context.Request.Host.ToUriComponent() + cspEnd;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(self)";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            await next();
        });
        return app;
    }

    /// <summary>
    /// The chat hub and the circuits (<c>/hubs</c>, <c>/_blazor</c>: negotiation, WebSockets, long polling) answer 403 to a
    /// browser request from another origin. Browsers send <c>Origin</c> with every WebSocket handshake, and the same-site
    /// cookie alone does not stop a page of another origin of the same site (or a browser that ignores SameSite). Apps that
    /// send no <c>Origin</c> (mobile clients) are not affected.
    /// </summary>
    public static WebApplication UseSameOriginRealtime(this WebApplication app)
    {
        var publicOrigin = Uri.TryCreate(app.Configuration["Portal:PublicBaseUrl"], UriKind.Absolute, out var publicUrl)
            ? publicUrl.GetLeftPart(UriPartial.Authority)
            : null;
        app.Use((context, next) =>
        {
            var request = context.Request;
            if ((request.Path.StartsWithSegments("/hubs") || request.Path.StartsWithSegments("/_blazor"))
                && request.Headers.Origin is { Count: > 0 } origin
                && !IsOwnOrigin(origin.ToString(), request, publicOrigin))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            }

            return next(context);
        });
        return app;
    }

    private static bool IsOwnOrigin(string origin, HttpRequest request, string? publicOrigin) =>
        string.Equals(origin, request.Scheme + "://" + request.Host.ToUriComponent(), StringComparison.OrdinalIgnoreCase)
        || (publicOrigin is not null && string.Equals(origin, publicOrigin, StringComparison.OrdinalIgnoreCase));
}
