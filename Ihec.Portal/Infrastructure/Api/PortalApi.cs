using System.Reflection;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Ihec.Portal.Infrastructure.Api;

/// <summary>
/// The machine-readable surface of the portal's HTTP endpoints: the OpenAPI document of the minimal-API endpoints (the
/// JSON data, the exports, the files and feeds; never the Razor pages, the hub or the health checks) at
/// <see cref="DocumentPath"/>, and errors as <c>application/problem+json</c> (RFC 9457) for JSON clients: a bad parameter
/// is a 400 naming it, and a refused request is a 401 or 403 instead of a redirect to the sign-in or access-denied page.
/// </summary>
public static class PortalApi
{
    public const string DocumentName = "v1";

    public const string DocumentPath = "/openapi/" + DocumentName + ".json";

    public static IServiceCollection AddPortalApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddOpenApi(DocumentName, o =>
        {
            // Route handlers only: Razor component pages, the hub and the health checks are not part of the API.
            o.ShouldInclude = d => d.ActionDescriptor.EndpointMetadata.OfType<MethodInfo>().Any();
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "IHEC–CSO Collaboration Portal";
                document.Info.Description = "The portal's JSON data, exports, files and feeds. Requests are authenticated with the " +
                                            "sign-in cookie (ihec.auth); errors are application/problem+json. The chat hub (/hubs/chat, " +
                                            "SignalR with the json and messagepack protocols) is described in docs/mobile-clients.md.";
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>The OpenAPI document, anonymous: it describes the endpoints, each of which checks its own policy.</summary>
    public static IEndpointRouteBuilder MapPortalApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi().AllowAnonymous().WithMetadata(new SkipStatusCodePagesAttribute());
        return app;
    }

    /// <summary>
    /// Marks an endpoint that scripts and apps call for JSON: a refusal is a 401 or 403 problem (never a redirect), an
    /// error without a body gets a problem body, and the not-found page is never put in its place.
    /// </summary>
    public static TBuilder AsJsonApi<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(JsonApiMetadata.Instance, new SkipStatusCodePagesAttribute());
        builder.AddEndpointFilter(async (context, next) => await next(context) switch
        {
            IStatusCodeHttpResult { StatusCode: >= 400 and var status } and not IValueHttpResult => TypedResults.Problem(statusCode: status),
            var result => result,
        });
        return builder;
    }

    /// <summary>A 400 problem whose <c>errors</c> names the parameter and says what it must be.</summary>
    public static ValidationProblem BadParameter(string name, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [name] = [message] });

    /// <summary>A problem with the status and a message for the person using the client (<c>detail</c>).</summary>
    public static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(detail: detail, statusCode: status);

    /// <summary>
    /// Whether a refused request is answered with its status rather than sent to a page: the endpoint is a JSON API one,
    /// or the client asked for JSON and not HTML.
    /// </summary>
    public static bool AnswersWithStatus(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<JsonApiMetadata>() is not null)
        {
            return true;
        }

        var accept = context.Request.GetTypedHeaders().Accept;
        return accept.Any(a => a.MatchesMediaType("application/json") || a.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
               && !accept.Any(a => a.MatchesMediaType("text/html"));
    }

    /// <summary>The sign-in cookie's redirects to the sign-in and access-denied pages become 401 and 403 problems for JSON clients.</summary>
    public static void AnswerJsonClients(CookieAuthenticationOptions options)
    {
        var events = options.Events;
        var toLogin = events.OnRedirectToLogin;
        var toAccessDenied = events.OnRedirectToAccessDenied;
        events.OnRedirectToLogin = context => AnswersWithStatus(context.HttpContext)
            ? WriteProblemAsync(context.HttpContext, StatusCodes.Status401Unauthorized)
            : toLogin(context);
        events.OnRedirectToAccessDenied = context => AnswersWithStatus(context.HttpContext)
            ? WriteProblemAsync(context.HttpContext, StatusCodes.Status403Forbidden)
            : toAccessDenied(context);
    }

    private static async Task WriteProblemAsync(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.CacheControl = "no-store";
        // Written whatever the Accept header says (the endpoint is an API one, or the client asked for JSON).
        await TypedResults.Problem(statusCode: status).ExecuteAsync(context);
    }

    private static bool MatchesMediaType(this MediaTypeHeaderValue value, string mediaType) =>
        value.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase);

    /// <summary>The marker <see cref="AsJsonApi{TBuilder}"/> puts on an endpoint.</summary>
    public sealed class JsonApiMetadata
    {
        public static readonly JsonApiMetadata Instance = new();
    }
}
