using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Ihec.Portal.Features.Chat;

/// <summary>Messages per user per window (<see cref="ChatOptions.MessagesPerWindow"/>), over every conversation, page and hub connection.</summary>
public sealed class ChatRateLimiter(IOptions<ChatOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(userId =>
        RateLimitPartition.GetSlidingWindowLimiter(userId, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = options.Value.MessagesPerWindow,
            Window = options.Value.RateWindow,
            SegmentsPerWindow = 6,
            QueueLimit = 0,
        }));

    public bool TryAcquire(string userId)
    {
        using var lease = limiter.AttemptAcquire(userId);
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
