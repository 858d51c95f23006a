using System.Collections.Concurrent;
using Ihec.Portal.Features.Accounts;
using Microsoft.AspNetCore.SignalR;

namespace Ihec.Portal.Features.Chat;

/// <summary>
/// The hub connections open on this instance. A user whose sessions are revoked (organisation suspended, member
/// removed) loses them at once: the hub's groups would otherwise keep sending to a connection authorised earlier.
/// </summary>
public sealed class ChatConnections : IDisposable
{
    private readonly ConcurrentDictionary<string, HubCallerContext> open = new(StringComparer.Ordinal);
    private readonly SessionRevocations revocations;

    public ChatConnections(SessionRevocations revocations)
    {
        this.revocations = revocations;
        revocations.Revoked += OnRevoked;
    }

    public void Opened(HubCallerContext connection) => open[connection.ConnectionId] = connection;

    public void Closed(string connectionId) => open.TryRemove(connectionId, out _);

    private void OnRevoked(IReadOnlySet<string> userIds)
    {
        foreach (var connection in open.Values)
        {
            if (connection.UserIdentifier is { } userId && userIds.Contains(userId))
            {
                connection.Abort();
            }
        }
    }

    public void Dispose() => revocations.Revoked -= OnRevoked;
}
