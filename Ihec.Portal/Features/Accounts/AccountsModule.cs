using Ihec.Portal.Infrastructure.Auditing;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Infrastructure.Redis;
using Ihec.Portal.Infrastructure.Web;
using Ihec.Portal.Shared.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Ihec.Portal.Features.Accounts;

public static class AccountsModule
{
    public const string LoginPath = "/account/login";
    public const string AccessDeniedPath = "/account/access-denied";
    public const string TwoFactorSetupPath = "/account/manage/two-factor";

    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccountOptions>().Bind(configuration.GetSection(AccountOptions.Section))
            .Validate(o => o.RevalidationInterval > TimeSpan.Zero && o.RevalidationInterval <= TimeSpan.FromMinutes(1),
                "Accounts:RevalidationInterval must be more than zero and at most a minute.")
            .Validate(o => o.AuthenticatorStepsTolerance is >= 0 and <= 2, "Accounts:AuthenticatorStepsTolerance must be 0, 1 or 2.")
            .ValidateOnStart();
        var accountOptions = configuration.GetSection(AccountOptions.Section).Get<AccountOptions>() ?? new AccountOptions();
        var publicUrl = configuration.GetSection(PortalUrlOptions.Section).Get<PortalUrlOptions>() ?? new PortalUrlOptions();

        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = LoginPath;
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = AccessDeniedPath;
            o.Cookie.Name = "ihec.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whatever scheme the request arrived with when the portal is public over https: behind a proxy that
            // ends TLS the request is http unless ForwardedHeaders names the proxy (docs/security.md).
            o.Cookie.SecurePolicy = publicUrl.IsHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
        });

        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, EndedSessions.Attach);
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, Infrastructure.Api.PortalApi.AnswerJsonClients);
        services.AddSingleton<EndedSessions>();

        // Static pages are re-checked at least once a minute, like open circuits.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = accountOptions.RevalidationInterval);

        services.AddIdentityCore<PortalUser>(o =>
            {
                o.SignIn.RequireConfirmedAccount = true;
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = accountOptions.MaxFailedAccessAttempts;
                o.Lockout.DefaultLockoutTimeSpan = accountOptions.LockoutDuration;
                o.Tokens.ProviderMap[InvitationTokenProvider.ProviderName] =
                    new TokenProviderDescriptor(typeof(InvitationTokenProvider));
                o.Tokens.ProviderMap[PortalAuthenticatorTokenProvider.ProviderName] =
                    new TokenProviderDescriptor(typeof(PortalAuthenticatorTokenProvider));
                o.Tokens.AuthenticatorTokenProvider = PortalAuthenticatorTokenProvider.ProviderName;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager<PortalSignInManager>()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();
        services.AddTransient<InvitationTokenProvider>();
        services.AddSingleton<AuthenticatorCodes>();
        services.AddSingleton<UnknownAccountLockout>();
        services.AddTransient<PortalAuthenticatorTokenProvider>();
        services.Configure<InvitationTokenProviderOptions>(o =>
        {
            o.Name = InvitationTokenProvider.ProviderName;
            o.TokenLifespan = accountOptions.InvitationLifetime;
        });
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(3));

        services.AddScoped<AccountEmails>();
        services.AddSingleton<SessionRevocations>();
        if (RedisOptions.From(configuration).Enabled)
        {
            services.AddSingleton<ISessionRevocationRelay, RedisSessionRevocationRelay>();
            services.AddHostedService<RedisSessionRevocationSubscriber>();
        }

        return services;
    }

    public static WebApplication MapAccounts(this WebApplication app)
    {
        var group = app.MapGroup("/account");
        group.MapPost("/logout", async (SignInManager<PortalUser> signIn, CurrentActor actor, PortalDbContext db, HttpContext context,
            EndedSessions sessions, IOptionsMonitor<CookieAuthenticationOptions> cookies, [FromForm] string? returnUrl) =>
        {
            var who = await actor.GetAsync();
            // A copy of this cookie is refused from now on, not only once it expires.
            var session = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
            await sessions.EndAsync(session.Principal, session.Properties, cookies.Get(IdentityConstants.ApplicationScheme).ExpireTimeSpan, context.RequestAborted);
            await signIn.SignOutAsync();
            if (who.UserId is not null)
            {
                db.Audit(who, "account.sign-out", "User", who.UserId);
                await db.SaveChangesAsync();
            }

            return TypedResults.LocalRedirect(ReturnUrls.LocalOrHome(returnUrl));
        }).RequireAuthorization(PortalPolicies.Account).ExcludeFromDescription(); // the sign-out form's post, not an API

        return app;
    }

    /// <summary>Staff who must use two-factor and have not enrolled yet can only reach the enrolment pages.</summary>
    public static WebApplication UseTwoFactorEnrolment(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (context.User.HasClaim(c => c.Type == PortalClaims.TwoFactorSetupRequired)
                && HttpMethods.IsGet(context.Request.Method)
                && !path.StartsWithSegments("/account")
                && !path.StartsWithSegments("/_framework")
                && !path.StartsWithSegments("/_content")
                && !path.StartsWithSegments("/_blazor")
                && !path.StartsWithSegments("/css") && !path.StartsWithSegments("/fonts") && !path.StartsWithSegments("/lib")
                && !path.StartsWithSegments("/healthz") && !path.StartsWithSegments("/readyz"))
            {
                context.Response.Redirect(TwoFactorSetupPath);
                return;
            }

            await next();
        });
        return app;
    }
}
