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
}
