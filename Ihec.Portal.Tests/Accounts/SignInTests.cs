using System.Net;
using Ihec.Portal.Tests.Infrastructure;

namespace Ihec.Portal.Tests.Accounts;

public sealed class SignInTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("member@tammuz.demo")]
    [InlineData("admin@kirkuk-women.demo")]
    [InlineData("relations@demo.ihec.iq")]
    [InlineData("admin@demo.ihec.iq")]
    public async Task Members_of_accredited_organisations_and_staff_can_sign_in(string email)
    {
        var client = await factory.SignedInClientAsync(email);

        var response = await client.GetAsync("/account/manage");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(email, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_a_message_in_the_reader_language()
    {
        var client = factory.CreateBrowserLikeClient();

        var response = await client.SubmitFormAsync("/account/login?culture=en", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = "member@erbil-access.demo",
            ["Input.Password"] = "not the password",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("The e-mail or password is not correct", page.QuerySelector("[role=alert]")?.TextContent);
        Assert.Equal("member@erbil-access.demo", page.QuerySelector("#email")?.GetAttribute("value"));
    }

    [Fact]
    public async Task Health_endpoints_report_liveness_and_readiness()
    {
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var ready = await Operations.Readiness.GetAsync(client);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", ready.Status);
    }
}
