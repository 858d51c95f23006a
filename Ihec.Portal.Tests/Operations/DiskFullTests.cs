using System.Diagnostics;
using System.Net;
using System.Text;
using Ihec.Portal.Features.Chat;
using Ihec.Portal.Features.Violations;
using Ihec.Portal.Tests.Chat;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using static Ihec.Portal.Tests.Violations.ViolationFlows;

namespace Ihec.Portal.Tests.Operations;

/// <summary>
/// An upload when the disk is full: the user is told the storage is full (507), and nothing is half stored (no record,
/// no partial file). On a real small file system: a tmpfs of a few MB mounted as the data folder, so it needs root.
/// </summary>
public sealed class DiskFullTests
{
    [RootFact]
    public async Task An_upload_to_a_full_disk_gets_a_clear_error_and_leaves_no_record_and_no_file()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ihec-portal-tests", "disk-full-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        Run("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", folder);
        try
        {
            await using (var portal = new FolderPortal(folder))
            {
                var member = await portal.SignedInClientAsync(TammuzMember);
                var evidence = Pdf(512 * 1024);
                await FileAsync(member, Report("قبل امتلاء القرص"), [("evidence", "before.pdf", evidence)]);
                var reports = await CountAsync(portal);
                var files = Files(folder);

                var filler = Fill(folder);
                HttpResponseMessage response;
                try
                {
                    response = await PostAsync(member, Report("بعد امتلاء القرص", key: "disk-full-1"), [("evidence", "after.pdf", evidence)]);
                }
                finally
                {
                    // Room again before anything can fail, so the portal stops normally whatever the assertions say.
                    File.Delete(filler);
                }

                var page = await response.Content.ReadAsStringAsync();

                Assert.Equal(HttpStatusCode.InsufficientStorage, response.StatusCode);
                Assert.Contains("Storage is full", page, StringComparison.Ordinal);
                Assert.Contains("no part of it was kept", page, StringComparison.Ordinal);
                Assert.Equal(reports, await CountAsync(portal));
                Assert.Equal(files, Files(folder));

                // With room again, the same form is filed, with its file.
                var reference = await FileAsync(member, Report("بعد امتلاء القرص", key: "disk-full-1"), [("evidence", "after.pdf", evidence)]);
                var stored = Assert.Single((await ReportAsync(portal, reference)).Evidence);
                Assert.Equal(evidence, await File.ReadAllBytesAsync(Path.Combine(folder, "files", stored.FileId)));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Run("umount", "-l", folder);
            Directory.Delete(folder, recursive: true);
        }
    }

    [RootFact]
    public async Task A_chat_attachment_to_a_full_disk_is_refused_in_the_senders_language_and_goes_through_when_sent_again()
    {
        var portal = new ChatPortal();
        Directory.CreateDirectory(portal.DataFolder);
        Run("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", portal.DataFolder);
        try
        {
            await using (portal)
            {
                var member = await portal.ConnectAsync(ChatPortal.TammuzMember, "en");
                var started = await member.InvokeAsync<ChatResult<ConversationView>>("Start", "Disk full", "en");
                Assert.True(started.Succeeded, started.ErrorText);
                var conversation = started.Value!.Id;
                var evidence = Pdf(256 * 1024);
                var files = Files(portal.DataFolder);

                var filler = Fill(portal.DataFolder);
                ChatResult<ChatMessageView> refused;
                try
                {
                    refused = await member.InvokeAsync<ChatResult<ChatMessageView>>("SendAttachment", conversation, "disk-full-chat-1", "tally.pdf",
                        "the tally sheet", Chunks(evidence));
                }
                finally
                {
                    File.Delete(filler);
                }

                Assert.Equal(ChatError.StorageFull, refused.Error);
                Assert.Equal(ResourceText.Get("Features/Chat/ChatText", "en", "Error_StorageFull"), refused.ErrorText);
                Assert.Equal(files, Files(portal.DataFolder));
                await using (var db = portal.CreateDbContext())
                {
                    Assert.False(await db.Set<ChatMessage>().AnyAsync(m => m.ConversationId == conversation));
                }

                // With room again, the same message (same client id) is stored once, with its file.
                var sent = await member.InvokeAsync<ChatResult<ChatMessageView>>("SendAttachment", conversation, "disk-full-chat-1", "tally.pdf",
                    "the tally sheet", Chunks(evidence));
                Assert.True(sent.Succeeded, sent.ErrorText);
                Assert.NotNull(sent.Value!.Attachment);
                Assert.Single(Files(portal.DataFolder).Except(files));
                await member.DisposeAsync();
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Run("umount", "-l", portal.DataFolder);
            Directory.Delete(portal.DataFolder, recursive: true);
        }
    }

    /// <summary>A file in chunks, as a phone sends it through the hub.</summary>
    private static async IAsyncEnumerable<byte[]> Chunks(byte[] content)
    {
        for (var offset = 0; offset < content.Length; offset += 32 * 1024)
        {
            await Task.Yield();
            yield return content[offset..Math.Min(content.Length, offset + 32 * 1024)];
        }
    }

    /// <summary>A PDF (by its signature) of the given size, stored as uploaded.</summary>
    private static byte[] Pdf(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        Encoding.ASCII.GetBytes("%PDF-1.4\n").CopyTo(bytes, 0);
        return bytes;
    }

    /// <summary>Fills the file system to the last byte; returns the filler file.</summary>
    private static string Fill(string folder)
    {
        var filler = Path.Combine(folder, "filler");
        using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        var chunk = new byte[4096];
        try
        {
            while (true)
            {
                stream.Write(chunk);
            }
        }
        catch (IOException)
        {
            // Full.
        }

        return filler;
    }

    private static async Task<int> CountAsync(PortalFactory portal)
    {
        await using var db = portal.CreateDbContext();
        return await db.Set<ViolationReport>().CountAsync();
    }

    private static List<string> Files(string folder) => Directory.Exists(Path.Combine(folder, "files"))
        ? [.. Directory.GetFiles(Path.Combine(folder, "files")).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)]
        : [];

    private static void Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', arguments)}: {process.StandardError.ReadToEnd()}");
    }
}

/// <summary>A fact that needs root (to mount a file system); skipped with that reason otherwise.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            Skip = "Needs root on Linux: the test mounts a small tmpfs to fill it.";
        }
    }
}
