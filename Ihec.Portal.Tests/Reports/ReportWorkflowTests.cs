using System.Security.Claims;
using Ihec.Portal.Features.Reports;
using Ihec.Portal.Infrastructure.Auditing;
using Ihec.Portal.Shared.Security;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ihec.Portal.Tests.Reports;

/// <summary>
/// The workflow's rules enforced by the service itself, whatever a page offers: who publishes, asks for listing,
/// endorses, declines, withdraws and corrects; each step leaves an audit entry.
/// </summary>
public sealed class ReportWorkflowTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(ClaimsPrincipal Member, ClaimsPrincipal Admin, ClaimsPrincipal OtherAdmin, ClaimsPrincipal Editor)> PeopleAsync()
    {
        await using var db = factory.CreateDbContext();
        var tammuz = (await db.Organisations.SingleAsync(o => o.Reference == "CSO-DEMO-0001")).Id;
        var kirkuk = (await db.Organisations.SingleAsync(o => o.Reference == "CSO-DEMO-0002")).Id;
        return (User(PortalRoles.CsoMember, tammuz), User(PortalRoles.CsoAdmin, tammuz), User(PortalRoles.CsoAdmin, kirkuk), User(PortalRoles.IhecEditor, null));
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

    [Fact]
    public async Task Each_step_is_allowed_only_to_its_role_and_in_its_state()
    {
        var (member, admin, otherAdmin, editor) = await PeopleAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var reports = scope.ServiceProvider.GetRequiredService<ReportService>();

        var created = await reports.CreateAsync(member, new ReportInput { Title = "تقرير سير العمل", Language = "ar" }, Actor(member));
        var id = created.Id!.Value;
        Assert.False((await reports.CreateAsync(editor, new ReportInput { Title = "x", Language = "ar" }, Actor(editor))).Succeeded);

        // A draft without text is not published; a member never publishes; another organisation does not find it.
        Assert.Equal("BodyRequired", (await reports.PublishAsync(admin, id, Actor(admin))).Error);
        Assert.True((await reports.SaveDraftAsync(member, id, new ReportInput { Title = "تقرير سير العمل", Body = "النص", Language = "ar" }, Actor(member))).Succeeded);
        Assert.Equal("NotAllowed", (await reports.PublishAsync(member, id, Actor(member))).Error);
        Assert.Equal("NotFound", (await reports.PublishAsync(otherAdmin, id, Actor(otherAdmin))).Error);
        Assert.Equal("NotFound", (await reports.SaveDraftAsync(otherAdmin, id, new ReportInput { Title = "x", Language = "ar" }, Actor(otherAdmin))).Error);
        Assert.Equal("NotFound", (await reports.EndorseAsync(editor, id, Actor(editor))).Error);
        Assert.True((await reports.PublishAsync(admin, id, Actor(admin))).Succeeded);

        // Published: no more draft edits; listing is asked by the administrator and decided only by an editor.
        Assert.Equal("NotDraft", (await reports.SaveDraftAsync(member, id, new ReportInput { Title = "y", Language = "ar" }, Actor(member))).Error);
        Assert.Equal("NotAllowed", (await reports.EndorseAsync(editor, id, Actor(editor))).Error);
        Assert.Equal("NotAllowed", (await reports.RequestListingAsync(member, id, Actor(member))).Error);
        Assert.Equal("NotAllowed", (await reports.RequestListingAsync(otherAdmin, id, Actor(otherAdmin))).Error);
        Assert.True((await reports.RequestListingAsync(admin, id, Actor(admin))).Succeeded);
        Assert.Equal("NotAllowed", (await reports.EndorseAsync(admin, id, Actor(admin))).Error);
        Assert.Equal("ReasonRequired", (await reports.DeclineAsync(editor, id, "  ", Actor(editor))).Error);
        Assert.True((await reports.DeclineAsync(editor, id, "ينقصه مصدر للأرقام.", Actor(editor))).Succeeded);
        Assert.True((await reports.RequestListingAsync(admin, id, Actor(admin))).Succeeded);
        Assert.True((await reports.EndorseAsync(editor, id, Actor(editor))).Succeeded);

        // Corrections and withdrawal: the publishing organisation's administrator, with a reason.
        Assert.Equal("NotAllowed", (await reports.CorrectAsync(member, id, new CorrectionInput { Erratum = "e", Body = "b" }, Actor(member))).Error);
        Assert.True((await reports.CorrectAsync(admin, id, new CorrectionInput { Erratum = "صُحّح رقم.", Body = "النص المصحح" }, Actor(admin))).Succeeded);
        Assert.Equal("NotAllowed", (await reports.WithdrawAsync(otherAdmin, id, "سبب", Actor(otherAdmin))).Error);
        Assert.Equal("NotAllowed", (await reports.WithdrawAsync(editor, id, "سبب", Actor(editor))).Error);
        Assert.Equal("ReasonRequired", (await reports.WithdrawAsync(admin, id, "", Actor(admin))).Error);
        Assert.True((await reports.WithdrawAsync(admin, id, "أرقام غير دقيقة.", Actor(admin))).Succeeded);
        Assert.Equal("NotAllowed", (await reports.CorrectAsync(admin, id, new CorrectionInput { Erratum = "e", Body = "b" }, Actor(admin))).Error);

        await using var db = factory.CreateDbContext();
        var report = await db.Set<CsoReport>().AsNoTracking().Include(r => r.Versions).Include(r => r.Errata).SingleAsync(r => r.Id == id);
        Assert.Equal(ReportState.Withdrawn, report.State);
        Assert.Equal([1, 2], report.Versions.Select(v => v.VersionNumber).Order());
        Assert.Single(report.Errata);
        var actions = await db.AuditEntries.Where(a => a.EntityId == id.ToString()).Select(a => a.Action).ToListAsync();
        Assert.Equal(
            ["report.corrected", "report.created", "report.declined", "report.endorsed", "report.listing-requested", "report.published", "report.saved", "report.withdrawn"],
            actions.Distinct().Order(StringComparer.Ordinal));
    }
}
