using Ihec.Portal.Infrastructure.Files;
using Ihec.Portal.Shared.Files;
using Ihec.Portal.Shared.Security;

namespace Ihec.Portal.Features.Violations;

public static class ViolationsModule
{
    public static IServiceCollection AddViolations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ViolationOptions>().Bind(configuration.GetSection(ViolationOptions.Section))
            .Validate(o => o.MaxEvidenceFiles is > 0 and <= 20 && o.MaxEvidenceBytes > 0 && o.MaxVideoBytes is > 0 and <= int.MaxValue && o.MaxAudioBytes is > 0 and <= int.MaxValue && o.KeptEvidenceLifetime > TimeSpan.Zero && o.MaxAge > TimeSpan.Zero,
                "Violations: MaxEvidenceFiles must be 1–20 and the sizes and times more than zero.")
            .ValidateOnStart();
        services.AddOptions<ViolationMapOptions>().Bind(configuration.GetSection(ViolationMapOptions.Section))
            .Validate(o => o.PageSize is > 0 and <= 1000 && (o.TileUrl.Length == 0 || Uri.TryCreate(o.TileUrl.Replace("{", "").Replace("}", ""), UriKind.Absolute, out _)),
                "Violations:Map: PageSize must be 1–1000 and TileUrl empty or an absolute URL template.")
            .ValidateOnStart();
        services.AddScoped<ViolationService>();
        services.AddScoped<ViolationElections>();
        services.AddScoped<ViolationEmails>();
        services.AddSingleton<IStoredFileReferences>(new StoredFileReferences(db => db.Set<ViolationEvidence>().Select(e => (string?)e.FileId)));
        services.AddHostedService<ViolationDemo>();
        return services;
    }

    public static WebApplication MapViolations(this WebApplication app)
    {
        app.MapGet("/violations/evidence/{id:guid}", EvidenceAsync).RequireAuthorization(PortalPolicies.SignedIn).WithTags("Violations")
            .WithSummary("An evidence file of a violation report, to the reporting organisation and the monitoring reviewers; 404 for anyone else.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").Produces(StatusCodes.Status404NotFound);
        app.MapViolationMaps();
        return app;
    }

    private static async Task<IResult> EvidenceAsync(Guid id, ViolationService violations, HttpContext context)
    {
        if (await violations.OpenEvidenceAsync(context.User, id, context.RequestAborted) is not { } file)
        {
            return Results.NotFound();
        }

        return UploadedFileResponse.Send(context, file.Content, file.Kind, file.FileName, inline: file.Kind != FileKind.Pdf, "private, no-store");
    }
}
