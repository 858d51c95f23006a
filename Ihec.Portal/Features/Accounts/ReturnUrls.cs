namespace Ihec.Portal.Features.Accounts;

/// <summary>Where to go after signing in or out: only a path on this site; anything else goes to the home page.</summary>
public static class ReturnUrls
{
    /// <summary>
    /// The URL when it is a path on this site, otherwise <c>/</c>: another host (<c>https://…</c>), a protocol-relative
    /// (<c>//…</c>) or backslash (<c>/\…</c>) path, a scheme (<c>javascript:</c>) or control characters never pass.
    /// </summary>
    public static string LocalOrHome(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || url[1] is not ('/' or '\\'))
        && !url.Any(char.IsControl)
        && Uri.IsWellFormedUriString(url, UriKind.Relative)
            ? url
            : "/";
}
