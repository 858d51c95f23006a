using System.Net;
using System.Text.Json;

namespace Ihec.Portal.Tests.Operations;

/// <summary>What <c>/healthz</c> and <c>/readyz</c> answer, parsed.</summary>
public sealed record Readiness(HttpStatusCode StatusCode, string Status, IReadOnlyDictionary<string, string> Checks, string Body)
{
    public static async Task<Readiness> GetAsync(HttpClient client, string path = "/readyz")
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        var checks = json.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!);
        foreach (var check in json.RootElement.GetProperty("checks").EnumerateArray())
        {
            Assert.True(check.GetProperty("durationMs").GetDouble() >= 0);
        }

        return new Readiness(response.StatusCode, json.RootElement.GetProperty("status").GetString()!, checks, body);
    }
}
