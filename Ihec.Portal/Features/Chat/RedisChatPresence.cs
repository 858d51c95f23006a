using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Ihec.Portal.Infrastructure;
using Ihec.Portal.Infrastructure.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Ihec.Portal.Features.Chat;

/// <summary><c>Chat:Presence</c>: how presence is shared between instances (with Redis only).</summary>
public sealed class ChatPresenceOptions
{
    public const string Section = "Chat:Presence";

    /// <summary>
    /// How long an instance's published presence counts without being refreshed: the users of an instance that died
    /// drop off the others' presence within this time. Each instance republishes every third of it.
    /// </summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromSeconds(45);

    public TimeSpan Heartbeat => Expiry / 3;

    /// <summary>How long an instance waits after a change before publishing, so a burst of changes goes out once.</summary>
    public static readonly TimeSpan Coalescing = TimeSpan.FromMilliseconds(200);
}

/// <summary>
/// This instance's copy of the other live instances' presence, kept by <see cref="RedisChatPresence"/> from what they
/// publish. Each instance's entry counts until its own expiry passes without a newer one (an instance that died stops
/// publishing; one that stops cleanly says so and is removed at once).
/// </summary>
public sealed class ChatRemotePresence
{
    private readonly ConcurrentDictionary<string, Entry> instances = new(StringComparer.Ordinal);

    public bool IsOnline(string userId) => Live().Any(e => e.Online.Contains(userId));

    public bool IsViewing(Guid conversationId, string userId) =>
        Live().Any(e => e.Viewing.TryGetValue(conversationId, out var users) && users.Contains(userId, StringComparer.Ordinal));

    public IEnumerable<string> UsersIn(Guid conversationId) =>
        Live().SelectMany(e => e.Viewing.TryGetValue(conversationId, out var users) ? users : []);

    /// <summary>The instances whose presence this instance currently counts.</summary>
    public IReadOnlyList<string> Instances => [.. instances.Where(p => IsLive(p.Value)).Select(p => p.Key)];

    /// <summary>Keeps what an instance published if it is newer than what is known of it; it counts for <paramref name="expiry"/> from now.</summary>
    internal void Update(string instanceId, long version, ChatPresenceSnapshot snapshot, TimeSpan expiry)
    {
        var entry = new Entry(version, Stopwatch.GetTimestamp() + (long)(expiry.TotalSeconds * Stopwatch.Frequency),
            snapshot.Online.ToHashSet(StringComparer.Ordinal), snapshot.Viewing);
        instances.AddOrUpdate(instanceId, entry, (_, known) => known.Version <= version ? entry : known);
    }

    internal void Remove(string instanceId) => instances.TryRemove(instanceId, out _);

    private IEnumerable<Entry> Live()
    {
        foreach (var (id, entry) in instances)
        {
            if (IsLive(entry))
            {
                yield return entry;
            }
            else
            {
                instances.TryRemove(new KeyValuePair<string, Entry>(id, entry));
            }
        }
    }

    private static bool IsLive(Entry entry) => Stopwatch.GetTimestamp() < entry.Deadline;

    private sealed record Entry(long Version, long Deadline, HashSet<string> Online, Dictionary<Guid, string[]> Viewing);
}

/// <summary>
/// Shares <see cref="ChatPresence"/> between instances through Redis. Each instance publishes its own presence (who is
/// online on it, who has which conversation open) when it changes and every <see cref="ChatPresenceOptions.Heartbeat"/>:
/// on the channel <see cref="PortalChannels.ChatPresence"/>, which every instance copies into its
/// <see cref="ChatRemotePresence"/>, and under a key with the expiry, which an instance starting (or reconnecting) reads
/// to catch up. Lookups are then in memory: a chat message or a queue page costs no Redis round trip.
/// </summary>
internal sealed partial class RedisChatPresence(
    ChatPresence presence,
    ChatRemotePresence remote,
    IConnectionMultiplexer redis,
    PortalInstance instance,
    IOptions<ChatPresenceOptions> options,
    IOptions<RedisOptions> redisOptions,
    ILogger<RedisChatPresence> logger) : BackgroundService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Not disposed: it never creates a wait handle, and a late change signal must not meet a disposed semaphore.
    private readonly SemaphoreSlim changed = new(0, 1);
    private readonly StopOnce stop = new();
    private readonly TimeSpan expiry = options.Value.Expiry;
    private readonly string keyPrefix = redisOptions.Value.ChannelPrefix + "chat:presence:";
    private long version;
    private ChannelMessageQueue? queue;

    /// <summary>The sorted set of instances that published (score: when, in Unix milliseconds), for catching up.</summary>
    private RedisKey InstancesKey => keyPrefix + "instances";

    private RedisKey KeyOf(string instanceId) => keyPrefix + instanceId;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        queue = await redis.GetSubscriber().SubscribeAsync(PortalChannels.ChatPresence);
        queue.OnMessage(message => Receive(message.Message.ToString()));
        presence.Changed += Signal;
        redis.ConnectionRestored += OnConnectionRestored;
        try
        {
            await CatchUpAsync();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Redis not there yet (abortConnect=false): the others' publications fill the copy as they come.
            LogPublishFailed(logger, ex);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PublishAsync();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPublishFailed(logger, ex);
            }

            try
            {
                // Whichever comes first: a change here, or the heartbeat. After a change, wait a moment so that a
                // burst of changes (many pages opening at once) is published as one.
                if (await changed.WaitAsync(options.Value.Heartbeat, stoppingToken))
                {
                    await Task.Delay(ChatPresenceOptions.Coalescing, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One stop however often the host asks (<see cref="StopOnce"/>).</summary>
    public override Task StopAsync(CancellationToken cancellationToken) => stop.Run(() => StopOnceAsync(cancellationToken));

    private async Task StopOnceAsync(CancellationToken cancellationToken)
    {
        presence.Changed -= Signal;
        redis.ConnectionRestored -= OnConnectionRestored;
        await base.StopAsync(cancellationToken);
        try
        {
            // A clean stop: the others drop this instance's users now rather than at the expiry.
            var db = redis.GetDatabase();
            await Task.WhenAll(
                db.KeyDeleteAsync(KeyOf(instance.Id)),
                db.SortedSetRemoveAsync(InstancesKey, instance.Id),
                redis.GetSubscriber().PublishAsync(PortalChannels.ChatPresence, JsonSerializer.Serialize(
                    new Message(instance.Id, Interlocked.Increment(ref version), 0, [], [], Gone: true), Json))).WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or OperationCanceledException)
        {
            LogPublishFailed(logger, ex);
        }

        if (queue is not null)
        {
            await queue.UnsubscribeAsync();
        }
    }

    private void Signal()
    {
        if (changed.CurrentCount == 0)
        {
            try
            {
                changed.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another change signalled first: one publication covers both.
            }
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        // What was published while the connection was down was not heard: read it again, and publish ours.
        Signal();
        _ = Task.Run(async () =>
        {
            try
            {
                await CatchUpAsync();
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogPublishFailed(logger, ex);
            }
        });
    }

    private async Task PublishAsync()
    {
        var snapshot = presence.LocalSnapshot();
        var message = new Message(instance.Id, Interlocked.Increment(ref version), (long)expiry.TotalMilliseconds, snapshot.Online, snapshot.Viewing, Gone: false);
        var payload = JsonSerializer.Serialize(message, Json);
        var db = redis.GetDatabase();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        // Sent together (pipelined): one round trip.
        await Task.WhenAll(
            db.StringSetAsync(KeyOf(instance.Id), payload, expiry),
            db.SortedSetAddAsync(InstancesKey, instance.Id, now),
            db.SortedSetRemoveRangeByScoreAsync(InstancesKey, double.NegativeInfinity, now - (10 * expiry.TotalMilliseconds)),
            redis.GetSubscriber().PublishAsync(PortalChannels.ChatPresence, payload));
    }

    /// <summary>Reads every other live instance's presence from its key, with the key's remaining time.</summary>
    private async Task CatchUpAsync()
    {
        var db = redis.GetDatabase();
        var ids = (await db.SortedSetRangeByRankAsync(InstancesKey)).Select(v => v.ToString()).Where(id => id != instance.Id).ToList();
        var values = await Task.WhenAll(ids.Select(id => db.StringGetWithExpiryAsync(KeyOf(id))));
        foreach (var value in values)
        {
            if (!value.Value.HasValue || value.Expiry is not { } left || Read(value.Value.ToString()) is not { Gone: false } message)
            {
                continue;
            }

            remote.Update(message.Instance, message.Version, new ChatPresenceSnapshot(message.Online, message.Viewing), left);
        }
    }

    private void Receive(string payload)
    {
        if (Read(payload) is not { } message || message.Instance == instance.Id)
        {
            return;
        }

        if (message.Gone)
        {
            remote.Remove(message.Instance);
        }
        else
        {
            remote.Update(message.Instance, message.Version, new ChatPresenceSnapshot(message.Online, message.Viewing),
                TimeSpan.FromMilliseconds(message.ExpiryMilliseconds));
        }
    }

    private Message? Read(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<Message>(payload, Json) is { Instance: not null, Online: not null, Viewing: not null } m ? m : null;
        }
        catch (JsonException ex)
        {
            LogUnreadable(logger, ex);
            return null;
        }
    }

    /// <summary>What an instance publishes: its presence, how long it counts, or that the instance has stopped.</summary>
    internal sealed record Message(string Instance, long Version, long ExpiryMilliseconds, string[] Online, Dictionary<Guid, string[]> Viewing, bool Gone);

    [LoggerMessage(Level = LogLevel.Warning, Message = "This instance's chat presence could not be shared through Redis; the others drop its users at the expiry until it can")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A chat presence message from Redis could not be read; ignored")]
    private static partial void LogUnreadable(ILogger logger, Exception exception);
}
