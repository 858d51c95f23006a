using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Ihec.Portal.Features.Chat;

/// <summary>
/// Tells a conversation page of this circuit when its browser connection comes back (after a dropped network, a
/// sleeping phone): the page then asks for every message after the last one it has, which it may have missed while
/// the fan-out could not reach it.
/// </summary>
public sealed class ChatCircuitConnection : CircuitHandler
{
    private readonly List<Func<Task>> handlers = [];

    public bool IsUp { get; private set; } = true;

    /// <summary>Calls <paramref name="handler"/> each time the connection is back up; dispose to stop.</summary>
    public IDisposable OnReconnected(Func<Task> handler)
    {
        lock (handlers)
        {
            handlers.Add(handler);
        }

        return new Subscription(this, handler);
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        IsUp = false;
        return Task.CompletedTask;
    }

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var wasDown = !IsUp;
        IsUp = true;
        if (!wasDown)
        {
            return;
        }

        List<Func<Task>> current;
        lock (handlers)
        {
            current = [.. handlers];
        }

        foreach (var handler in current)
        {
            await handler();
        }
    }

    private sealed class Subscription(ChatCircuitConnection owner, Func<Task> handler) : IDisposable
    {
        public void Dispose()
        {
            lock (owner.handlers)
            {
                owner.handlers.Remove(handler);
            }
        }
    }
}
