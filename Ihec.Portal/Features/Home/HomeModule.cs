namespace Ihec.Portal.Features.Home;

public static class HomeModule
{
    public static IServiceCollection AddHome(this IServiceCollection services, IConfiguration configuration) => services;

    public static WebApplication MapHome(this WebApplication app) => app;
}
