using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Ihec.Portal.Infrastructure.Search;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;
using SignalRRedisOptions = Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisOptions;

namespace Ihec.Portal.Infrastructure.Redis;

public static class RedisModule
{
    /// <summary>
    /// With <c>Redis:ConnectionString</c> set: one shared <see cref="IConnectionMultiplexer"/>, the SignalR hubs on the
    /// Redis backplane, and the data-protection key ring in Redis (so a cookie or form token issued by one instance is
    /// read by another), and the search index's writes replicated to every instance's own index. Returns whether Redis
    /// is on; the modules add their own channels when it is.
    /// </summary>
    public static bool AddPortalRedis(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisOptions>().Bind(configuration.GetSection(RedisOptions.Section));
        var options = RedisOptions.From(configuration);
        if (!options.Enabled)
        {
            return false;
        }

        if (string.IsNullOrWhiteSpace(options.ChannelPrefix) || string.IsNullOrWhiteSpace(options.DataProtectionKey))
        {
            throw new InvalidOperationException("Redis:ChannelPrefix and Redis:DataProtectionKey must not be empty when Redis:ConnectionString is set.");
        }

        // Parsed here so a malformed string stops the start with its own message. The connection itself is made when
        // first needed (at start-up, by the subscribers); by default it fails the start if Redis cannot be reached
        // (abortConnect=false in the string keeps retrying instead).
        var redis = ConfigurationOptions.Parse(options.ConnectionString!);
        redis.ChannelPrefix = RedisChannel.Literal(options.ChannelPrefix);
        redis.ClientName ??= "ihec-portal";

        services.AddSingleton<PortalInstance>();
        services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RedisModule));
            RedisLog.Connecting(logger, string.Join(", ", redis.EndPoints), options.ChannelPrefix);
            return ConnectionMultiplexer.Connect(redis);
        });

        // The backplane shares the multiplexer (and so its channel prefix) rather than opening its own connection.
        services.AddSignalR().AddStackExchangeRedis();
        services.AddOptions<SignalRRedisOptions>().Configure<IServiceProvider>((o, sp) =>
        {
            o.Configuration = redis.Clone();
            o.ConnectionFactory = _ => Task.FromResult(sp.GetRequiredService<IConnectionMultiplexer>());
        });

        // Replaces the key folder under the data folder (InfrastructureModule); the application name stays the same.
        var key = new RedisKey(options.DataProtectionKey);
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((o, sp) =>
            o.XmlRepository = new RedisXmlRepository(() => sp.GetRequiredService<IConnectionMultiplexer>().GetDatabase(), key));

        // Before the modules' AddPortalSearch, whose TryAdd then keeps this index.
        services.TryAddSingleton<LuceneSearchIndex>();
        services.AddSingleton<ISearchIndex, ReplicatedSearchIndex>();
        services.AddHostedService<SearchReplicationSubscriber>();
        return true;
    }
}

internal static partial class RedisLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Connecting to Redis at {EndPoints} (channel prefix {Prefix})")]
    public static partial void Connecting(ILogger logger, string endPoints, string prefix);
}
