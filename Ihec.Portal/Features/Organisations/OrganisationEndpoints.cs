using Ihec.Portal.Shared.Security;
using Microsoft.Net.Http.Headers;

namespace Ihec.Portal.Features.Organisations;

public static class OrganisationEndpoints
{
    public static IEndpointRouteBuilder MapOrganisationEndpoints(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/ihec/organisations").RequireAuthorization(PortalPolicies.IhecRelations);
        staff.MapGet("/{id:guid}/document", DownloadDocumentAsync);
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

        context.Response.Headers.CacheControl = "private, no-store";
        context.Response.Headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'; sandbox";
        return TypedResults.File(document.Content, document.ContentType, document.FileName);
    }
}
