using System.Collections.Concurrent;

namespace Ihec.Portal.Features.Chat;

/// <summary>
/// Who is online on this instance, and who has which conversation open. Hub connections are tracked by
/// <see cref="ChatPresenceHubFilter"/>; Blazor pages call <see cref="Enter"/> when they start and dispose the result
/// when they end (a page that shows a conversation calls <see cref="EnterConversation"/> too). Every call is counted,
/// so two tabs of the same user keep the user present until both have left.
/// </summary>
/// <remarks>Per instance: with several instances each knows only its own connections and pages.</remarks>
public sealed class ChatPresence
{
    private readonly ConcurrentDictionary<string, int> online = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(Guid Conversation, string User), int> viewing = new();

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

    public bool IsOnline(string userId) => online.TryGetValue(userId, out var count) && count > 0;

    public bool IsViewing(Guid conversationId, string userId) => viewing.TryGetValue((conversationId, userId), out var count) && count > 0;

    /// <summary>The users who have the conversation open on this instance.</summary>
    public IReadOnlySet<string> UsersIn(Guid conversationId) =>
        viewing.Where(p => p.Key.Conversation == conversationId && p.Value > 0).Select(p => p.Key.User).ToHashSet(StringComparer.Ordinal);

    private static void Add<TKey>(ConcurrentDictionary<TKey, int> counts, TKey key) where TKey : notnull =>
        counts.AddOrUpdate(key, 1, (_, n) => n + 1);

    private static void Remove<TKey>(ConcurrentDictionary<TKey, int> counts, TKey key) where TKey : notnull
    {
        while (counts.TryGetValue(key, out var n))
        {
            if (n <= 1 ? counts.TryRemove(new KeyValuePair<TKey, int>(key, n)) : counts.TryUpdate(key, n - 1, n))
            {
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
