using System.Collections.Concurrent;
using System.Net;
using Ihec.Portal.Tests.Infrastructure;
using Ihec.Portal.Tests.Integration;
using Microsoft.AspNetCore.Http;

namespace Ihec.Portal.Tests.Security;

/// <summary>The demo staff accounts must enrol an authenticator here, as real staff accounts always must.</summary>
public sealed class UnenrolledStaffPortal : PortalFactory
{
    private readonly ConcurrentDictionary<Principal, Lazy<Task<HttpClient>>> clients = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Accounts:DemoAccountsSkipTwoFactor"] = "false",
    };

    public Task<HttpClient> ClientAsync(Principal principal) =>
        clients.GetOrAdd(principal, p => new Lazy<Task<HttpClient>>(async () =>
        {
            // With a key already, the enrolment page does not change the security stamp when it is opened.
            await EnsureAuthenticatorKeyAsync(p.Email());
            return await SignedInClientAsync(p.Email());
        })).Value;
}

/// <summary>
/// #20 item 1: a staff account that must enrol two-factor and has not is refused by every policy, for every method: a
/// form post with a valid antiforgery token, an endpoint, the hub's negotiation. Only its own account pages stay open.
/// </summary>
public sealed class UnenrolledStaffTests(UnenrolledStaffPortal portal) : IClassFixture<UnenrolledStaffPortal>
{
    private static readonly Principal[] Staff =
        [Principal.IhecRelations, Principal.IhecMedia, Principal.IhecAntiRumour, Principal.IhecMonitoring, Principal.IhecEditor, Principal.Administrator];

    /// <summary>Every route (but the account's own) that some staff role may use, with each such role.</summary>
    public static TheoryData<string, string> StaffRoutes()
    {
        var data = new TheoryData<string, string>();
        // Public routes (open to anonymous readers) are not staff routes.
        foreach (var row in PortalRoutes.All.Where(r => !r.Pattern.StartsWith("/account", StringComparison.Ordinal) && r.For(Principal.Anonymous) != Outcome.Allowed))
        {
            foreach (var principal in Staff.Where(p => row.For(p) is not Outcome.Forbidden and not Outcome.SignIn))
            {
                data.Add(row.Key, principal.ToString());
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(StaffRoutes))]
    public async Task An_unenrolled_staff_account_is_refused_on_every_staff_route_with_a_valid_form_token(string route, string principal)
    {
        var row = PortalRoutes.Row(route);
        var client = await portal.ClientAsync(Enum.Parse<Principal>(principal));
        var url = row.UrlFor(portal);
        var token = await AntiforgeryTokenAsync(client);

        // Pages are posted (their forms), endpoints requested with their own method; a post carries the session's token.
        var method = row.Kind == RouteKind.Page ? "POST" : row.Method;
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (!HttpMethods.IsGet(method))
        {
            request.Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
        }

        using var response = await client.SendAsync(request);

        var location = response.RedirectPath() ?? "";
        var refused = response.StatusCode == HttpStatusCode.Forbidden
                      || (response.StatusCode == HttpStatusCode.Redirect
                          && (location.StartsWith("/account/access-denied", StringComparison.Ordinal)
                              || location.StartsWith("/account/manage/two-factor", StringComparison.Ordinal)));
        Assert.True(refused, $"{method} {url} as unenrolled {principal}: {(int)response.StatusCode} {location}");
    }

    [Fact]
    public async Task An_unenrolled_relations_account_cannot_accept_an_organisation_by_posting_the_review_form()
    {
        var client = await portal.ClientAsync(Principal.IhecRelations);
        Guid id;
        await using (var db = portal.CreateDbContext())
        {
            id = db.Organisations.Single(o => o.Reference == "CSO-DEMO-0004").Id;
        }

        var before = await StatusAsync(id);
        var response = await client.PostAsync($"/ihec/organisations/{id}", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", await AntiforgeryTokenAsync(client)),
            new("_handler", "decide"),
            new("Input.ExpectedStatus", before.ToString()),
            new("Input.Decision", "Accept"),
        ]));

        Assert.Equal("/account/access-denied", response.RedirectPath()?.Split('?')[0]);
        Assert.Equal(before, await StatusAsync(id));
    }

    [Fact]
    public async Task The_account_pages_stay_open_to_an_unenrolled_staff_account()
    {
        var client = await portal.ClientAsync(Principal.IhecEditor);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/manage")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/manage/two-factor")).StatusCode);
    }

    private async Task<Ihec.Portal.Shared.Organisations.OrganisationStatus> StatusAsync(Guid id)
    {
        await using var db = portal.CreateDbContext();
        return db.Organisations.Single(o => o.Id == id).Status;
    }

    /// <summary>The session's antiforgery token, from the sign-out form every page carries.</summary>
    private static async Task<string> AntiforgeryTokenAsync(HttpClient client)
    {
        var page = await client.GetDocumentAsync("/account/manage");
        return page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
               ?? throw new InvalidOperationException("No antiforgery token on /account/manage.");
    }
}
