using Microsoft.AspNetCore.SignalR;

namespace Ihec.Portal.Infrastructure.Operations;

/// <summary>Counts connections of every hub, without the hubs knowing: a connection counts once its hub accepted it.</summary>
internal sealed class HubConnectionTelemetry(PortalMetrics metrics) : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);
        metrics.HubConnected(context.Hub.GetType().Name);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            metrics.HubDisconnected(context.Hub.GetType().Name);
        }
    }
}
