using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;

namespace Ihec.Portal.Features.Chat;

public static class ChatModule
{
    public static IServiceCollection AddChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChatOptions>().Bind(configuration.GetSection(ChatOptions.Section))
            .Validate(o => o.IsValid(), $"Chat: MaxMessageLength must be 1–{ChatOptions.StoredTextLength}, and MessagesPerWindow and RateWindow more than zero.")
            .ValidateOnStart();
        services.AddSignalR().AddHubOptions<ChatHub>(o => o.AddFilter<ChatCultureFilter>());
        services.AddSingleton<ChatRateLimiter>();
        services.AddSingleton<ChatConnections>();
        services.AddSingleton<ChatLocalEvents>();
        services.AddSingleton<IChatFanOut, InProcessChatFanOut>();
        services.AddScoped<ChatService>();
        services.AddChatOperations(configuration);
        return services;
    }

    public static WebApplication MapChat(this WebApplication app)
    {
        // Cookie-authenticated like the pages; the hub's [Authorize] policy refuses everyone else before negotiation, with a
        // bare 401 or 403 (a hub is an API endpoint: no redirect to sign-in, and no not-found page re-executed in its place).
        app.MapHub<ChatHub>(ChatHub.Path, o => o.Transports = HttpTransportType.WebSockets | HttpTransportType.LongPolling)
            .WithMetadata(new SkipStatusCodePagesAttribute());
        return app;
    }
}
