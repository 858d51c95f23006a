using Ihec.Portal.Infrastructure.Files;
using Ihec.Portal.Shared.Security;

namespace Ihec.Portal.Features.Organisations;

public static class OrganisationEndpoints
{
    public static IEndpointRouteBuilder MapOrganisationEndpoints(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/ihec/organisations").RequireAuthorization(PortalPolicies.IhecRelations);
        staff.MapGet("/{id:guid}/document", DownloadDocumentAsync).WithTags("Organisations")
            .WithSummary("An organisation application's supporting document, as an attachment, for the IHEC relations division.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").Produces(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>
    /// The supporting document, to the relations division only: always as an attachment with the type found by its content,
    /// so a browser never renders an applicant's file inside the portal.
    /// </summary>
    private static async Task<IResult> DownloadDocumentAsync(Guid id, OrganisationService organisations, HttpContext context,
        CancellationToken cancellationToken)
    {
        var document = await organisations.OpenDocumentAsync(id, cancellationToken);
        if (document is null)
        {
            return TypedResults.NotFound();
        }

        return UploadedFileResponse.Send(context, document.Content, document.ContentType, document.FileName, inline: false, "private, no-store", ranges: false);
    }
}
