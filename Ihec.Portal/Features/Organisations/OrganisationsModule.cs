namespace Ihec.Portal.Features.Organisations;

public static class OrganisationsModule
{
    public static IServiceCollection AddOrganisations(this IServiceCollection services) => services;

    public static WebApplication MapOrganisations(this WebApplication app) => app;
}
