using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Options;
using Ihec.Portal.Infrastructure.Web;

namespace Ihec.Portal.Infrastructure.Search;

/// <summary>
/// <c>/robots.txt</c>: where the sitemap is (from <c>Portal:PublicBaseUrl</c>) and which areas crawlers should leave
/// alone. The areas come from the route table, not from a list: every <c>GET</c> endpoint that needs a policy (staff,
/// members, the account's own pages) is private, and each is disallowed by the shortest path prefix under which no
/// public endpoint lives — <c>/ihec</c>, <c>/reports/mine</c>, <c>/account/manage</c> — so a new private area is
/// listed as soon as it is mapped.
/// </summary>
public static class Robots
{
    public static IEndpointRouteBuilder MapRobots(this IEndpointRouteBuilder app)
    {
        app.MapGet("/robots.txt", (EndpointDataSource endpoints, IOptions<PortalUrlOptions> urls) =>
        {
            var text = new StringBuilder();
            text.Append("User-agent: *\n");
            foreach (var prefix in DisallowedPrefixes(endpoints.Endpoints))
            {
                text.Append("Disallow: ").Append(prefix).Append('\n');
            }

            text.Append('\n').Append("Sitemap: ").Append(urls.Value.Absolute("/sitemap.xml")).Append('\n');
            return Results.Text(text.ToString(), "text/plain; charset=utf-8", Encoding.UTF8);
        }).AllowAnonymous().WithTags("Search")
            .WithSummary("Rules for crawlers: every area whose pages need a sign-in disallowed, and the sitemap's address.")
            .Produces(StatusCodes.Status200OK, contentType: "text/plain");
        return app;
    }

    /// <summary>The shortest prefixes that cover every private <c>GET</c> endpoint and no public one, in order.</summary>
    public static IReadOnlyList<string> DisallowedPrefixes(IEnumerable<Endpoint> endpoints)
    {
        var routes = endpoints.OfType<RouteEndpoint>().Where(AnswersGet).ToList();
        var publicPrefixes = routes.Where(e => !IsPrivate(e)).Select(LiteralSegments).ToList();
        var disallowed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var segments in routes.Where(IsPrivate).Select(LiteralSegments).Where(s => s.Count > 0))
        {
            for (var length = 1; length <= segments.Count; length++)
            {
                var prefix = segments.Take(length).ToList();
                if (!publicPrefixes.Any(p => p.Count >= length && p.Take(length).SequenceEqual(prefix, StringComparer.Ordinal)))
                {
                    disallowed.Add("/" + string.Join('/', prefix));
                    break;
                }
            }
        }

        // A prefix inside another one adds nothing.
        return disallowed.Where(p => !disallowed.Any(other => other != p && p.StartsWith(other + "/", StringComparison.Ordinal))).ToList();
    }

    private static bool AnswersGet(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is not { Count: > 0 } methods
        || methods.Contains(HttpMethods.Get, StringComparer.OrdinalIgnoreCase);

    private static bool IsPrivate(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null && endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0;

    /// <summary>The pattern's segments up to the first one with a parameter (<c>/ihec/rumours/{id}</c>: ihec, rumours).</summary>
    private static List<string> LiteralSegments(RouteEndpoint endpoint) =>
        endpoint.RoutePattern.PathSegments
            .TakeWhile(s => s.IsSimple && s.Parts[0] is RoutePatternLiteralPart)
            .Select(s => ((RoutePatternLiteralPart)s.Parts[0]).Content)
            .ToList();
}
