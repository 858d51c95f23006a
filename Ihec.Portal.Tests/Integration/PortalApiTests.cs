using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Ihec.Portal.Tests.Integration;

/// <summary>
/// The portal's machine-readable HTTP surface: the OpenAPI document describes every minimal-API endpoint (derived from the
/// endpoint data source, so an endpoint added without a description fails here), and JSON clients get
/// <c>application/problem+json</c>: a bad parameter is a 400 naming it, a refusal a 401 or 403 instead of a redirect.
/// </summary>
public sealed class PortalApiTests(AuthorisationMatrixPortal portal) : IClassFixture<AuthorisationMatrixPortal>
{
    private const string ProblemJson = "application/problem+json";

    /// <summary>Every endpoint mapped with a route handler (MapGet, MapPost…) that is not excluded from the description.</summary>
    private IReadOnlyList<(string Method, string Path)> RouteHandlerEndpoints() =>
        portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<MethodInfo>() is not null
                        && e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m, OpenApiPath(e))))
            .Distinct()
            .ToList();

    /// <summary>The route as OpenAPI writes it: leading slash, parameters without their constraints (<c>{id:guid}</c> is <c>{id}</c>).</summary>
    private static string OpenApiPath(RouteEndpoint endpoint) =>
        "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
            _ => throw new InvalidOperationException(part.ToString()),
        }))));

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, json.RootElement.GetProperty("status").GetInt32());
        return json.RootElement.Clone();
    }

    [Fact]
    public async Task The_openapi_document_is_a_valid_openapi_3_document_describing_every_minimal_api_endpoint_and_nothing_else()
    {
        var anonymous = await portal.ClientAsync(Principal.Anonymous);
        var response = await anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();

        var read = OpenApiDocument.Parse(text, "json");
        Assert.Empty(read.Diagnostic!.Errors);
        Assert.StartsWith("3.", read.Diagnostic.SpecificationVersion switch
        {
            OpenApiSpecVersion.OpenApi3_0 => "3.0",
            OpenApiSpecVersion.OpenApi3_1 => "3.1",
            var other => other.ToString(),
        });
        var document = read.Document!;
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet())!);

        var described = document.Paths.SelectMany(p => p.Value.Operations!.Select(o => (o.Key.Method.ToUpperInvariant(), p.Key, Operation: o.Value))).ToList();
        var expected = RouteHandlerEndpoints();
        Assert.Contains(("GET", "/map/clusters.json"), expected);
        Assert.Contains(("POST", "/reports/mine/{id}/autosave"), expected);
        Assert.Equal(expected.Order(), described.Select(d => (d.Item1, d.Key)).Order());
        Assert.All(described, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Operation.Summary), $"{d.Item1} {d.Key} has no summary");
            Assert.Contains(d.Operation.Responses!.Keys, status => status == "200");
        });

        var clusters = document.Paths["/map/clusters.json"].Operations![HttpMethod.Get];
        Assert.Equal(["bbox", "category", "election", "from", "governorate", "state", "to", "zoom"],
            clusters.Parameters!.Select(p => p.Name).Order());
        Assert.Contains("application/json", clusters.Responses!["200"].Content!.Keys);
        Assert.Contains(ProblemJson, clusters.Responses["400"].Content!.Keys);
    }

    [Theory]
    [InlineData("/map/clusters.json?zoom=abc", "zoom")]
    [InlineData("/map/clusters.json?zoom=21", "zoom")]
    [InlineData("/map/clusters.json?zoom=-1", "zoom")]
    [InlineData("/map/clusters.json?zoom=6&bbox=38.8,29.1,48.6", "bbox")]
    [InlineData("/map/clusters.json?zoom=6&bbox=38.8,29.1,48.6,north", "bbox")]
    [InlineData("/map/clusters.json?zoom=6&bbox=38.8,29.1,190,37.4", "bbox")]
    [InlineData("/map/clusters.json?zoom=6&bbox=48.6,29.1,38.8,37.4", "bbox")]
    [InlineData("/violations/map/clusters.json?bbox=1,2,3", "bbox")]
    public async Task A_bad_map_parameter_is_a_problem_400_naming_it(string url, string parameter)
    {
        var client = await portal.ClientAsync(Principal.IhecMonitoring);

        var problem = await ProblemAsync(await client.GetAsync(url), HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.Equal([parameter], errors.EnumerateObject().Select(e => e.Name));
        Assert.False(string.IsNullOrWhiteSpace(errors.GetProperty(parameter)[0].GetString()));
    }

    [Fact]
    public async Task Good_map_parameters_and_their_absence_still_give_clusters()
    {
        var client = await portal.ClientAsync(Principal.Anonymous);
        foreach (var url in new[] { "/map/clusters.json", "/map/clusters.json?zoom=0&bbox=-180,-90,180,90", "/map/clusters.json?zoom=20&bbox=38.8,29.1,48.6,37.4" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("clusters").ValueKind);
        }
    }

    [Fact]
    public async Task A_json_endpoint_answers_anonymous_with_a_401_problem_and_a_user_without_the_role_with_a_403_problem()
    {
        var anonymous = await portal.ClientAsync(Principal.Anonymous);
        var relations = await portal.ClientAsync(Principal.IhecRelations);

        await ProblemAsync(await anonymous.GetAsync("/violations/map/clusters.json"), HttpStatusCode.Unauthorized);
        await ProblemAsync(await relations.GetAsync("/violations/map/clusters.json?zoom=6"), HttpStatusCode.Forbidden);
        await ProblemAsync(await relations.PostAsync("/reports/mine/autosave", new FormUrlEncodedContent([])), HttpStatusCode.Forbidden);

        // Any other endpoint or page asked for JSON and not HTML: the same, where a browser is still sent to sign in.
        using var askingForJson = new HttpRequestMessage(HttpMethod.Get, "/violations/map/violations.csv");
        askingForJson.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        await ProblemAsync(await anonymous.SendAsync(askingForJson), HttpStatusCode.Unauthorized);
        using var askingForHtml = new HttpRequestMessage(HttpMethod.Get, "/violations/map/violations.csv");
        askingForHtml.Headers.Accept.ParseAdd("text/html,application/json;q=0.9");
        var browser = await anonymous.SendAsync(askingForHtml);
        Assert.Equal(HttpStatusCode.Redirect, browser.StatusCode);
        Assert.Equal("/account/login", new Uri(new Uri("http://localhost"), browser.Headers.Location!).AbsolutePath);
    }
}
