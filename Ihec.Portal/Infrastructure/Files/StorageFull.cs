namespace Ihec.Portal.Infrastructure.Files;

/// <summary>
/// Whether an exception means the disk (or the database's) is full: an upload or a write that failed for that reason is
/// answered with the "storage is full" page (507) instead of the general error page (<c>Features/Home/Pages/Error.razor</c>).
/// Nothing is left half stored: a file is deleted when its write fails (<see cref="LocalFileStorage"/>), a database write
/// is one transaction, and a file whose record could not be written is removed by the upload sweep.
/// </summary>
public static class StorageFull
{
    // ENOSPC on Linux (the errno is the HResult .NET gives the IOException), EDQUOT (quota), and Windows'
    // ERROR_HANDLE_DISK_FULL and ERROR_DISK_FULL.
    private static readonly int[] IoResults = [28, 122, unchecked((int)0x80070027), unchecked((int)0x80070070)];

    /// <summary>SQLite's SQLITE_FULL (the database or its write-ahead log could not grow).</summary>
    private const int SqliteFull = 13;

    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case IOException io when IoResults.Contains(io.HResult):
                    return true;
                case Microsoft.Data.Sqlite.SqliteException sqlite when sqlite.SqliteErrorCode == SqliteFull:
                    return true;
            }
        }

        return false;
    }
}
