using Ihec.Portal.Infrastructure.Redis;
using Ihec.Portal.Infrastructure.Files;
using Ihec.Portal.Shared.Files;
using Ihec.Portal.Shared.Security;
using Microsoft.AspNetCore.Components.Server.Circuits;
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
        services.AddOptions<ChatOptions>().PostConfigure<Infrastructure.PortalPaths>((o, paths) =>
            o.UploadFolder = string.IsNullOrWhiteSpace(o.UploadFolder) ? Path.Combine(paths.DataFolder, "chat-uploads") : Path.GetFullPath(o.UploadFolder));
        // JSON for browsers and existing clients (byte chunks as base64), MessagePack beside it for clients that send binary
        // (byte chunks as raw bytes); docs/mobile-clients.md. The Redis backplane serialises for every protocol registered here.
        services.AddSignalR().AddMessagePackProtocol().AddHubOptions<ChatHub>(o => o.AddFilter<ChatCultureFilter>());
        // An attachment arrives in chunks of up to ChatHub.MaxChunkBytes, base64 in the JSON protocol (a third larger). Set
        // after every AddHubOptions<ChatHub>: each one registers a setup that copies the global limit (32 KB) over this one.
        services.PostConfigure<HubOptions<ChatHub>>(o => o.MaximumReceiveMessageSize = ChatHub.MaxReceiveMessageSize);
        services.AddSingleton<ChatRateLimiter>();
        services.AddSingleton<ChatConnections>();
        services.AddSingleton<ChatLocalEvents>();
        if (RedisOptions.From(configuration).Enabled)
        {
            services.AddSingleton<IChatFanOut, RedisChatFanOut>();
            services.AddHostedService<RedisChatSubscriber>();
        }
        else
        {
            services.AddSingleton<IChatFanOut, InProcessChatFanOut>();
        }

        services.AddScoped<ChatService>();
        // Transcript search: its own index, fed by a background tail of the messages table (never by the send path).
        services.AddSingleton<ChatSearchIndex>();
        services.AddSingleton<ChatSearchIndexer>();
        services.AddHostedService(sp => sp.GetRequiredService<ChatSearchIndexer>());
        services.AddSingleton<ChatMessageWriter>();
        services.AddSingleton<IStoredFileReferences>(new StoredFileReferences(db => db.Set<ChatMessage>().Where(m => m.AttachmentFileId != null).Select(m => m.AttachmentFileId)));
        // The conversation pages catch up when their circuit's connection comes back.
        services.AddScoped<ChatCircuitConnection>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<ChatCircuitConnection>());
        services.AddHostedService<ChatDemo>();
        services.AddChatOperations(configuration);
        return services;
    }

    public static WebApplication MapChat(this WebApplication app)
    {
        // Cookie-authenticated like the pages; the hub's [Authorize] policy refuses everyone else before negotiation, with a
        // bare 401 or 403 (a hub is an API endpoint: no redirect to sign-in, and no not-found page re-executed in its place).
        app.MapHub<ChatHub>(ChatHub.Path, o => o.Transports = HttpTransportType.WebSockets | HttpTransportType.LongPolling)
            .WithMetadata(new SkipStatusCodePagesAttribute());
        app.MapGet("/chat/files/{id:guid}", AttachmentAsync).RequireAuthorization(PortalPolicies.ChatParticipant).WithTags("Chat")
            .WithSummary("A chat message's attachment (image or PDF), to the conversation's participants only; 404 for anyone else.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").Produces(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>A message's attachment, for the conversation's participants only; anyone else gets 404, as for a file that does not exist.</summary>
    private static async Task<IResult> AttachmentAsync(Guid id, ChatService chat, HttpContext context)
    {
        if (await chat.OpenAttachmentAsync(context.User, id, context.RequestAborted) is not { } found)
        {
            return Results.NotFound();
        }

        return UploadedFileResponse.Send(context, found.Content, found.Kind, found.Name, inline: true, "private, no-store");
    }
}
