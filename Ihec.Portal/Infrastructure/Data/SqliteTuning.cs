using Microsoft.EntityFrameworkCore;
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
    // journal_mode is a property of the file: switched once by the first connection of this process (the other
    // connections find it switched); the other two are per connection and cost no I/O, so they run on every open.
    private readonly string first = $"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous}; PRAGMA busy_timeout={busyTimeoutMs};";
    private readonly string every = $"PRAGMA synchronous={synchronous}; PRAGMA busy_timeout={busyTimeoutMs};";
    private int switched;

    private string Pragmas => Volatile.Read(ref switched) == 1 ? every : first;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        Volatile.Write(ref switched, 1);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        Volatile.Write(ref switched, 1);
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

/// <summary>
/// Moves the write-ahead log into the database file every second (<c>PRAGMA wal_checkpoint(PASSIVE)</c>) on a
/// connection of its own. The chat writer's connection never checkpoints on commit, so the disk syncs of a checkpoint
/// (with <c>synchronous=NORMAL</c>, a checkpoint is when the log is synced) happen here and not while a sender waits.
/// A passive checkpoint takes no write lock: writers go on appending to the log meanwhile. The portal's other
/// connections keep SQLite's automatic checkpoint as a backstop.
/// </summary>
public sealed partial class SqliteCheckpointer(IDbContextFactory<PortalDbContext> dbFactory, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private long completed;

    private TaskCompletionSource checkpointed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Checkpoints run so far.</summary>
    public long Completed => Interlocked.Read(ref completed);

    /// <summary>Completes once <see cref="Completed"/> has reached <paramref name="count"/> (tests wait on it).</summary>
    public async Task WaitForAsync(long count, CancellationToken cancellationToken)
    {
        while (true)
        {
            var next = Volatile.Read(ref checkpointed).Task;
            if (Completed >= count)
            {
                return;
            }

            await next.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The checkpoints run on a thread of their own, not the thread pool's: SQLite's calls are synchronous, and a
    /// checkpoint blocks for the copy and the sync (6–20 ms a second under bench/ChatLoad at 1,000 connections), which on
    /// a pool thread took one of the two workers a 2-core server has, and the chat messages arriving meanwhile waited.
    /// </summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        Thread.CurrentThread.Name = "SQLite checkpointer";
        while (!stoppingToken.WaitHandle.WaitOne(Interval))
        {
            try
            {
                using var db = dbFactory.CreateDbContext();
                db.Database.ExecuteSqlRaw("PRAGMA wal_checkpoint(PASSIVE);");
                Interlocked.Increment(ref completed);
                Interlocked.Exchange(ref checkpointed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }
            catch (Exception exception)
            {
                LogCheckpointFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite checkpoint failed; trying again in a second")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
