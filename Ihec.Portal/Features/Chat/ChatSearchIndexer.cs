using Ihec.Portal.Infrastructure;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Infrastructure.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ihec.Portal.Features.Chat;

/// <summary>
/// Keeps <see cref="ChatSearchIndex"/> up to date by tailing the <c>ChatMessages</c> table, off the send path: every
/// <see cref="ChatOptions.SearchIndexInterval"/> it reads the messages stored since its watermark (the newest
/// <see cref="ChatMessage.CreatedAt"/> indexed), in batches of <see cref="BatchSize"/> in the order of the
/// <c>CreatedAt</c> index, and commits them with the new watermark. An empty index (first start, new schema, deleted
/// folder) starts from the first message: that is the rebuild.
/// </summary>
/// <remarks>
/// A message is stamped before it is committed, so one stamped a moment earlier can become visible after a later one.
/// On one instance the chat writer keeps stamps in commit order (<see cref="ChatMessageWriter"/>), so each pass reads
/// again only <see cref="ShortOverlap"/> before the watermark (ids and times only) and indexes what it has not indexed
/// yet; once every <see cref="ChatOptions.SearchIndexOverlap"/> it reads the whole overlap again, for messages stamped on
/// another instance whose clock is a little behind. With several instances each tails the shared database into its own
/// folder. What the passes add becomes searchable, and is committed to disk with its watermark, every
/// <see cref="CommitInterval"/> and when the portal stops, so a restart reads again at most that much. Search results
/// can therefore be up to that interval plus one pass interval behind the newest messages (the search page says so);
/// <see cref="CatchUpAsync"/> makes what it indexed searchable at once (tests call it). Not publishing each pass:
/// each publication writes a segment, and the segments' flushes and merges were most of what indexing allocated (a
/// segment every 5 s: 36 KB per message; every 30 s: 11 KB), and the collections that caused paused the chat hub.
/// Why not the whole overlap on every pass: at election-day rates (250 messages a second) that re-read 15,000 rows a
/// second, and its bursts showed in the chat's own latency (bench/ChatLoad: p99 4 ms without it, 11 ms with it).
/// </remarks>
public sealed partial class ChatSearchIndexer(
    ChatSearchIndex index,
    IDbContextFactory<PortalDbContext> dbFactory,
    IOptions<ChatOptions> options,
    SearchIndexStatus status,
    ILogger<ChatSearchIndexer> logger) : BackgroundService
{
    public const int BatchSize = 1000;

    /// <summary>The full rows are read by id in chunks of this many (a parameter list the databases take comfortably).</summary>
    private const int FetchChunk = 250;

    /// <summary>How far behind the watermark an ordinary pass reads again.</summary>
    public static readonly TimeSpan ShortOverlap = TimeSpan.FromSeconds(2);

    /// <summary>How often what was indexed is committed to disk (a commit syncs the index files).</summary>
    public static readonly TimeSpan CommitInterval = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim pass = new(1, 1);
    private readonly StopOnce stop = new();
    private long lastFullOverlap = long.MinValue;
    private long lastCommit = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>The messages indexed within the overlap window, by id, with their time: what a pass skips.</summary>
    private readonly Dictionary<Guid, DateTimeOffset> recent = [];

    private long written;

    /// <summary>How many messages this instance has written to the index since it started.</summary>
    public long Written => Interlocked.Read(ref written);

    private TimeSpan Overlap => options.Value.SearchIndexOverlap > TimeSpan.Zero ? options.Value.SearchIndexOverlap : TimeSpan.Zero;

    /// <summary>
    /// Indexes every message stored before the call (one pass; waits for a pass already running) and makes everything
    /// indexed so far searchable. Returns how many messages it wrote to the index.
    /// </summary>
    public Task<int> CatchUpAsync(CancellationToken cancellationToken = default) => PassAsync(publish: true, cancellationToken);

    /// <summary>One pass; with <paramref name="publish"/>, what it indexed is searchable when it returns.</summary>
    private async Task<int> PassAsync(bool publish, CancellationToken cancellationToken)
    {
        await pass.WaitAsync(cancellationToken);
        try
        {
            return await IndexNewAsync(publish, cancellationToken);
        }
        finally
        {
            pass.Release();
        }
    }

    /// <summary>
    /// The passes run on a thread of their own at the lowest priority, not the thread pool's: analysing, indexing and
    /// merging the messages is steady processor work, and on a thread-pool thread it took one of the few workers the hub
    /// and the pages need (bench/ChatLoad at 1,000 connections: p99 10 ms; on its own thread 3.3–3.6 ms; at low priority
    /// see bench/README.md). The database reads complete synchronously on SQLite, so a pass stays on this thread, and
    /// Lucene merges run on it too (<see cref="ChatSearchIndex"/> uses a serial merge scheduler).
    /// </summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Before the portal serves: an index moved aside is rebuilt by the first pass, and until then the search page
        // and /readyz say so.
        if (index.WasMovedAside)
        {
            status.Rebuilding(SearchIndexStatus.Chat);
        }

        return Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private void Run(CancellationToken stoppingToken)
    {
        Thread.CurrentThread.Name = "Chat search indexer";
        // Indexing only takes processor time the chat and the pages leave over (nice 19 on Linux): at election-day rates
        // it keeps up with time to spare, and its bursts no longer show in the chat's latency.
        BackgroundThreadPriority.LowerCurrentThread();
        if (index.WasMissing)
        {
            LogRebuilding(logger);
        }

        var interval = options.Value.SearchIndexInterval > TimeSpan.Zero ? options.Value.SearchIndexInterval : TimeSpan.FromSeconds(5);
        do
        {
            try
            {
                // A pass reads every batch up to the newest message: after the first one a rebuilt index is complete.
                var rebuilding = status.IsRebuilding(SearchIndexStatus.Chat);
                PassAsync(publish: rebuilding, stoppingToken).GetAwaiter().GetResult();
                if (rebuilding)
                {
                    status.Rebuilt(SearchIndexStatus.Chat);
                    LogRebuilt(logger);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The database may be briefly unavailable: the next tick tries again from the same watermark.
                LogPassFailed(logger, exception);
            }
        }
        while (!stoppingToken.WaitHandle.WaitOne(interval));
    }

    private async Task<int> IndexNewAsync(bool publish, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var watermark = index.Watermark;
        var full = lastFullOverlap == long.MinValue || System.Diagnostics.Stopwatch.GetElapsedTime(lastFullOverlap) >= Overlap;
        if (full)
        {
            lastFullOverlap = started;
        }

        var lookBack = full || Overlap < ShortOverlap ? Overlap : ShortOverlap;
        DateTimeOffset? from = watermark is { } w ? (w - DateTimeOffset.MinValue > lookBack ? w - lookBack : DateTimeOffset.MinValue) : null;
        var strictlyAfter = false;
        var count = 0;
        while (true)
        {
            var messages = db.Set<ChatMessage>().AsNoTracking();
            if (from is { } after)
            {
                messages = strictlyAfter ? messages.Where(m => m.CreatedAt > after) : messages.Where(m => m.CreatedAt >= after);
            }

            var page = await messages.OrderBy(m => m.CreatedAt).Select(m => new Stamp(m.Id, m.CreatedAt)).Take(BatchSize).ToListAsync(cancellationToken);
            var more = page.Count == BatchSize;
            if (more && page[0].CreatedAt == page[^1].CreatedAt)
            {
                // A whole batch stored at one instant: take every message of that instant, then go on strictly after it.
                var instant = page[0].CreatedAt;
                page = await db.Set<ChatMessage>().AsNoTracking().Where(m => m.CreatedAt == instant)
                    .Select(m => new Stamp(m.Id, m.CreatedAt)).ToListAsync(cancellationToken);
                from = instant;
                strictlyAfter = true;
            }
            else if (more)
            {
                // The next batch starts at this one's last instant (messages of that instant already indexed are skipped).
                from = page[^1].CreatedAt;
                strictlyAfter = false;
            }

            var fresh = page.Where(s => !recent.ContainsKey(s.Id)).ToList();
            if (fresh.Count > 0)
            {
                foreach (var chunk in fresh.Chunk(FetchChunk))
                {
                    var ids = chunk.Select(s => s.Id).ToList();
                    var rows = await db.Set<ChatMessage>().AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(cancellationToken);
                    index.Add(rows.Where(m => !string.IsNullOrWhiteSpace(m.Text)));
                }

                foreach (var stamp in fresh)
                {
                    recent[stamp.Id] = stamp.CreatedAt;
                }

                var newest = fresh.Max(s => s.CreatedAt);
                watermark = watermark is { } current && current > newest ? current : newest;
                index.Advance(watermark.Value);
                count += fresh.Count;
                Forget(watermark.Value);
            }

            if (!more)
            {
                break;
            }
        }

        if (System.Diagnostics.Stopwatch.GetElapsedTime(lastCommit) >= CommitInterval)
        {
            index.CommitPublished();
            lastCommit = System.Diagnostics.Stopwatch.GetTimestamp();
        }
        else if (publish)
        {
            index.Refresh();
        }

        if (count > 0)
        {
            Interlocked.Add(ref written, count);
            LogIndexed(logger, count, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }

        return count;
    }

    /// <summary>Drops the ids that have fallen out of the overlap window: no pass reads them again.</summary>
    private void Forget(DateTimeOffset watermark)
    {
        var horizon = watermark - DateTimeOffset.MinValue > Overlap ? watermark - Overlap : DateTimeOffset.MinValue;
        foreach (var (id, createdAt) in recent)
        {
            if (createdAt < horizon)
            {
                recent.Remove(id);
            }
        }
    }

    /// <summary>Stops the passes and commits what was indexed (one stop however often the host asks: <see cref="StopOnce"/>).</summary>
    public override Task StopAsync(CancellationToken cancellationToken) => stop.Run(() => StopOnceAsync(cancellationToken));

    private async Task StopOnceAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await pass.WaitAsync(CancellationToken.None);
        try
        {
            index.CommitPublished();
        }
        catch (IOException exception)
        {
            // A full disk must not fail the stop: the next start reads again from the last commit's watermark.
            LogStopCommitFailed(logger, exception);
        }
        finally
        {
            pass.Release();
        }
    }

    // The pass semaphore is not disposed: it never creates a wait handle, and a stop still releasing it must not meet a
    // disposed one.

    private sealed record Stamp(Guid Id, DateTimeOffset CreatedAt);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "Chat search index missing: indexing every message from the first")]
    private static partial void LogRebuilding(ILogger logger);

    [LoggerMessage(EventId = 4305, Level = LogLevel.Warning, Message = "Chat search index: the commit at stop failed; the next start indexes again from the last commit")]
    private static partial void LogStopCommitFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4304, Level = LogLevel.Information, Message = "Chat search index rebuilt after it was moved aside")]
    private static partial void LogRebuilt(ILogger logger);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Debug, Message = "Chat search index: {Count} messages indexed in {Elapsed}")]
    private static partial void LogIndexed(ILogger logger, int count, TimeSpan elapsed);

    [LoggerMessage(EventId = 4303, Level = LogLevel.Warning, Message = "Chat search index pass failed; trying again at the next interval")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
