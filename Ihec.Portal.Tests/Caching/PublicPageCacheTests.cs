using System.Net;
using System.Security.Claims;
using Ihec.Portal.Features.Reports;
using Ihec.Portal.Infrastructure.Auditing;
using Ihec.Portal.Infrastructure.Demo;
using Ihec.Portal.Shared.Security;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ihec.Portal.Tests.Caching;

/// <summary>
/// The output cache of the public report page: anonymous readers get a stored copy (the <c>Age</c> header the cache
/// adds, and a title changed behind the service's back that stays old until the service evicts), signed-in users and
/// other languages never get another reader's copy, and every change of a report is visible at once.
/// </summary>
public sealed class PublicPageCacheTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Page = "/reports/" + ReportDemo.PublicSlug;

    private HttpClient Anonymous(string? language = null)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        return client;
    }

    private static async Task<(HttpResponseMessage Response, string Html)> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        // Blazor writes text outside ASCII as character references.
        return (response, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    private static bool FromCache(HttpResponseMessage response) => response.Headers.Age is not null;

    [Fact]
    public async Task Second_anonymous_read_comes_from_the_cache_without_cookies_forms_or_tokens()
    {
        var client = Anonymous("en");
        // Prime (another test of this class may have primed it already).
        var (first, html) = await GetAsync(client, Page);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.DoesNotContain("__RequestVerificationToken", html);
        Assert.DoesNotContain("<form", html, StringComparison.OrdinalIgnoreCase);
        // No interactive component (whose prerendered descriptor would then be shared).
        Assert.DoesNotContain("<!--Blazor:", html);
        // Blazor still writes its persisted component state (a data-protected blob, possibly holding a request token
        // whose antiforgery cookie is never issued with the cached copy): useless without the cookie, and no circuit starts here.
        Assert.False(first.Headers.Contains("Set-Cookie"), string.Join(" / ", first.Headers.Select(h => h.Key + ": " + string.Join(",", h.Value))));

        var (second, again) = await GetAsync(client, Page);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.True(FromCache(second));
        Assert.False(second.Headers.Contains("Set-Cookie"));
        Assert.Equal(html, again);
        // The security headers are on the stored copy too.
        Assert.True(second.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task A_signed_in_user_never_gets_the_anonymous_copy()
    {
        var anonymous = Anonymous();
        await GetAsync(anonymous, Page);
        var (cached, anonymousHtml) = await GetAsync(anonymous, Page);
        Assert.True(FromCache(cached));
        Assert.DoesNotContain("/account/logout", anonymousHtml);

        var member = await factory.SignedInClientAsync("member@tammuz.demo");
        for (var i = 0; i < 2; i++)
        {
            var (response, html) = await GetAsync(member, Page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(FromCache(response));
            Assert.Contains("/account/logout", html);
            Assert.Contains(DemoData.Accounts.Single(a => a.Email == "member@tammuz.demo").DisplayName, html);
        }
    }

    [Fact]
    public async Task Each_language_gets_its_own_copy()
    {
        foreach (var (language, asked) in new[] { ("en", "en-GB,en;q=0.9"), ("ar", "ar"), ("ckb", "ckb"), ("en", "en") })
        {
            var client = Anonymous(asked);
            await GetAsync(client, Page);
            var (response, html) = await GetAsync(client, Page);
            Assert.True(FromCache(response));
            Assert.Contains($"<html lang=\"{language}\"", html);
        }

        // The culture cookie chooses the language as well.
        var withCookie = Anonymous("ar");
        withCookie.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        await GetAsync(withCookie, Page);
        var (fromCookie, cookieHtml) = await GetAsync(withCookie, Page);
        Assert.True(FromCache(fromCookie));
        Assert.Contains("<html lang=\"en\"", cookieHtml);

        // ?culture= sets the cookie: never stored, never served from the cache.
        var (switched, switchedHtml) = await GetAsync(Anonymous("ar"), Page + "?culture=en");
        Assert.False(FromCache(switched));
        Assert.Contains("<html lang=\"en\"", switchedHtml);
    }

    [Fact]
    public async Task Any_other_cookie_bypasses_the_cache()
    {
        await GetAsync(Anonymous(), Page);
        var client = Anonymous();
        client.DefaultRequestHeaders.Add("Cookie", "ihec.auth=expired-or-forged");
        var (response, _) = await GetAsync(client, Page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(FromCache(response));
    }

    [Fact]
    public async Task Endorsing_correcting_and_withdrawing_show_at_once()
    {
        await using var db = factory.CreateDbContext();
        var tammuz = (await db.Organisations.SingleAsync(o => o.Reference == "CSO-DEMO-0001")).Id;
        var (member, admin, editor) = (User(PortalRoles.CsoMember, tammuz), User(PortalRoles.CsoAdmin, tammuz), User(PortalRoles.IhecEditor, null));
        await using var scope = factory.Services.CreateAsyncScope();
        var reports = scope.ServiceProvider.GetRequiredService<ReportService>();
        var id = (await reports.CreateAsync(member, new ReportInput { Title = "تقرير ذاكرة التخزين", Language = "ar" }, Actor(member))).Id!.Value;
        Assert.True((await reports.SaveDraftAsync(member, id, new ReportInput { Title = "تقرير ذاكرة التخزين", Body = "النص الأول", Language = "ar" }, Actor(member))).Succeeded);
        Assert.True((await reports.PublishAsync(admin, id, Actor(admin))).Succeeded);
        Assert.True((await reports.RequestListingAsync(admin, id, Actor(admin))).Succeeded);
        var slug = (await db.Set<CsoReport>().AsNoTracking().SingleAsync(r => r.Id == id)).Slug;
        var page = "/reports/" + slug;
        var client = Anonymous();

        // Not yet public: not found, and a not-found answer is never stored.
        for (var i = 0; i < 2; i++)
        {
            var (hidden, _) = await GetAsync(client, page);
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
            Assert.False(FromCache(hidden));
        }

        Assert.True((await reports.EndorseAsync(editor, id, Actor(editor))).Succeeded);
        var (endorsed, endorsedHtml) = await GetAsync(client, page);
        Assert.Equal(HttpStatusCode.OK, endorsed.StatusCode);
        Assert.Contains("النص الأول", endorsedHtml);
        Assert.True(FromCache((await GetAsync(client, page)).Response));

        // A change behind the service's back is not seen while the copy lives: the page is not rendered again.
        await db.Set<CsoReport>().Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Title, "عنوان تغيّر في القاعدة"));
        var (stale, staleHtml) = await GetAsync(client, page);
        Assert.True(FromCache(stale));
        Assert.DoesNotContain("عنوان تغيّر في القاعدة", staleHtml);

        // A correction evicts: the next read shows it (and the title changed meanwhile).
        Assert.True((await reports.CorrectAsync(admin, id, new CorrectionInput { Erratum = "تصحيح عدد المراكز.", Body = "النص المصحح" }, Actor(admin))).Succeeded);
        var (corrected, correctedHtml) = await GetAsync(client, page);
        Assert.False(FromCache(corrected));
        Assert.Contains("النص المصحح", correctedHtml);
        Assert.Contains("تصحيح عدد المراكز.", correctedHtml);
        Assert.Contains("عنوان تغيّر في القاعدة", correctedHtml);
        Assert.True(FromCache((await GetAsync(client, page)).Response));

        // Withdrawal evicts: the tombstone at once.
        Assert.True((await reports.WithdrawAsync(admin, id, "سحب للاختبار.", Actor(admin))).Succeeded);
        var (withdrawn, withdrawnHtml) = await GetAsync(client, page);
        Assert.False(FromCache(withdrawn));
        Assert.Contains("سحب للاختبار.", withdrawnHtml);
        Assert.DoesNotContain("النص المصحح", withdrawnHtml);
    }

    private static ClaimsPrincipal User(string role, Guid? organisation)
    {
        List<Claim> claims = [new(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()), new(ClaimTypes.Name, role), new(ClaimTypes.Role, role)];
        if (organisation is { } id)
        {
            claims.Add(new Claim(PortalClaims.OrganisationId, id.ToString()));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    private static AuditActor Actor(ClaimsPrincipal user) => AuditActor.From(user, "127.0.0.1");
}
