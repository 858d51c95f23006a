using Ihec.Portal.Infrastructure.Data;
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
/// A message is stamped before it is committed, so one stamped a moment earlier can become visible after a later one:
/// each pass reads again from <see cref="ChatOptions.SearchIndexOverlap"/> before the watermark (ids and times only) and
/// indexes the ones it has not indexed yet. With several instances each tails the shared database into its own folder.
/// Search results can therefore be up to one interval behind the newest messages; tests call <see cref="CatchUpAsync"/>.
/// </remarks>
public sealed partial class ChatSearchIndexer(
    ChatSearchIndex index,
    IDbContextFactory<PortalDbContext> dbFactory,
    IOptions<ChatOptions> options,
    ILogger<ChatSearchIndexer> logger) : BackgroundService
{
    public const int BatchSize = 1000;

    /// <summary>The full rows are read by id in chunks of this many (a parameter list the databases take comfortably).</summary>
    private const int FetchChunk = 250;

    private readonly SemaphoreSlim pass = new(1, 1);

    /// <summary>The messages indexed within the overlap window, by id, with their time: what a pass skips.</summary>
    private readonly Dictionary<Guid, DateTimeOffset> recent = [];

    private long written;

    /// <summary>How many messages this instance has written to the index since it started.</summary>
    public long Written => Interlocked.Read(ref written);

    private TimeSpan Overlap => options.Value.SearchIndexOverlap > TimeSpan.Zero ? options.Value.SearchIndexOverlap : TimeSpan.Zero;

    /// <summary>
    /// Indexes every message stored before the call (one pass; waits for a pass already running). Returns how many
    /// messages it wrote to the index.
    /// </summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        await pass.WaitAsync(cancellationToken);
        try
        {
            return await PassAsync(cancellationToken);
        }
        finally
        {
            pass.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (index.WasMissing)
        {
            LogRebuilding(logger);
        }

        var interval = options.Value.SearchIndexInterval > TimeSpan.Zero ? options.Value.SearchIndexInterval : TimeSpan.FromSeconds(1);
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await CatchUpAsync(stoppingToken);
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
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<int> PassAsync(CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var watermark = index.Watermark;
        DateTimeOffset? from = watermark is { } w ? (w - DateTimeOffset.MinValue > Overlap ? w - Overlap : DateTimeOffset.MinValue) : null;
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
            var full = page.Count == BatchSize;
            if (full && page[0].CreatedAt == page[^1].CreatedAt)
            {
                // A whole batch stored at one instant: take every message of that instant, then go on strictly after it.
                var instant = page[0].CreatedAt;
                page = await db.Set<ChatMessage>().AsNoTracking().Where(m => m.CreatedAt == instant)
                    .Select(m => new Stamp(m.Id, m.CreatedAt)).ToListAsync(cancellationToken);
                from = instant;
                strictlyAfter = true;
            }
            else if (full)
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
                index.Commit(watermark.Value);
                count += fresh.Count;
                Forget(watermark.Value);
            }

            if (!full)
            {
                break;
            }
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

    public override void Dispose()
    {
        base.Dispose();
        pass.Dispose();
    }

    private sealed record Stamp(Guid Id, DateTimeOffset CreatedAt);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "Chat search index missing: indexing every message from the first")]
    private static partial void LogRebuilding(ILogger logger);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Debug, Message = "Chat search index: {Count} messages indexed in {Elapsed}")]
    private static partial void LogIndexed(ILogger logger, int count, TimeSpan elapsed);

    [LoggerMessage(EventId = 4303, Level = LogLevel.Warning, Message = "Chat search index pass failed; trying again at the next interval")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
