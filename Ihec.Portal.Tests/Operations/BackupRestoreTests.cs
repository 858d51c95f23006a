using Ihec.Portal.Features.Violations;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Tests.Infrastructure;
using Ihec.Portal.Tests.Organisations;
using Microsoft.EntityFrameworkCore;
using static Ihec.Portal.Tests.Violations.ViolationFlows;

namespace Ihec.Portal.Tests.Operations;

/// <summary>
/// <c>backup</c> copies a running portal under writes (database through SQLite's online backup, files, keys);
/// <c>restore</c> puts it into an empty data folder, where a portal starts with every record and file and rebuilds its search.
/// </summary>
public sealed class BackupRestoreTests : IDisposable
{
    private readonly string backup = Path.Combine(Path.GetTempPath(), "ihec-portal-tests", "backup-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_backup_taken_under_writes_restores_on_a_fresh_folder_with_every_record_file_and_working_search()
    {
        await using var source = new PortalFactory();
        var member = await source.SignedInClientAsync(TammuzMember);
        var before = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            before.Add(await FileAsync(member, Report($"قبل النسخ الاحتياطي {i}"), [("evidence", "before.pdf", OrganisationFlows.Pdf)]));
        }

        // Reports keep being filed while the backup runs.
        using var stop = new CancellationTokenSource();
        var during = Task.Run(async () =>
        {
            var count = 0;
            while (!stop.IsCancellationRequested)
            {
                await FileAsync(member, Report($"أثناء النسخ الاحتياطي {count++}"), [("evidence", "during.pdf", OrganisationFlows.Pdf)]);
            }

            return count;
        });
        var (backupCode, backupOutput) = await PortalProcess.RunCommandAsync(source.DataFolder, "backup", backup);
        await stop.CancelAsync();
        Assert.True(await during > 0);
        Assert.True(backupCode == 0, backupOutput);
        Assert.True(File.Exists(Path.Combine(backup, PortalBackup.ManifestName)), backupOutput);
        Assert.False(Directory.Exists(Path.Combine(backup, "index")));

        await using var restored = new PortalFactory();
        var (restoreCode, restoreOutput) = await PortalProcess.RunCommandAsync(restored.DataFolder, "restore", backup);
        Assert.True(restoreCode == 0, restoreOutput);

        // The restored portal starts on the copy: every report filed before the backup, each evidence file there and identical.
        await using (var db = restored.CreateDbContext())
        {
            var reports = await db.Set<ViolationReport>().AsNoTracking().Include(r => r.Evidence).ToListAsync();
            foreach (var reference in before)
            {
                var report = Assert.Single(reports, r => r.Reference == reference);
                var evidence = Assert.Single(report.Evidence);
                Assert.Equal(OrganisationFlows.Pdf, await File.ReadAllBytesAsync(Path.Combine(restored.DataFolder, "files", evidence.FileId)));
            }

            // Whatever the copy holds (reports filed during the backup included) has its files.
            foreach (var evidence in reports.SelectMany(r => r.Evidence))
            {
                Assert.True(File.Exists(Path.Combine(restored.DataFolder, "files", evidence.FileId)), evidence.FileId);
            }
        }

        // The data-protection keys came along: the source's key ring is the restored portal's.
        Assert.Equal(Directory.GetFiles(Path.Combine(source.DataFolder, "keys")).Select(Path.GetFileName).Order(),
            Directory.GetFiles(Path.Combine(restored.DataFolder, "keys")).Select(Path.GetFileName).Order());

        // The index was not copied; it was rebuilt from the restored database.
        var search = await restored.CreateClient().GetDocumentAsync("/library/search?q=" + Uri.EscapeDataString("انتخابات"));
        Assert.NotEmpty(search.QuerySelectorAll(".search-results .library-item"));
        var signedIn = await restored.SignedInClientAsync(TammuzMember);
        var list = await signedIn.GetDocumentAsync("/violations?culture=en");
        Assert.Contains(before[0], list.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_refuses_a_data_folder_that_is_not_empty_and_backup_a_folder_that_is_not_empty()
    {
        await using var portal = new PortalFactory();
        _ = portal.Services;
        var (code, output) = await PortalProcess.RunCommandAsync(portal.DataFolder, "backup", backup);
        Assert.True(code == 0, output);

        var (again, againOutput) = await PortalProcess.RunCommandAsync(portal.DataFolder, "backup", backup);
        Assert.NotEqual(0, again);
        Assert.Contains("is not empty", againOutput, StringComparison.Ordinal);

        // The data folder has the running portal's database (and its lock).
        var (refused, refusedOutput) = await PortalProcess.RunCommandAsync(portal.DataFolder, "restore", backup);
        Assert.NotEqual(0, refused);
        Assert.Contains(portal.DataFolder, refusedOutput, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(backup))
        {
            Directory.Delete(backup, recursive: true);
        }
    }
}
