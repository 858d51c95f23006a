using System.Collections.Concurrent;
using Ihec.Portal.Features.Accounts;
using Ihec.Portal.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
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
    private readonly IServiceScopeFactory scopes;

    public ChatConnections(SessionRevocations revocations, IServiceScopeFactory scopes)
    {
        this.revocations = revocations;
        this.scopes = scopes;
        revocations.Revoked += OnRevoked;
    }

    /// <summary>
    /// Registers a new connection, then checks its session once more (security stamp, membership, organisation status),
    /// as a circuit's revalidation does. A revocation made between the connection's sign-in check and its registration
    /// found nothing to close; from the registration on, every revocation finds it. Returns false, with the connection
    /// aborted, when the session has ended meanwhile.
    /// </summary>
    public async Task<bool> OpenedAsync(HubCallerContext connection)
    {
        open[connection.ConnectionId] = connection;
        if (connection.User?.Identity?.IsAuthenticated != true)
        {
            return true;
        }

        await using var scope = scopes.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<PortalUser>>();
        if (await signIn.ValidateSecurityStampAsync(connection.User) is not null)
        {
            return true;
        }

        Closed(connection.ConnectionId);
        connection.Abort();
        return false;
    }

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
