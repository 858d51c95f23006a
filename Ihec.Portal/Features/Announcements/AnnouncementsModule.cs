using Ihec.Portal.Infrastructure.Text;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ihec.Portal.Features.Announcements;

public static class AnnouncementsModule
{
    public static IServiceCollection AddAnnouncements(this IServiceCollection services)
    {
        services.TryAddSingleton<MarkdownRenderer>();
        services.AddSingleton<AnnouncementMailer>();
        services.AddHostedService(sp => sp.GetRequiredService<AnnouncementMailer>());
        services.AddHostedService<AnnouncementStartup>();
        services.AddScoped<AnnouncementService>();
        return services;
    }
}

/// <summary>Seeds the demo announcements when <c>Demo:Enabled</c> and there are none.</summary>
internal sealed class AnnouncementStartup(IServiceProvider services, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue<bool>("Demo:Enabled"))
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        await AnnouncementDemo.SeedAsync(scope.ServiceProvider, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
