namespace Ihec.Portal.Infrastructure.Redis;

/// <summary>
/// The <c>Redis</c> settings. Empty <see cref="ConnectionString"/> (the embedded default): one instance, everything
/// in process. Set: several instances share the SignalR backplane, the chat's page events and presence, the away
/// e-mail's throttle, session revocations and the data-protection keys through this Redis.
/// </summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>redis.internal:6379,password=…,ssl=true</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Put before every pub/sub channel name (the backplane's and the portal's) and every key the chat keeps, as is: deployments sharing one Redis use different prefixes.</summary>
    public string ChannelPrefix { get; set; } = "ihec-portal:";

    /// <summary>The Redis key (a list) that holds the data-protection key ring.</summary>
    public string DataProtectionKey { get; set; } = "ihec-portal:data-protection-keys";

    public bool Enabled => !string.IsNullOrWhiteSpace(ConnectionString);

    public static RedisOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<RedisOptions>() ?? new RedisOptions();
}
