using System.Net;

namespace Ihec.Portal.Tests.Infrastructure;

public static class ResponseExtensions
{
    /// <summary>A redirect's target as a site-relative path and query, whether the server sent it absolute or relative.</summary>
    public static string? RedirectPath(this HttpResponseMessage response)
    {
        var location = response.Headers.Location;
        if (location is null)
        {
            return null;
        }

        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    /// <summary>A 302 to the sign-in page: what an anonymous visitor gets for a page that needs an account.</summary>
    public static bool IsSignInRedirect(this HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && (response.RedirectPath() ?? "").StartsWith("/account/login", StringComparison.Ordinal);

    /// <summary>
    /// A signed-in user refused by an authorisation policy: redirected to the access-denied page (the cookie scheme's
    /// answer), exactly, so that an error (500) or a missing page (404) does not pass for a refusal.
    /// </summary>
    public static void AssertForbidden(this HttpResponseMessage response)
    {
        var request = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}";
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{request} answered {(int)response.StatusCode}, expected 302 to the access-denied page.");
        Assert.StartsWith("/account/access-denied", response.RedirectPath());
    }
}
