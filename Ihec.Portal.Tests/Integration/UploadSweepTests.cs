using System.Net;
using Ihec.Portal.Features.Rumours;
using Ihec.Portal.Infrastructure.Files;
using Ihec.Portal.Tests.Infrastructure;
using Ihec.Portal.Tests.Organisations;
using Ihec.Portal.Tests.Rumours;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ihec.Portal.Tests.Integration;

/// <summary>Uploads left behind by forms never sent are deleted after a while; files that records refer to never are.</summary>
public sealed class UploadSweepTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Old_uploads_nothing_refers_to_are_deleted_and_referenced_ones_kept()
    {
        // Referenced: an application's document and a rumour report's screenshot.
        var unique = OrganisationFlows.Unique();
        var reference = await OrganisationFlows.ApplyAsync(factory, unique);
        var organisation = await OrganisationFlows.FindAsync(factory, reference);
        var member = await factory.SignedInClientAsync(RumourFlows.TammuzMember);
        var caseReference = await RumourFlows.FileAsync(member, RumourFlows.Report("ادعاء للاختبار " + unique), [("screenshots", "kept.png", OrganisationFlows.Png)]);
        var rumourCase = await RumourFlows.CaseAsync(factory, caseReference);

        // Orphans: an application and a report that came back with errors and were abandoned with their files.
        var abandonedApplication = await factory.CreateBrowserLikeClient().SubmitFormAsync("/organisations/apply?culture=en", "apply",
            OrganisationFlows.Application(OrganisationFlows.Unique()).Without("Input.Declaration"), OrganisationFlows.Document());
        Assert.Equal(HttpStatusCode.OK, abandonedApplication.StatusCode);
        var abandonedReport = await member.SubmitFormAsync("/rumours/new?culture=en", "report-rumour",
            RumourFlows.Report(""), [("screenshots", "abandoned.png", OrganisationFlows.Png)]);
        Assert.Equal(HttpStatusCode.OK, abandonedReport.StatusCode);

        await using var db = factory.CreateDbContext();
        var referenced = new List<string> { organisation.DocumentFileId! };
        referenced.AddRange(await db.Set<RumourScreenshot>().Where(s => s.ReportId == rumourCase.Reports[0].Id).Select(s => s.FileId).ToListAsync());
        referenced.AddRange(await db.Set<Ihec.Portal.Features.Library.LibraryAttachment>().Select(a => a.FileId).ToListAsync());
        var folder = Path.Combine(factory.DataFolder, "files");
        var all = Directory.GetFiles(folder).Select(Path.GetFileName).ToList();
        Assert.True(all.Count >= referenced.Count + 2);

        var sweeper = factory.Services.GetRequiredService<UploadSweeper>();
        // Young orphans stay: their forms may still be sent.
        Assert.Equal(0, await sweeper.SweepAsync());

        foreach (var file in Directory.GetFiles(folder))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddDays(-3));
        }

        var deleted = await sweeper.SweepAsync();

        var left = Directory.GetFiles(folder).Select(Path.GetFileName).ToList();
        Assert.Equal(all.Count - deleted, left.Count);
        Assert.True(deleted >= 2);
        Assert.All(referenced, id => Assert.Contains(id, left));
        Assert.Equal(referenced.Order(), left.Order()!);
        var shot = await db.Set<RumourScreenshot>().FirstAsync(s => s.ReportId == rumourCase.Reports[0].Id);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/rumours/screenshots/{shot.Id}")).StatusCode);
    }
}
