using System.Net;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Ihec.Portal.Tests.ScaleOut;

/// <summary>Behind a load balancer (<c>ForwardedHeaders:KnownNetworks</c>): the rate limits count each client, not the load balancer.</summary>
public sealed class ForwardedHeadersTests(ForwardedHeadersTests.Factory factory) : IClassFixture<ForwardedHeadersTests.Factory>
{
    /// <summary>The connection's address, as a test sets it (the test server has no sockets).</summary>
    private const string RemoteHeader = "X-Test-Remote-Address";

    public sealed class Factory : PortalFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["RateLimits:SignInPermits"] = "2",
            ["ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/8",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, RemoteAddressFilter>());
        }
    }

    private sealed class RemoteAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[RemoteHeader], out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private async Task<HttpStatusCode> SignInPostAsync(string remote, string forwardedFor)
    {
        using var client = factory.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add(RemoteHeader, remote);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        var response = await client.SubmitFormAsync("/account/login", "login", new Dictionary<string, string>
        {
            // A new unknown address each time: unknown addresses lock like accounts do, and only the rate limit is tested here.
            ["Input.Email"] = $"nobody-{Guid.NewGuid():N}@example.org",
            ["Input.Password"] = "wrong-password",
        });
        return response.StatusCode;
    }

    [Fact]
    public async Task Behind_a_known_load_balancer_each_client_has_its_own_sign_in_limit()
    {
        const string balancer = "10.0.1.5";
        var first = new[] { await SignInPostAsync(balancer, "203.0.113.7"), await SignInPostAsync(balancer, "203.0.113.7"), await SignInPostAsync(balancer, "203.0.113.7") };
        var other = await SignInPostAsync(balancer, "203.0.113.8");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], first);
        Assert.Equal(HttpStatusCode.OK, other);
    }

    [Fact]
    public async Task Forwarded_addresses_from_an_unknown_sender_are_ignored()
    {
        const string stranger = "192.0.2.50";
        var statuses = new[] { await SignInPostAsync(stranger, "203.0.113.20"), await SignInPostAsync(stranger, "203.0.113.21"), await SignInPostAsync(stranger, "203.0.113.22") };

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
