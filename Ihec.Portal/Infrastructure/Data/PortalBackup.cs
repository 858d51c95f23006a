using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Ihec.Portal.Infrastructure.Data;

/// <summary>
/// <c>dotnet Ihec.Portal.dll backup &lt;folder&gt;</c> and <c>restore &lt;folder&gt;</c> (or <c>dotnet run --project
/// Ihec.Portal -- …</c>), with the portal's own configuration (settings, environment variables, <c>--DataFolder=…</c>).
/// A backup is taken while the portal runs: the SQLite database through SQLite's online backup API (a consistent
/// snapshot; writers go on), then the uploaded files and the data-protection keys. Files are copied after the database,
/// and a file is written before the record that refers to it is committed, so every file the copied database refers to
/// is in the backup (a file stored after the snapshot is copied too, and the upload sweep removes it after a restore).
/// The search indexes are not copied: they are rebuilt from the database at the first start. <c>backup.json</c> is
/// written last, so a backup without it is incomplete and restore refuses it. A restore needs an empty data folder and
/// takes its lock (<see cref="DataFolderLock"/>), so it cannot run under a portal. SQL Server has its own backups
/// (docs/deploy.md).
/// </summary>
public static class PortalBackup
{
    public const string ManifestName = "backup.json";
    public const string DatabaseName = "portal.db";
    public const string FilesName = "files";
    public const string KeysName = "keys";

    /// <summary>Runs <c>backup</c> or <c>restore</c> (the first argument); the rest are configuration arguments. Returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2 || args[1].StartsWith('-'))
        {
            await Console.Error.WriteLineAsync($"usage: Ihec.Portal {args[0]} <folder> [--DataFolder=<folder>] [other settings]");
            return 64;
        }

        var builder = WebApplication.CreateBuilder(args[2..]);
        var paths = new PortalPaths(builder.Configuration, builder.Environment);
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.IsSqlServer)
        {
            await Console.Error.WriteLineAsync("Database:Provider is SqlServer: back up and restore the database with SQL Server's own backups, "
                + "and the files on their shared storage (docs/deploy.md).");
            return 64;
        }

        var keysInRedis = !string.IsNullOrWhiteSpace(builder.Configuration["Redis:ConnectionString"]);
        var target = Path.GetFullPath(args[1]);
        try
        {
            var summary = args[0] == "backup"
                ? await BackupAsync(DataModule.SqliteConnectionString(options, paths.DataFolder), paths, target, keysInRedis)
                : await RestoreAsync(DataModule.SqliteConnectionString(options, paths.DataFolder), paths, target);
            Console.WriteLine(summary);
            return 0;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or SqliteException or UnauthorizedAccessException or DataFolderLockedException)
        {
            await Console.Error.WriteLineAsync($"{args[0]} failed: {ex.Message}");
            return 1;
        }
    }

    public static Task<string> BackupAsync(string connectionString, PortalPaths paths, string target, bool keysInRedis)
    {
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new InvalidOperationException($"The backup folder {target} is not empty.");
        }

        Directory.CreateDirectory(target);
        var started = DateTimeOffset.UtcNow;
        var database = Path.Combine(target, DatabaseName);
        using (var source = new SqliteConnection(connectionString))
        using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString()))
        {
            source.Open();
            source.BackupDatabase(copy);
            copy.Open();
            using var check = copy.CreateCommand();
            check.CommandText = "PRAGMA quick_check";
            var result = check.ExecuteScalar() as string;
            if (result != "ok")
            {
                throw new InvalidOperationException($"The copied database failed SQLite's check: {result}");
            }
        }

        var files = CopyFolder(paths.FilesFolder, Path.Combine(target, FilesName));
        var keys = keysInRedis ? 0 : CopyFolder(Path.Combine(paths.DataFolder, KeysName), Path.Combine(target, KeysName));
        var manifest = new Manifest(started, DateTimeOffset.UtcNow, files, keys, keysInRedis);
        File.WriteAllText(Path.Combine(target, ManifestName), JsonSerializer.Serialize(manifest, Manifest.Json));
        return Task.FromResult(string.Create(CultureInfo.InvariantCulture,
            $"Backed up the database, {files} files and {keys} data-protection keys to {target}{(keysInRedis ? " (the data-protection keys are in Redis: back them up there)" : "")}"));
    }

    public static Task<string> RestoreAsync(string connectionString, PortalPaths paths, string source)
    {
        var manifestPath = Path.Combine(source, ManifestName);
        if (!File.Exists(manifestPath) || !File.Exists(Path.Combine(source, DatabaseName)))
        {
            throw new InvalidOperationException($"{source} is not a complete backup (no {ManifestName} or {DatabaseName}).");
        }

        var manifest = JsonSerializer.Deserialize<Manifest>(File.ReadAllText(manifestPath), Manifest.Json)
            ?? throw new InvalidOperationException($"{manifestPath} cannot be read.");
        using var folderLock = DataFolderLock.Acquire(paths.DataFolder);
        var database = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var keys = Path.Combine(paths.DataFolder, KeysName);
        var inUse = new[] { database, database + "-wal", paths.FilesFolder, keys }
            .Where(p => File.Exists(p) || (Directory.Exists(p) && Directory.EnumerateFileSystemEntries(p).Any())).ToList();
        if (inUse.Count > 0)
        {
            throw new InvalidOperationException($"Restore needs an empty data folder; already there: {string.Join(", ", inUse)}.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        File.Copy(Path.Combine(source, DatabaseName), database);
        var files = CopyFolder(Path.Combine(source, FilesName), paths.FilesFolder);
        var keyCount = CopyFolder(Path.Combine(source, KeysName), keys);
        return Task.FromResult(string.Create(CultureInfo.InvariantCulture,
            $"Restored the backup of {manifest.Started:yyyy-MM-dd HH:mm:ss} UTC ({files} files, {keyCount} data-protection keys) into {paths.DataFolder}; the search indexes are rebuilt when the portal starts."));
    }

    /// <summary>Copies every file of a folder (not its subfolders: files and keys are flat); a file gone meanwhile is skipped.</summary>
    private static int CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        if (!Directory.Exists(from))
        {
            return 0;
        }

        var count = 0;
        foreach (var file in Directory.EnumerateFiles(from))
        {
            try
            {
                File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
                count++;
            }
            catch (FileNotFoundException)
            {
                // Deleted since it was listed (the sweep, a discarded draft): nothing the database snapshot needs.
            }
        }

        return count;
    }

    private sealed record Manifest(DateTimeOffset Started, DateTimeOffset Finished, int Files, int Keys, bool KeysInRedis)
    {
        public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    }
}
