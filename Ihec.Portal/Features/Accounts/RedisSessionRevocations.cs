using System.Text.Json;
using Ihec.Portal.Infrastructure;
using Ihec.Portal.Infrastructure.Redis;
using StackExchange.Redis;

namespace Ihec.Portal.Features.Accounts;

/// <summary>A revocation on the Redis channel: the instance that made it (which has already acted on it) and the users.</summary>
internal sealed record SessionRevocationMessage(string Origin, IReadOnlyList<string> UserIds)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

/// <summary>Publishes this instance's revocations on <see cref="PortalChannels.SessionRevocations"/>.</summary>
internal sealed partial class RedisSessionRevocationRelay(IConnectionMultiplexer redis, PortalInstance instance, ILogger<RedisSessionRevocationRelay> logger) : ISessionRevocationRelay
{
    public void Send(IReadOnlySet<string> userIds)
    {
        try
        {
            var json = JsonSerializer.Serialize(new SessionRevocationMessage(instance.Id, [.. userIds]), SessionRevocationMessage.Json);
            redis.GetSubscriber().Publish(PortalChannels.SessionRevocations, json, CommandFlags.FireAndForget);
        }
        catch (Exception ex)
        {
            LogPublishFailed(logger, ex, userIds.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the other instances to end {Count} user(s)' sessions; their revalidation ends them")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, int count);
}

/// <summary>Ends, on this instance, the sessions another instance revoked.</summary>
internal sealed partial class RedisSessionRevocationSubscriber(
    IConnectionMultiplexer redis, SessionRevocations revocations, PortalInstance instance, ILogger<RedisSessionRevocationSubscriber> logger) : IHostedService
{
    private readonly StopOnce stop = new();
    private ChannelMessageQueue? queue;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        queue = await redis.GetSubscriber().SubscribeAsync(PortalChannels.SessionRevocations);
        queue.OnMessage(message =>
        {
            try
            {
                var revocation = JsonSerializer.Deserialize<SessionRevocationMessage>(message.Message.ToString(), SessionRevocationMessage.Json);
                if (revocation is not null && revocation.Origin != instance.Id && revocation.UserIds.Count > 0)
                {
                    revocations.RevokeHere(revocation.UserIds.ToHashSet(StringComparer.Ordinal));
                }
            }
            catch (Exception ex)
            {
                LogFailed(logger, ex);
            }
        });
    }

    /// <summary>One stop however often the host asks (<see cref="StopOnce"/>): the connection is disposed right after.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => stop.Run(async () =>
    {
        if (queue is not null)
        {
            await queue.UnsubscribeAsync();
        }
    });

    [LoggerMessage(Level = LogLevel.Warning, Message = "A session revocation from Redis could not be applied; revalidation ends those sessions")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
