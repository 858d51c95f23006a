using System.Net;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ihec.Portal.Tests.Integration;

/// <summary>#22 item 1: <c>HEAD</c> on every <c>GET</c> route answers as the <c>GET</c> does, without a body.</summary>
public sealed class HeadRequestTests(AuthorisationMatrixPortal portal) : IClassFixture<AuthorisationMatrixPortal>
{
    [Fact]
    public async Task Head_on_every_get_route_answers_with_the_gets_status_and_headers_and_no_body()
    {
        // The app's own GET endpoints, from its route table (as the authorisation matrix takes them), each requested at
        // its row's sample address; as nobody and as a role the route is meant for (CSO member when none is).
        var routes = portal.AppEndpoints()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is not { Count: > 0 } methods || methods.Contains(HttpMethods.Get))
            .SelectMany(e => PortalRoutes.All.Where(r => r.Method == HttpMethods.Get && AuthorisationMatrixTests.Matches(r, e)))
            .Distinct()
            .ToList();
        Assert.True(routes.Count > 50, $"Only {routes.Count} GET routes found.");

        var failures = new List<string>();
        foreach (var row in routes)
        {
            var signedIn = Principals.Roles.FirstOrDefault(p => row.For(p) == Outcome.Allowed, Principal.CsoMember);
            foreach (var principal in new[] { Principal.Anonymous, signedIn })
            {
                var client = await portal.ClientAsync(principal);
                var url = row.UrlFor(portal);
                using var get = await client.GetAsync(url);
                using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
                var headBody = await head.Content.ReadAsByteArrayAsync();

                var problems = new List<string>();
                if (head.StatusCode != get.StatusCode)
                {
                    problems.Add($"status {(int)head.StatusCode}, GET {(int)get.StatusCode}");
                }

                if (head.Content.Headers.ContentType?.ToString() != get.Content.Headers.ContentType?.ToString())
                {
                    problems.Add($"Content-Type '{head.Content.Headers.ContentType}', GET '{get.Content.Headers.ContentType}'");
                }

                if (head.Headers.Location?.OriginalString != get.Headers.Location?.OriginalString)
                {
                    problems.Add($"Location '{head.Headers.Location}', GET '{get.Headers.Location}'");
                }

                if (headBody.Length > 0)
                {
                    problems.Add($"a body of {headBody.Length} bytes");
                }

                if (problems.Count > 0)
                {
                    failures.Add($"HEAD {url} as {principal}: {string.Join("; ", problems)}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Head_on_a_file_keeps_its_length_and_on_an_unknown_address_is_not_found()
    {
        var client = await portal.ClientAsync(Principal.Anonymous);

        using var get = await client.GetAsync("/sitemap.xml");
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/sitemap.xml"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal((await get.Content.ReadAsByteArrayAsync()).Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        using var missing = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/no-such-page"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
