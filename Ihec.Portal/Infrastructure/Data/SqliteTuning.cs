using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ihec.Portal.Infrastructure.Data;

/// <summary>
/// Sets up every SQLite connection the portal opens (pooled connections too, which is why it runs on each open):
/// <list type="bullet">
/// <item><c>journal_mode=WAL</c>: readers no longer block the writer nor the writer the readers, and a commit appends
/// to the log instead of rewriting pages. A property of the file: the first connection switches it, the others find it
/// switched. Copy or back up the database with its <c>-wal</c> file (or with <c>VACUUM INTO</c> / the backup API).</item>
/// <item><c>synchronous=NORMAL</c>: with WAL, a commit is not synced to disk on its own; the log is synced at each
/// checkpoint. The database is never corrupted by a crash; a power cut (not a process crash) may lose the last
/// commits before the checkpoint. For a web application in front of a live chat that is the usual trade; set
/// <c>Database:SqliteSynchronous</c> to <c>FULL</c> to sync every commit.</item>
/// <item><c>busy_timeout</c>: when another connection (another process sharing the file) holds the write lock, SQLite
/// waits with its own short back-off (1–100 ms) instead of failing at once, which would make Microsoft.Data.Sqlite
/// retry in steps of 150 ms.</item>
/// </list>
/// </summary>
internal sealed class SqliteTuning(string synchronous, int busyTimeoutMs) : DbConnectionInterceptor
{
    private readonly string pragmas =
        $"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous}; PRAGMA busy_timeout={busyTimeoutMs};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>
/// One writer at a time inside this process for the hot write paths (chat messages). SQLite takes one writer at a
/// time anyway; waiting here is an asynchronous queue, while a second writer reaching SQLite would get
/// <c>SQLITE_BUSY</c> and block a thread-pool thread in the busy wait. On SQL Server the gate is open (row locks do the
/// work). Another process sharing the SQLite file (scale-out) still meets the busy timeout.
/// </summary>
public sealed class DatabaseWriteGate(bool serialise)
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (!serialise)
        {
            return Open.Instance;
        }

        await gate.WaitAsync(cancellationToken);
        return new Held(gate);
    }

    private sealed class Open : IDisposable
    {
        public static readonly Open Instance = new();

        public void Dispose()
        {
        }
    }

    private sealed class Held(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
