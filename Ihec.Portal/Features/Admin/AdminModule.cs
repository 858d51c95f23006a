namespace Ihec.Portal.Features.Admin;

public static class AdminModule
{
    public static IServiceCollection AddAdmin(this IServiceCollection services) => services.AddScoped<AuditQueryService>();

    public static WebApplication MapAdmin(this WebApplication app) => app;
}

/// <summary>Marker for Resources/Features/Admin/AdminText.*.resx.</summary>
public sealed class AdminText;
