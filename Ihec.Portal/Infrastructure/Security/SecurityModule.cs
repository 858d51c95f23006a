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

public static class SecurityModule
{
    public static IServiceCollection AddPortalAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(PortalPolicies.SignedIn, p => p.RequireAuthenticatedUser()
                .RequireRole(PortalRoles.All))
            .AddPolicy(PortalPolicies.CsoMember, p => p.RequireAuthenticatedUser()
                .RequireRole(PortalRoles.CsoMember, PortalRoles.CsoAdmin).RequireClaim(PortalClaims.OrganisationId))
            .AddPolicy(PortalPolicies.CsoAdmin, p => p.RequireAuthenticatedUser()
                .RequireRole(PortalRoles.CsoAdmin).RequireClaim(PortalClaims.OrganisationId))
            .AddPolicy(PortalPolicies.IhecStaff, p => p.RequireAuthenticatedUser()
                .RequireRole(PortalRoles.Staff))
            .AddPolicy(PortalPolicies.IhecRelations, p => p.RequireAuthenticatedUser().RequireRole(PortalRoles.IhecRelations))
            .AddPolicy(PortalPolicies.IhecMedia, p => p.RequireAuthenticatedUser().RequireRole(PortalRoles.IhecMedia))
            .AddPolicy(PortalPolicies.ChatParticipant, p => p.RequireAuthenticatedUser().RequireAssertion(c =>
                c.User.IsInRole(PortalRoles.IhecMedia)
                || (PortalRoles.Cso.Any(c.User.IsInRole) && c.User.HasClaim(claim => claim.Type == PortalClaims.OrganisationId))))
            .AddPolicy(PortalPolicies.IhecAntiRumour, p => p.RequireAuthenticatedUser().RequireRole(PortalRoles.IhecAntiRumour))
            .AddPolicy(PortalPolicies.IhecMonitoring, p => p.RequireAuthenticatedUser().RequireRole(PortalRoles.IhecMonitoring))
            .AddPolicy(PortalPolicies.ViolationMap, p => p.RequireAuthenticatedUser().RequireAssertion(c =>
                c.User.IsInRole(PortalRoles.IhecMonitoring)
                || (PortalRoles.Cso.Any(c.User.IsInRole) && c.User.HasClaim(claim => claim.Type == PortalClaims.OrganisationId))))
            .AddPolicy(PortalPolicies.IhecEditor, p => p.RequireAuthenticatedUser().RequireRole(PortalRoles.IhecEditor))
            .AddPolicy(PortalPolicies.Administrator, p => p.RequireAuthenticatedUser().RequireRole(PortalRoles.Administrator));
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
        var csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:" + tiles + "; " +
                  "font-src 'self'; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; " +
                  "form-action 'self'; object-src 'none'";
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = csp;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(self)";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            await next();
        });
        return app;
    }
}
