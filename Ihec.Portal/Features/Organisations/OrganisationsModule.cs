namespace Ihec.Portal.Features.Organisations;

public static class OrganisationsModule
{
    public static IServiceCollection AddOrganisations(this IServiceCollection services)
    {
        services.AddOptions<OrganisationOptions>().BindConfiguration(OrganisationOptions.Section)
            .Validate(o => o.MaxDocumentBytes is > 0 and <= 50 * 1024 * 1024, "Organisations:MaxDocumentBytes must be more than zero and at most 50 MB.")
            .Validate(o => o.UpdateLinkLifetime > TimeSpan.Zero, "Organisations:UpdateLinkLifetime must be more than zero.")
            .Validate(o => o.KeptDocumentLifetime > TimeSpan.Zero, "Organisations:KeptDocumentLifetime must be more than zero.")
            .ValidateOnStart();
        services.AddScoped<OrganisationEmails>();
        services.AddScoped<OrganisationService>();
        services.AddSingleton<ApplicationConfirmation>();
        services.AddSingleton<Ihec.Portal.Infrastructure.Files.IStoredFileReferences>(new Ihec.Portal.Infrastructure.Files.StoredFileReferences(db => db.Organisations.Select(o => o.DocumentFileId)));
        return services;
    }

    public static WebApplication MapOrganisations(this WebApplication app)
    {
        app.MapOrganisationEndpoints();
        return app;
    }
}
