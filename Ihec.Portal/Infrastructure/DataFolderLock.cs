using System.Globalization;

namespace Ihec.Portal.Infrastructure;

/// <summary>
/// One process per data folder. At start the portal opens <c>portal.lock</c> in its data folder exclusively and keeps it
/// open for its whole life; the operating system releases the lock when the process ends, however it ends (on Linux .NET
/// takes an advisory <c>flock</c> on the open file, on Windows the file is not shared). A second portal on the same folder
/// (an old process still stopping when systemd starts the new one, or two instances configured with one folder) cannot
/// take it and stops before it opens the database or an index. Who holds the lock is written to <c>portal.lock.owner</c>
/// (the lock file itself cannot be read while it is held), so the refusal can name the other process.
/// </summary>
public sealed class DataFolderLock : IDisposable
{
    public const string FileName = "portal.lock";
    public const string OwnerFileName = "portal.lock.owner";

    private readonly FileStream stream;

    private DataFolderLock(string folder, FileStream stream)
    {
        Folder = folder;
        this.stream = stream;
    }

    public string Folder { get; }

    /// <summary>Takes the lock on <paramref name="folder"/>, or throws <see cref="DataFolderLockedException"/> when another process holds it.</summary>
    public static DataFolderLock Acquire(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new DataFolderLockedException(folder, ReadOwner(folder));
        }

        var owner = string.Create(CultureInfo.InvariantCulture,
            $"process {Environment.ProcessId} on {Environment.MachineName}, started {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss} UTC");
        File.WriteAllText(Path.Combine(folder, OwnerFileName), owner + Environment.NewLine);
        return new DataFolderLock(folder, stream);
    }

    private static string? ReadOwner(string folder)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(folder, OwnerFileName)).Trim();
            return text.Length == 0 ? null : text;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Releases the lock (the host disposes it when it stops; a process that dies releases it anyway).</summary>
    public void Dispose() => stream.Dispose();
}

/// <summary>Another process holds the data folder's lock: this one must not start on it.</summary>
public sealed class DataFolderLockedException(string folder, string? owner)
    : Exception($"The data folder {folder} is in use by another portal process ({owner ?? "process unknown"}). "
                + "Only one process may use a data folder: stop the other one first, or give this one its own folder (DataFolder; see docs/scale-out.md).")
{
    public string Folder { get; } = folder;

    public string? Owner { get; } = owner;

    /// <summary>The process exit code for this refusal (EX_TEMPFAIL: trying again once the other process has stopped may work).</summary>
    public const int ExitCode = 75;
}
