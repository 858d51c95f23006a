using System.Collections.Concurrent;

namespace Ihec.Portal.Features.Chat;

/// <summary>
/// Who is online, and who has which conversation open. Hub connections are tracked by
/// <see cref="ChatPresenceHubFilter"/>; Blazor pages call <see cref="Enter"/> when they start and dispose the result
/// when they end (a page that shows a conversation calls <see cref="EnterConversation"/> too). Every call is counted,
/// so two tabs of the same user keep the user present until both have left.
/// </summary>
/// <remarks>
/// This instance's own connections and pages are counted here. With Redis (several instances) the lookups also ask
/// <see cref="ChatRemotePresence"/>, this instance's copy of what the other live instances published
/// (<see cref="RedisChatPresence"/>): in memory, so a lookup costs no Redis round trip.
/// </remarks>
public sealed class ChatPresence
{
    private readonly ConcurrentDictionary<string, int> online = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(Guid Conversation, string User), int> viewing = new();
    private readonly ChatRemotePresence? remote;

    /// <summary>One instance: only this process's connections and pages.</summary>
    public ChatPresence()
        : this(null)
    {
    }

    /// <summary>Several instances: this process's own, and what <paramref name="remote"/> knows of the others.</summary>
    public ChatPresence(ChatRemotePresence? remote) => this.remote = remote;

    /// <summary>Raised after this instance's own presence changed (someone entered or left); <see cref="RedisChatPresence"/> publishes it.</summary>
    internal event Action? Changed;

    /// <summary>The user is online (a hub connection or an open page) until the result is disposed.</summary>
    public IDisposable Enter(string userId)
    {
        Add(online, userId);
        return new Presence(() => Remove(online, userId));
    }

    /// <summary>The user has the conversation open (a joined hub connection or a conversation page) until the result is disposed.</summary>
    public IDisposable EnterConversation(Guid conversationId, string userId)
    {
        var key = (conversationId, userId);
        Add(viewing, key);
        return new Presence(() => Remove(viewing, key));
    }

    /// <summary>Ends one <see cref="Enter"/> (the same as disposing what it returned); for callers that keep no handle.</summary>
    public void Leave(string userId) => Remove(online, userId);

    /// <summary>Whether the user is online on this instance or, with Redis, on another live instance.</summary>
    public bool IsOnline(string userId) =>
        (online.TryGetValue(userId, out var count) && count > 0) || remote?.IsOnline(userId) == true;

    /// <summary>Whether the user has the conversation open on this instance or, with Redis, on another live instance.</summary>
    public bool IsViewing(Guid conversationId, string userId) =>
        (viewing.TryGetValue((conversationId, userId), out var count) && count > 0) || remote?.IsViewing(conversationId, userId) == true;

    /// <summary>The users who have the conversation open on this instance or, with Redis, on another live instance.</summary>
    public IReadOnlySet<string> UsersIn(Guid conversationId)
    {
        var users = viewing.Where(p => p.Key.Conversation == conversationId && p.Value > 0).Select(p => p.Key.User).ToHashSet(StringComparer.Ordinal);
        if (remote is not null)
        {
            users.UnionWith(remote.UsersIn(conversationId));
        }

        return users;
    }

    /// <summary>This instance's own presence only: the users online here and, per conversation, who has it open here.</summary>
    internal ChatPresenceSnapshot LocalSnapshot() => new(
        online.Where(p => p.Value > 0).Select(p => p.Key).ToArray(),
        viewing.Where(p => p.Value > 0).GroupBy(p => p.Key.Conversation)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Key.User).ToArray()));

    private void Add<TKey>(ConcurrentDictionary<TKey, int> counts, TKey key) where TKey : notnull
    {
        if (counts.AddOrUpdate(key, 1, (_, n) => n + 1) == 1)
        {
            Changed?.Invoke();
        }
    }

    private void Remove<TKey>(ConcurrentDictionary<TKey, int> counts, TKey key) where TKey : notnull
    {
        while (counts.TryGetValue(key, out var n))
        {
            if (n <= 1 ? counts.TryRemove(new KeyValuePair<TKey, int>(key, n)) : counts.TryUpdate(key, n - 1, n))
            {
                if (n <= 1)
                {
                    Changed?.Invoke();
                }

                return;
            }
        }
    }

    private sealed class Presence(Action leave) : IDisposable
    {
        private Action? leave = leave;

        public void Dispose() => Interlocked.Exchange(ref leave, null)?.Invoke();
    }
}

/// <summary>One instance's presence as it publishes it: who is online there, and who has which conversation open.</summary>
internal sealed record ChatPresenceSnapshot(string[] Online, Dictionary<Guid, string[]> Viewing);
