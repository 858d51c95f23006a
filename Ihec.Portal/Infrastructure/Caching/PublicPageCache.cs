using Ihec.Portal.Infrastructure.Localisation;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace Ihec.Portal.Infrastructure.Caching;

/// <summary>
/// Server-side output cache of the public reading pages for anonymous readers. A page opts in with
/// <c>@attribute [OutputCache(PolicyName = PublicPageCache.Policy)]</c> and names its tags in <see cref="TagsFor"/>;
/// the service that changes what such a page shows evicts the tag through <see cref="IOutputCacheStore"/>.
/// </summary>
/// <remarks>
/// Only anonymous GET/HEAD requests without a query string and without any cookie other than the culture and
/// antiforgery cookies are looked up or stored (any other cookie, e.g. a sign-in or status-message cookie, bypasses
/// the cache entirely). Responses are stored only with status 200, no <c>Set-Cookie</c> and no
/// <c>private</c>/<c>no-store</c> cache control. Entries vary by the resolved UI language (query, cookie or
/// Accept-Language, after the localisation middleware), and expire after <see cref="Expiry"/> as a safety net.
/// The cache is per instance (see docs/scale-out.md).
/// </remarks>
public sealed class PublicPageCache : IOutputCachePolicy
{
    public const string Policy = "public-page";
    public const string ReportsTag = "reports";
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(60);

    /// <summary>The tags of a cached page, by its path.</summary>
    public static IEnumerable<string> TagsFor(PathString path)
    {
        if (path.StartsWithSegments("/reports"))
        {
            yield return ReportsTag;
        }
    }

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var cacheable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                        && http.User.Identity?.IsAuthenticated != true
                        && string.IsNullOrEmpty(request.Headers.Authorization)
                        && !request.QueryString.HasValue
                        && request.Cookies.Keys.All(IsNeutralCookie);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = Expiry;
        context.CacheVaryByRules.VaryByValues["lang"] = Cultures.Current;
        foreach (var tag in TagsFor(request.Path))
        {
            context.Tags.Add(tag);
        }

        if (cacheable)
        {
            // Registered before the page's callbacks, so it runs after them (last in, first out).
            http.Response.OnStarting(DropAntiforgeryCookie, http);
        }

        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        var cacheControl = response.Headers.CacheControl.ToString();
        if (response.StatusCode != StatusCodes.Status200OK
            || !string.IsNullOrEmpty(response.Headers.SetCookie)
            || cacheControl.Contains("no-store", StringComparison.OrdinalIgnoreCase)
            || cacheControl.Contains("private", StringComparison.OrdinalIgnoreCase))
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Blazor's static rendering issues an antiforgery cookie (and no-cache headers) on every page, whether the page
    /// has a form or not. The pages with this policy render no form and no token for anonymous readers (tested), so
    /// the cookie is not needed there and would only make the response uncacheable; it is dropped. Any other cookie
    /// set by the page still prevents storage.
    /// </summary>
    private static Task DropAntiforgeryCookie(object state)
    {
        var response = ((HttpContext)state).Response;
        if (response.StatusCode != StatusCodes.Status200OK)
        {
            return Task.CompletedTask;
        }

        var headers = response.Headers;
        var cookies = headers.SetCookie;
        if (cookies.Count > 0)
        {
            var kept = cookies.Where(c => c is not null && !c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)).ToArray();
            if (kept.Length != cookies.Count)
            {
                headers.SetCookie = kept;
                if (headers.CacheControl == "no-cache, no-store" && headers.Pragma == "no-cache")
                {
                    headers.Remove(HeaderNames.CacheControl);
                    headers.Remove(HeaderNames.Pragma);
                }
            }
        }

        return Task.CompletedTask;
    }

    // The culture cookie is part of the key (through the resolved language); the antiforgery cookie changes nothing on these pages.
    private static bool IsNeutralCookie(string name) =>
        name == CookieRequestCultureProvider.DefaultCookieName
        || name.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal);
}
