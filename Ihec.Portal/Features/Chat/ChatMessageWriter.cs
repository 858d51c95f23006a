using Microsoft.EntityFrameworkCore.Storage;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Infrastructure.Operations;
using Ihec.Portal.Shared.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Chat;

/// <summary>What became of one message handed to <see cref="ChatMessageWriter"/>.</summary>
public enum ChatWriteStatus
{
    /// <summary>Stored now, with its sequence number.</summary>
    Stored,
    /// <summary>The same sender had already sent this client message id: the message stored then.</summary>
    AlreadyStored,
    /// <summary>No such conversation for this sender (another organisation's, or the organisation is no longer accredited).</summary>
    NotFound,
    /// <summary>The sender is over the chat rate limit; nothing stored.</summary>
    RateLimited,
}

public readonly record struct ChatWriteOutcome(ChatWriteStatus Status, ChatMessage? Message);

/// <summary>
/// The one writer of chat messages in this instance, with group commit. Senders queue their message and wait; the
/// writer takes everything queued (up to <see cref="MaxBatch"/>) and stores it in one transaction: it reads, inside the
/// transaction, the conversations' last sequence numbers and organisations and whether each organisation is still
/// accredited, skips resends (the message already stored under the sender's client message id), applies the rate
/// limit to new messages, inserts the new ones numbered in queue order, moves each conversation's
/// <c>LastSequence</c> once, and commits. Only then does each sender learn its outcome, and fan out.
/// </summary>
/// <remarks>
/// Why: SQLite takes one writer at a time. One transaction per message made every sender wait its turn, so a writer
/// that lost the processor for a moment (a busy machine, a garbage collection) held everyone up, and a queue that
/// formed could only drain one message per commit. Here a delay makes the next batch bigger, not the queue longer.
/// On SQLite the transaction starts with <c>BEGIN IMMEDIATE</c>, so what it reads cannot change before the commit,
/// even with other instances on the same file; on SQL Server the <c>UPDATE … WHERE LastSequence = read</c> catches a
/// number taken meanwhile, and the batch is tried again one message at a time.
/// </remarks>
public sealed partial class ChatMessageWriter : IAsyncDisposable
{
    /// <summary>The most messages one transaction stores.</summary>
    public const int MaxBatch = 256;

    private const int MaxAttempts = 3;

    private readonly object sync = new();
    private readonly Queue<Pending> queue = new();
    private readonly IDbContextFactory<PortalDbContext> dbFactory;
    private readonly DatabaseWriteGate writeGate;
    private readonly ChatRateLimiter rateLimiter;
    private readonly PortalMetrics metrics;
    private readonly ILogger<ChatMessageWriter> logger;
    private PortalDbContext? context;
    private ChatWriteCommands? commands;
    private DateTimeOffset lastStamp = DateTimeOffset.MinValue;
    private bool writing;
    private bool closed;
    private TaskCompletionSource? idle;

    public ChatMessageWriter(IDbContextFactory<PortalDbContext> dbFactory, DatabaseWriteGate writeGate, ChatRateLimiter rateLimiter,
        PortalMetrics metrics, ILogger<ChatMessageWriter> logger)
    {
        this.dbFactory = dbFactory;
        this.writeGate = writeGate;
        this.rateLimiter = rateLimiter;
        this.metrics = metrics;
        this.logger = logger;
    }

    /// <summary>
    /// Stores <paramref name="message"/> (its sequence number is set here) for a sender who is a member of
    /// <paramref name="organisationId"/>, or of the media unit when it is null. A cancelled wait does not cancel the
    /// write: the client sends again with the same client message id and gets the stored message.
    /// </summary>
    /// <remarks>
    /// The sender that finds no write under way writes itself, on its own thread (no hand-over to another thread for
    /// the usual single message); senders arriving meanwhile queue, and the next batch, everything queued, is written by
    /// a thread-pool task once the current one is committed.
    /// </remarks>
    public async Task<ChatWriteOutcome> WriteAsync(ChatMessage message, Guid? organisationId, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(message, organisationId);
        bool lead;
        lock (sync)
        {
            ObjectDisposedException.ThrowIf(closed, this);
            queue.Enqueue(pending);
            lead = !writing;
            writing = true;
        }

        if (lead)
        {
            await WriteQueuedAsync();
            if (MoreQueued())
            {
                _ = Task.Run(DrainAsync);
            }
        }

        return await pending.Done.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Task wait;
        lock (sync)
        {
            closed = true;
            if (!writing)
            {
                wait = Task.CompletedTask;
            }
            else
            {
                idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = idle.Task;
            }
        }

        await wait.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await DropContextAsync();
    }

    private async Task DrainAsync()
    {
        do
        {
            await WriteQueuedAsync();
        }
        while (MoreQueued());
    }

    /// <summary>Whether another batch is waiting; if not, the write turn is given up (under the lock, so a sender arriving now leads).</summary>
    private bool MoreQueued()
    {
        lock (sync)
        {
            if (queue.Count > 0)
            {
                return true;
            }

            writing = false;
            idle?.TrySetResult();
            return false;
        }
    }

    private async Task WriteQueuedAsync()
    {
        List<Pending> batch;
        lock (sync)
        {
            batch = new List<Pending>(Math.Min(queue.Count, MaxBatch));
            while (batch.Count < MaxBatch && queue.TryDequeue(out var next))
            {
                batch.Add(next);
            }
        }

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await WriteAsync(batch);
        }
        catch (Exception exception) when (batch.Count > 1)
        {
            // Something in the batch failed (on SQL Server, a number another instance took): each message alone.
            LogBatchFailed(logger, exception, batch.Count);
            foreach (var pending in batch)
            {
                await WriteAloneAsync(pending);
            }
        }
        catch (Exception exception)
        {
            await WriteAloneAsync(batch[0], exception);
        }
    }

    private async Task WriteAloneAsync(Pending pending, Exception? failed = null)
    {
        for (var attempt = failed is null ? 1 : 2; ; attempt++)
        {
            try
            {
                await WriteAsync([pending]);
                return;
            }
            catch (Exception exception) when (attempt < MaxAttempts)
            {
                LogRetry(logger, pending.Message.ConversationId, attempt, exception.GetType().Name);
            }
            catch (Exception exception)
            {
                pending.Done.TrySetException(exception);
                return;
            }
        }
    }

    private async Task WriteAsync(IReadOnlyList<Pending> batch)
    {
        // Once the transaction is committed nothing may fail before every sender has its outcome: a sender told
        // nothing would be answered "already stored" on its retry, and nobody would fan the message out.
        var outcomes = await StoreAsync(batch);
        Complete(batch, outcomes);
    }

    private async Task<ChatWriteOutcome[]> StoreAsync(IReadOnlyList<Pending> batch)
    {
        var outcomes = new ChatWriteOutcome[batch.Count];
        var db = await ContextAsync();
        try
        {
            using (await writeGate.EnterAsync(CancellationToken.None))
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                var conversationIds = batch.Select(p => p.Message.ConversationId).Distinct().ToList();
                var conversations = new Dictionary<Guid, (Guid OrganisationId, long LastSequence, bool Accredited)>();
                if (conversationIds.Count == 1)
                {
                    // The usual batch: one message, or a few in one conversation.
                    if (await ChatQueries.TargetAsync(db, conversationIds[0]) is { } target)
                    {
                        conversations[conversationIds[0]] = (target.OrganisationId, target.LastSequence, target.Status == OrganisationStatus.Accredited);
                    }
                }
                else
                {
                    conversations = await db.Set<Conversation>().AsNoTracking()
                        .Where(c => conversationIds.Contains(c.Id))
                        .Join(db.Organisations, c => c.OrganisationId, o => o.Id, (c, o) => new { c.Id, c.OrganisationId, c.LastSequence, o.Status })
                        .ToDictionaryAsync(c => c.Id, c => (c.OrganisationId, c.LastSequence, Accredited: c.Status == OrganisationStatus.Accredited));
                }

                var last = new Dictionary<Guid, Moved>();
                var toInsert = new List<ChatMessage>();
                var stamp = lastStamp;
                var seen = new Dictionary<(Guid, string, string), int>();
                for (var i = 0; i < batch.Count; i++)
                {
                    var pending = batch[i];
                    var message = pending.Message;
                    if (!conversations.TryGetValue(message.ConversationId, out var conversation)
                        || (pending.OrganisationId is { } organisationId && (organisationId != conversation.OrganisationId || !conversation.Accredited)))
                    {
                        outcomes[i] = new(ChatWriteStatus.NotFound, null);
                        continue;
                    }

                    var key = (message.ConversationId, message.AuthorUserId, message.ClientMessageId);
                    if (seen.TryGetValue(key, out var first))
                    {
                        // The same message twice in one batch (a resend racing its original): one row, the same answer.
                        outcomes[i] = outcomes[first] is { Status: ChatWriteStatus.Stored } stored ? stored with { Status = ChatWriteStatus.AlreadyStored } : outcomes[first];
                        continue;
                    }

                    seen[key] = i;
                    if (await ChatQueries.StoredAsync(db, message.ConversationId, message.AuthorUserId, message.ClientMessageId) is { } earlier)
                    {
                        outcomes[i] = new(ChatWriteStatus.AlreadyStored, earlier);
                        continue;
                    }

                    // Counted once per message, whatever happens to the batch; a resend of a stored message never is.
                    pending.Allowed ??= rateLimiter.TryAcquire(message.AuthorUserId);
                    if (pending.Allowed is false)
                    {
                        outcomes[i] = new(ChatWriteStatus.RateLimited, null);
                        continue;
                    }

                    if (!last.TryGetValue(message.ConversationId, out var moved))
                    {
                        moved = new Moved(conversation.LastSequence);
                        last[message.ConversationId] = moved;
                    }

                    // Stamps never go back in the order messages are committed (a sender that waited longer keeps the
                    // time of the one before it), so the transcript index can tail the table by time (ChatSearchIndexer).
                    if (message.CreatedAt < stamp)
                    {
                        message.CreatedAt = stamp;
                    }

                    stamp = message.CreatedAt;
                    message.Sequence = ++moved.Last;
                    moved.UpdatedAt = message.CreatedAt > moved.UpdatedAt ? message.CreatedAt : moved.UpdatedAt;
                    moved.Reopen |= pending.OrganisationId is not null;
                    toInsert.Add(message);
                    outcomes[i] = new(ChatWriteStatus.Stored, message);
                }

                if (last.Count > 0)
                {
                    var write = commands ??= new ChatWriteCommands(db);
                    var dbTransaction = transaction.GetDbTransaction();
                    foreach (var message in toInsert)
                    {
                        await write.InsertAsync(message, dbTransaction);
                    }

                    foreach (var (conversationId, moved) in last)
                    {
                        if (!await write.MoveAsync(conversationId, moved.Read, moved.Last, moved.UpdatedAt, moved.Reopen, dbTransaction))
                        {
                            throw new DbUpdateConcurrencyException($"Conversation {conversationId}: its last sequence number moved during the write.");
                        }
                    }

                    await transaction.CommitAsync();
                    lastStamp = stamp;
                }
            }
        }
        catch
        {
            // A failed write leaves the connection in doubt: the next write opens a new one.
            await DropContextAsync();
            throw;
        }

        return outcomes;
    }

    /// <summary>
    /// The writer's own context and connection, kept open between batches. On SQLite its commits never checkpoint the
    /// log (<c>wal_autocheckpoint=0</c>): <see cref="SqliteCheckpointer"/> does that on another connection, so the
    /// disk syncs of a checkpoint never hold up a message.
    /// </summary>
    private async Task<PortalDbContext> ContextAsync()
    {
        if (context is { } open)
        {
            return open;
        }

        var created = await dbFactory.CreateDbContextAsync();
        try
        {
            await created.Database.OpenConnectionAsync();
            if (created.Database.IsSqlite())
            {
                await created.Database.ExecuteSqlRawAsync("PRAGMA wal_autocheckpoint=0;");
            }
        }
        catch
        {
            await created.DisposeAsync();
            throw;
        }

        context = created;
        return created;
    }

    private async Task DropContextAsync()
    {
        commands?.Dispose();
        commands = null;
        if (context is { } open)
        {
            context = null;
            await open.DisposeAsync();
        }
    }

    private void Complete(IReadOnlyList<Pending> batch, ChatWriteOutcome[] outcomes)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Done.TrySetResult(outcomes[i]);
        }

        metrics.ChatBatchWritten(batch.Count);
        foreach (var outcome in outcomes)
        {
            if (outcome.Status == ChatWriteStatus.Stored)
            {
                metrics.ChatMessageStored(outcome.Message!.Kind.ToString());
            }
        }
    }

    private sealed class Pending(ChatMessage message, Guid? organisationId)
    {
        public ChatMessage Message { get; } = message;

        public Guid? OrganisationId { get; } = organisationId;

        /// <summary>The rate limit's answer, asked once.</summary>
        public bool? Allowed { get; set; }

        public TaskCompletionSource<ChatWriteOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Moved(long read)
    {
        public long Read { get; } = read;

        public long Last { get; set; } = read;

        public DateTimeOffset UpdatedAt { get; set; }

        public bool Reopen { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat write of {Count} messages failed; storing them one at a time")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat conversation {ConversationId}: write attempt {Attempt} failed ({Exception}); trying again")]
    private static partial void LogRetry(ILogger logger, Guid conversationId, int attempt, string exception);
}

/// <summary>What the writer reads of a conversation, inside its transaction.</summary>
internal sealed record ChatTarget(Guid OrganisationId, long LastSequence, OrganisationStatus Status);

/// <summary>The writer's reads, compiled once.</summary>
internal static class ChatQueries
{
    public static readonly Func<PortalDbContext, Guid, Task<ChatTarget?>> TargetAsync =
        EF.CompileAsyncQuery((PortalDbContext db, Guid conversationId) => db.Set<Conversation>()
            .Where(c => c.Id == conversationId)
            .Join(db.Organisations, c => c.OrganisationId, o => o.Id, (c, o) => new ChatTarget(c.OrganisationId, c.LastSequence, o.Status))
            .FirstOrDefault());

    public static readonly Func<PortalDbContext, Guid, string, string, Task<ChatMessage?>> StoredAsync =
        EF.CompileAsyncQuery((PortalDbContext db, Guid conversationId, string authorUserId, string clientMessageId) => db.Set<ChatMessage>()
            .AsNoTracking()
            .FirstOrDefault(m => m.ConversationId == conversationId && m.AuthorUserId == authorUserId && m.ClientMessageId == clientMessageId));
}
