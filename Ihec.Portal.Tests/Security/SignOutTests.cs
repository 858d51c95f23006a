using System.Net;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Ihec.Portal.Tests.Security;

/// <summary>#20 item 4: signing out ends the session on the server, so a copy of its cookie is refused at once.</summary>
public sealed class SignOutTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_copy_of_the_cookie_is_refused_after_signing_out_and_other_sessions_stay()
    {
        const string email = "member@erbil-access.demo";
        var jar = new CookieContainer();
        using var browser = factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(jar));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitFormAsync("/account/login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = PortalFactory.DemoPassword,
        })).StatusCode);
        var otherDevice = await factory.SignedInClientAsync(email);

        // Someone copies the session cookie before its owner signs out.
        var home = await browser.GetDocumentAsync("/");
        Assert.NotNull(home.QuerySelector("form[action='/account/logout']"));
        using var copy = CopyWith(jar.GetCookieHeader(new Uri("http://localhost")));
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/account/manage")).StatusCode);

        var fields = home.QuerySelector("form[action='/account/logout']")!.QuerySelectorAll("input[type=hidden]")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/account/logout", new FormUrlEncodedContent(fields))).StatusCode);

        var afterSignOut = await copy.GetAsync("/account/manage");
        Assert.Equal(HttpStatusCode.Redirect, afterSignOut.StatusCode);
        Assert.StartsWith("/account/login", afterSignOut.RedirectPath());
        Assert.Equal(HttpStatusCode.OK, (await otherDevice.GetAsync("/account/manage")).StatusCode);
    }

    private HttpClient CopyWith(string cookie)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }
}
