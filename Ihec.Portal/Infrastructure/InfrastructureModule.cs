using Ihec.Portal.Components;
using Ihec.Portal.Features.Accounts;
using Ihec.Portal.Infrastructure.Api;
using Ihec.Portal.Infrastructure.Auditing;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Infrastructure.Email;
using Ihec.Portal.Infrastructure.Files;
using Ihec.Portal.Infrastructure.Localisation;
using Ihec.Portal.Infrastructure.Operations;
using Ihec.Portal.Infrastructure.Redis;
using Ihec.Portal.Infrastructure.Search;
using Ihec.Portal.Infrastructure.Security;
using Ihec.Portal.Infrastructure.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;

namespace Ihec.Portal.Infrastructure;

public static class InfrastructureModule
{
    /// <summary>Everything the modules stand on: data, e-mail, files, audit, languages, security, health, telemetry.</summary>
    public static WebApplicationBuilder AddPortalInfrastructure(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var paths = new PortalPaths(builder.Configuration, builder.Environment);
        // Before anything opens a file in the folder: a second process on it stops here (DataFolderLockedException).
        var folderLock = DataFolderLock.Acquire(paths.DataFolder);
        // Created by a factory so the container disposes it (releasing the lock) when the host is disposed.
        services.AddSingleton(_ => folderLock);
        services.AddSingleton(paths);
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddOptions<PortalUrlOptions>().Bind(builder.Configuration.GetSection(PortalUrlOptions.Section));

        services.AddPortalData(builder.Configuration, paths.DataFolder);
        services.AddPortalEmail(builder.Configuration);
        services.AddSingleton<IFileStorage, LocalFileStorage>();
        services.AddSingleton<KeptUploads>();
        services.AddOptions<UploadSweepOptions>().Bind(builder.Configuration.GetSection(UploadSweepOptions.Section));
        services.AddSingleton<UploadSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<UploadSweeper>());
        services.AddSingleton<Geography.GovernorateBoundaries>();
        services.AddSingleton<Search.SearchIndexStatus>();
        services.AddScoped<CurrentActor>();
        services.AddPortalLocalisation();
        services.AddPortalAuthorization();
        services.AddPortalRateLimits(builder.Configuration);
        services.AddPortalForwardedHeaders(builder.Configuration);
        services.AddAntiforgery();
        services.AddPortalApi();
        services.AddOutputCache(o => o.AddPolicy(Caching.PublicPageCache.Policy, new Caching.PublicPageCache()));
        // Keys survive restarts, so cookies and invitation links stay valid. One application name on every instance;
        // with Redis the key ring is kept there (RedisModule), so every instance reads what another protected.
        var dataProtection = services.AddDataProtection().SetApplicationName("Ihec.Portal");
        if (!services.AddPortalRedis(builder.Configuration))
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(paths.DataFolder, "keys")));
        }

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();

        services.AddPortalHealthChecks(builder.Configuration);
        builder.AddPortalTelemetry();
        return builder;
    }

    public static WebApplication UsePortalPipeline(this WebApplication app)
    {
        // HEAD goes through as GET, so it comes before routing, which is named here for that (it was implicitly first).
        app.UseHeadAsGet();
        app.UseRouting();
        app.UsePortalForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        app.UseSameOriginRealtime();
        app.UsePortalLocalisation();
        // After localisation, so the not-found page keeps the language the request asked for.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAuthentication();
        app.UseTwoFactorEnrolment();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.UseBareStatusForRejectedForms();
        // After authentication and localisation: the policies read the user and the resolved language.
        // Only endpoints with a policy are cached (public reading pages, the statistics CSV downloads).
        app.UseOutputCache();

        app.MapPortalHealthChecks();
        app.MapPortalApi();
        app.MapRobots();
        return app;
    }

    /// <summary>
    /// A form post whose antiforgery token failed is answered with its bare status (400): re-executing it as the
    /// not-found page would read the form again, which throws and turns the 400 into a 500.
    /// </summary>
    private static void UseBareStatusForRejectedForms(this WebApplication app) =>
        app.Use((context, next) =>
        {
            if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
                && context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
            {
                statusCodePages.Enabled = false;
            }

            return next(context);
        });

    public static WebApplication MapPortalComponents(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>Migrates the database and, with the embedded defaults, seeds the demo data.</summary>
    public static async Task PrepareAsync(this WebApplication app)
    {
        // Resolved once, so the container owns it and releases the lock when the host is disposed.
        app.Services.GetRequiredService<DataFolderLock>();
        ProductionSafety.CheckSettings(app);
        await DataModule.MigrateAsync(app.Services);
        await ProductionSafety.CheckDataAsync(app);
        await Demo.DemoData.SeedIfEnabledAsync(app.Services);
    }
}
