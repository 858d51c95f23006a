namespace Ihec.Portal.Infrastructure.Web;

/// <summary>
/// The address people reach the portal at (<c>Portal:PublicBaseUrl</c>): the one home of every absolute link the portal
/// writes — e-mailed links, feeds, the sitemap, <c>robots.txt</c>, canonical links, JSON-LD and the calendar. In the
/// Production environment the portal refuses to start without one of its own (<see cref="Security.ProductionSafety"/>).
/// </summary>
public sealed class PortalUrlOptions
{
    public const string Section = "Portal";
    public const string Setting = Section + ":" + nameof(PublicBaseUrl);

    /// <summary>The default, for a portal run on a developer's machine; never a public address.</summary>
    public const string DefaultBaseUrl = "http://localhost:5000";

    public string PublicBaseUrl { get; set; } = DefaultBaseUrl;

    public bool IsHttps => Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps;

    /// <summary>The base without a trailing slash.</summary>
    public string Base => PublicBaseUrl.TrimEnd('/');

    /// <summary>The absolute address of a path of the portal (<c>/fact-checks/r-000003</c>).</summary>
    public string Absolute(string path) => Base + (path.StartsWith('/') ? path : "/" + path);

    /// <summary>Why a configured value cannot be a public deployment's address; null when it can.</summary>
    public static string? ProblemForProduction(string? configured) =>
        string.IsNullOrWhiteSpace(configured) || configured.Trim().TrimEnd('/') == DefaultBaseUrl
            ? $"{Setting} is not set or is the default {DefaultBaseUrl}: every absolute link (e-mails, feeds, the sitemap, robots.txt, fact-check metadata) would point there."
            : !Uri.TryCreate(configured, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")
                ? $"{Setting} '{configured}' is not an absolute http or https address."
                : null;
}
