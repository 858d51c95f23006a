using StackExchange.Redis;

namespace Ihec.Portal.Infrastructure.Redis;

/// <summary>
/// The portal's own pub/sub channels (the SignalR backplane has its own). The multiplexer puts
/// <see cref="RedisOptions.ChannelPrefix"/> before each name.
/// </summary>
public static class PortalChannels
{
    /// <summary>The chat's page events (<c>ChatLocalEvents</c>), for every instance including the sender.</summary>
    public static readonly RedisChannel Chat = RedisChannel.Literal("chat:events");

    /// <summary>Each instance's chat presence (who is online, who has which conversation open), for the others.</summary>
    public static readonly RedisChannel ChatPresence = RedisChannel.Literal("chat:presence");

    /// <summary>What one instance wrote to its search index, for the others' indexes.</summary>
    public static readonly RedisChannel Search = RedisChannel.Literal("search:changes");

    /// <summary>Users whose open sessions must end now.</summary>
    public static readonly RedisChannel SessionRevocations = RedisChannel.Literal("sessions:revoked");
}
