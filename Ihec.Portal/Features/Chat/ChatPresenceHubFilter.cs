using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Ihec.Portal.Features.Chat;

/// <summary>
/// Keeps <see cref="ChatPresence"/> up to date from the hub: a connection makes its user online, a successful
/// <c>Join</c> puts it in the conversation until <c>Leave</c> or the connection closes.
/// </summary>
internal sealed class ChatPresenceHubFilter(ChatPresence presence) : IHubFilter
{
    private readonly ConcurrentDictionary<string, ConnectionPresence> connections = new(StringComparer.Ordinal);

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);
        if (context.Context.UserIdentifier is { } userId)
        {
            connections[context.Context.ConnectionId] = new ConnectionPresence(userId, presence.Enter(userId));
        }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (connections.TryRemove(context.Context.ConnectionId, out var connection))
        {
            connection.Dispose();
        }

        await next(context, exception);
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var result = await next(invocationContext);
        if (!connections.TryGetValue(invocationContext.Context.ConnectionId, out var connection)
            || invocationContext.HubMethodArguments is not [Guid conversationId, ..])
        {
            return result;
        }

        switch (invocationContext.HubMethodName)
        {
            case nameof(ChatHub.Join) when result is ChatResult<IReadOnlyList<ChatMessageView>> { Succeeded: true }:
                connection.Join(conversationId, presence);
                break;
            case nameof(ChatHub.Leave):
                connection.Leave(conversationId);
                break;
        }

        return result;
    }

    private sealed class ConnectionPresence(string userId, IDisposable online) : IDisposable
    {
        private readonly Dictionary<Guid, IDisposable> joined = [];

        public void Join(Guid conversationId, ChatPresence presence)
        {
            lock (joined)
            {
                if (!joined.ContainsKey(conversationId))
                {
                    joined[conversationId] = presence.EnterConversation(conversationId, userId);
                }
            }
        }

        public void Leave(Guid conversationId)
        {
            lock (joined)
            {
                if (joined.Remove(conversationId, out var entry))
                {
                    entry.Dispose();
                }
            }
        }

        public void Dispose()
        {
            lock (joined)
            {
                foreach (var entry in joined.Values)
                {
                    entry.Dispose();
                }

                joined.Clear();
            }

            online.Dispose();
        }
    }
}
