using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Shared.Security;

namespace Ihec.Portal.Tests.Infrastructure;

/// <summary>Who makes a request: nobody signed in, or the demo account of one role.</summary>
public enum Principal
{
    Anonymous,
    CsoMember,
    CsoAdmin,
    IhecRelations,
    IhecMedia,
    IhecAntiRumour,
    IhecMonitoring,
    IhecEditor,
    Administrator,
}

public static class Principals
{
    /// <summary>The order of the expected-outcome columns in <see cref="RouteRow"/>.</summary>
    public static readonly IReadOnlyList<Principal> All = Enum.GetValues<Principal>();

    public static readonly IReadOnlyList<Principal> Roles = All.Where(p => p != Principal.Anonymous).ToList();

    /// <summary>The demo account (see DemoData) that holds the role; CSO roles use the Tammuz network's accounts.</summary>
    public static string Email(this Principal principal) => principal switch
    {
        Principal.CsoMember => "member@tammuz.demo",
        Principal.CsoAdmin => "admin@tammuz.demo",
        Principal.IhecRelations => "relations@demo.ihec.iq",
        Principal.IhecMedia => "media@demo.ihec.iq",
        Principal.IhecAntiRumour => "antirumour@demo.ihec.iq",
        Principal.IhecMonitoring => "monitoring@demo.ihec.iq",
        Principal.IhecEditor => "editor@demo.ihec.iq",
        Principal.Administrator => "admin@demo.ihec.iq",
        _ => throw new ArgumentOutOfRangeException(nameof(principal), "Anonymous has no account."),
    };

    /// <summary>The role name in <see cref="PortalRoles"/>.</summary>
    public static string Role(this Principal principal) =>
        principal == Principal.Anonymous ? throw new ArgumentOutOfRangeException(nameof(principal)) : principal.ToString();
}

/// <summary>What a principal gets when it requests a route.</summary>
public enum Outcome
{
    /// <summary>The page or endpoint answers (200, or the row's <see cref="RouteRow.AllowedStatus"/>), with no redirect.</summary>
    Allowed,
    /// <summary>302 to <c>/account/login</c> with a <c>ReturnUrl</c> back to the request.</summary>
    SignIn,
    /// <summary>302 to <c>/account/access-denied</c>, or 403.</summary>
    Forbidden,
    /// <summary>404.</summary>
    NotFound,
    /// <summary>400: the request is refused before it reaches the endpoint (e.g. a form post without its antiforgery token).</summary>
    BadRequest,
    /// <summary>401 without a redirect: an API endpoint (the chat hub) that apps and scripts call refuses an anonymous request.</summary>
    Unauthorized,
}

/// <summary>What answers on a route: a Razor page (HTML in the shell, scanned by the accessibility tests) or an endpoint.</summary>
public enum RouteKind
{
    Page,
    Endpoint,
}

/// <summary>
/// One row of the authorisation matrix: a route as the app registers it, how to request it, and the expected
/// outcome for each principal in <see cref="Principals.All"/> order (Anonymous first, then the eight roles).
/// </summary>
public sealed record RouteRow(RouteKind Kind, string Method, string Pattern, IReadOnlyList<Outcome> Expected)
{
    /// <summary>The URL to request when the pattern has no parameters and no other sample is given.</summary>
    public string? SampleUrl { get; init; }

    /// <summary>Computes the URL from the seeded demo data, for patterns with parameters (e.g. an organisation's id).</summary>
    public Func<PortalDbContext, string>? Sample { get; init; }

    /// <summary>The status an allowed request gets; 200 unless the page deliberately answers otherwise.</summary>
    public int AllowedStatus { get; init; } = 200;

    /// <summary>Why the row is the way it is, when that is not obvious.</summary>
    public string? Note { get; init; }

    public string Key => $"{Method} {Pattern}";

    public Outcome For(Principal principal) => Expected[(int)principal];

    public string UrlFor(PortalFactory factory)
    {
        if (Sample is not null)
        {
            using var db = factory.CreateDbContext();
            return Sample(db);
        }

        if (SampleUrl is not null)
        {
            return SampleUrl;
        }

        if (Pattern.Contains('{'))
        {
            throw new InvalidOperationException($"Row {Key} has route parameters: give it a Sample or SampleUrl.");
        }

        return Pattern;
    }

    public override string ToString() => Key;
}
