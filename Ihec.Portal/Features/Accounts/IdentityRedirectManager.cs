using Microsoft.AspNetCore.Components;

namespace Ihec.Portal.Features.Accounts;

internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public const string StatusCookieName = "Identity.StatusMessage";

    private static readonly CookieBuilder StatusCookieBuilder = new()
    {
        SameSite = SameSiteMode.Strict,
        HttpOnly = true,
        IsEssential = true,
        MaxAge = TimeSpan.FromSeconds(5),
    };

    public void RedirectTo(string? uri)
    {
        // Absolute addresses built from this site's base become paths; then only a local path passes (no open redirect).
        if (uri is not null && uri.StartsWith(navigationManager.BaseUri, StringComparison.OrdinalIgnoreCase))
        {
            uri = "/" + navigationManager.ToBaseRelativePath(uri);
        }

        uri = ReturnUrls.LocalOrHome(uri);
        navigationManager.NavigateTo(uri);
    }

    public void RedirectTo(string uri, Dictionary<string, object?> queryParameters)
    {
        var uriWithoutQuery = navigationManager.ToAbsoluteUri(uri).GetLeftPart(UriPartial.Path);
        var newUri = navigationManager.GetUriWithQueryParameters(uriWithoutQuery, queryParameters);
        RedirectTo(newUri);
    }

    /// <summary>Redirects and shows a one-time status message (a resource key) on the next page.</summary>
    public void RedirectToWithStatus(string uri, string messageKey, HttpContext context)
    {
        context.Response.Cookies.Append(StatusCookieName, messageKey, StatusCookieBuilder.Build(context));
        RedirectTo(uri);
    }

    private string CurrentPath => navigationManager.ToAbsoluteUri(navigationManager.Uri).GetLeftPart(UriPartial.Path);

    public void RedirectToCurrentPageWithStatus(string messageKey, HttpContext context)
        => RedirectToWithStatus(CurrentPath, messageKey, context);
}
