using Ihec.Portal.Infrastructure.Redis;
using Microsoft.AspNetCore.SignalR;

namespace Ihec.Portal.Features.Chat;

/// <summary>The media unit's tools around the chat: presence, working hours, e-mail when away.</summary>
public static class ChatOperationsModule
{
    /// <summary>Call after the fan-out is registered: the away e-mail decorates whichever <see cref="IChatFanOut"/> is there.</summary>
    public static IServiceCollection AddChatOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChatWorkingHoursOptions>().Bind(configuration.GetSection(ChatWorkingHoursOptions.Section))
            .Validate(o => o.IsValid(), "Chat:WorkingHours: Days must be day names, Opens and Closes HH:mm with Closes later, special days yyyy-MM-dd, TimeZone known.")
            .ValidateOnStart();
        services.AddOptions<ChatAwayEmailOptions>().Bind(configuration.GetSection(ChatAwayEmailOptions.Section))
            .Validate(o => o.Interval >= TimeSpan.Zero, "Chat:AwayEmail:Interval must not be negative.")
            .ValidateOnStart();
        services.AddSingleton<ChatWorkingHours>();
        services.AddOptions<ChatPresenceOptions>().Bind(configuration.GetSection(ChatPresenceOptions.Section))
            .Validate(o => o.Expiry >= TimeSpan.FromSeconds(1), "Chat:Presence:Expiry must be at least one second.")
            .ValidateOnStart();
        if (RedisOptions.From(configuration).Enabled)
        {
            // Several instances: presence and the away e-mail's throttle are shared through Redis.
            services.AddSingleton<ChatRemotePresence>();
            services.AddSingleton(sp => new ChatPresence(sp.GetRequiredService<ChatRemotePresence>()));
            services.AddHostedService<RedisChatPresence>();
            services.AddSingleton<IChatAwayEmailThrottle, RedisChatAwayEmailThrottle>();
        }
        else
        {
            services.AddSingleton<ChatPresence>(_ => new ChatPresence());
            services.AddSingleton<IChatAwayEmailThrottle, LocalChatAwayEmailThrottle>();
        }

        services.AddSingleton<ChatPresenceHubFilter>();
        services.AddSignalR().AddHubOptions<ChatHub>(o => o.AddFilter<ChatPresenceHubFilter>());

        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IChatFanOut))
                         ?? throw new InvalidOperationException("Register the chat fan-out before AddChatOperations.");
        services.Remove(registered);
        services.Add(new ServiceDescriptor(typeof(IChatFanOut), sp =>
            ActivatorUtilities.CreateInstance<ChatAwayEmailFanOut>(sp, Inner(sp, registered)), registered.Lifetime));
        return services;
    }

    private static IChatFanOut Inner(IServiceProvider sp, ServiceDescriptor registered) =>
        (IChatFanOut)(registered.ImplementationInstance
                      ?? registered.ImplementationFactory?.Invoke(sp)
                      ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!));
}
