using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Ihec.Portal.Features.Chat;
using Ihec.Portal.Tests.Chat;

namespace Ihec.Portal.Tests.Security;

/// <summary>#20 item 7: the chat hub refuses a browser connection from another origin, and the CSP connects to the portal's own only.</summary>
public sealed class RealtimeOriginTests(ChatPortal portal) : IClassFixture<ChatPortal>
{
    private const string Foreign = "https://evil.example";

    [Theory]
    [InlineData(Foreign, HttpStatusCode.Forbidden)]
    [InlineData("http://localhost.evil.example", HttpStatusCode.Forbidden)]
    [InlineData("null", HttpStatusCode.Forbidden)]
    [InlineData("http://localhost", HttpStatusCode.OK)]
    [InlineData(null, HttpStatusCode.OK)]
    public async Task Negotiation_answers_only_the_portals_own_origin_or_an_app_without_one(string? origin, HttpStatusCode expected)
    {
        var response = await NegotiateAsync(origin);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_websocket_from_another_origin_is_refused_and_one_from_the_portal_connects()
    {
        var foreign = portal.Server.CreateWebSocketClient();
        foreign.ConfigureRequest = r =>
        {
            r.Headers.Origin = Foreign;
            r.Headers.Cookie = portal.CookieAsync(ChatPortal.TammuzMember).Result;
        };
        var own = portal.Server.CreateWebSocketClient();
        own.ConfigureRequest = r =>
        {
            r.Headers.Origin = "http://localhost";
            r.Headers.Cookie = portal.CookieAsync(ChatPortal.TammuzMember).Result;
        };

        var foreignUrl = await SocketUrlAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => foreign.ConnectAsync(foreignUrl, CancellationToken.None));
        using var socket = await own.ConnectAsync(await SocketUrlAsync(), CancellationToken.None);
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Fact]
    public async Task The_content_security_policy_connects_to_the_portals_own_host_only()
    {
        var response = await portal.CreateClient().GetAsync("/");

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        var connect = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("connect-src", StringComparison.Ordinal));
        Assert.Equal("connect-src 'self' ws://localhost", connect);
    }

    private async Task<Uri> SocketUrlAsync()
    {
        var negotiated = await NegotiateAsync(null);
        var token = JsonDocument.Parse(await negotiated.Content.ReadAsStringAsync()).RootElement.GetProperty("connectionToken").GetString();
        return new Uri($"ws://localhost{ChatHub.Path}?id={token}");
    }

    private async Task<HttpResponseMessage> NegotiateAsync(string? origin)
    {
        using var client = portal.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, ChatHub.Path + "/negotiate?negotiateVersion=1");
        request.Headers.Add("Cookie", await portal.CookieAsync(ChatPortal.TammuzMember));
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await client.SendAsync(request);
    }
}
