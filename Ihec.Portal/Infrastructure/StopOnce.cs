namespace Ihec.Portal.Infrastructure;

/// <summary>
/// One stop for a hosted service, however many times it is asked. A <c>WebApplication</c>'s host is stopped twice at
/// once when it shuts down (<c>Run</c> stops it as the lifetime ends, and the caller that ended the lifetime stops it
/// too), and it is disposed as soon as one of the two stops returns. Both calls get the same task: neither returns before
/// the stop has finished, so nothing the stop still uses is disposed under it (a CI run failed on that).
/// </summary>
internal sealed class StopOnce
{
    private readonly Lock gate = new();
    private Task? stopping;

    public Task Run(Func<Task> stop)
    {
        lock (gate)
        {
            return stopping ??= stop();
        }
    }
}
