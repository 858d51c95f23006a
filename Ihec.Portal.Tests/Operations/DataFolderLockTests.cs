using Ihec.Portal.Infrastructure;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Ihec.Portal.Tests.Operations;

/// <summary>One process per data folder: a second portal on a folder in use stops at once and says who has it.</summary>
public sealed class DataFolderLockTests
{
    [Fact]
    public async Task A_second_portal_process_on_the_same_data_folder_exits_at_once_naming_the_folder_and_the_other_process()
    {
        await using var first = new PortalFactory();
        _ = first.Services;

        using var second = PortalProcess.Start(first.DataFolder);
        var exited = second.WaitForExitAsync();
        var listening = second.ListeningAsync();
        // On a folder nothing locks, the second portal starts and listens: that is the failure to see.
        if (await Task.WhenAny(exited, listening) == listening && listening.IsCompletedSuccessfully)
        {
            Assert.Fail("The second portal started on the folder in use:\n" + second.Output);
        }

        var exitCode = await exited;

        Assert.True(exitCode == DataFolderLockedException.ExitCode, $"Exit code {exitCode}; output:\n{second.Output}");
        Assert.Contains(first.DataFolder, second.Output);
        Assert.Contains($"process {Environment.ProcessId} on {Environment.MachineName}", second.Output);
        Assert.DoesNotContain("Now listening on", second.Output);
    }

    [Fact]
    public async Task The_lock_is_released_when_the_portal_stops_so_the_next_start_on_the_folder_succeeds()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ihec-portal-tests", "lock-" + Guid.NewGuid().ToString("N"));
        await using (var first = new FolderPortal(folder))
        {
            _ = first.Services;
            Assert.Throws<DataFolderLockedException>(() => DataFolderLock.Acquire(folder));
        }

        await using var next = new FolderPortal(folder);
        Assert.Equal(folder, next.Services.GetRequiredService<DataFolderLock>().Folder);
    }
}
