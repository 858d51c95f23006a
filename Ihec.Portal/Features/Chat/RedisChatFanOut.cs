using System.Text.Json;
using Ihec.Portal.Infrastructure;
using Ihec.Portal.Infrastructure.Redis;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace Ihec.Portal.Features.Chat;

/// <summary>
/// Fan-out for several instances (<c>Redis:ConnectionString</c> set). Hub clients: one send through the hub context,
/// which the Redis backplane carries to the connections of every instance (sending from each instance as well would
/// give hub clients every message twice). Pages: the event is published on <see cref="PortalChannels.Chat"/>, which every
/// instance, the sender included, hands to its own <see cref="ChatLocalEvents"/> (<see cref="RedisChatSubscriber"/>).
/// </summary>
internal sealed class RedisChatFanOut(IHubContext<ChatHub, IChatClient> hub, IConnectionMultiplexer redis) : HubChatFanOut(hub)
{
    protected override Task PagesAsync(ChatEvent chatEvent) =>
        redis.GetSubscriber().PublishAsync(PortalChannels.Chat, ChatEventJson.Write(chatEvent));
}

/// <summary>
/// Receives every instance's chat events from Redis and delivers them to this instance's pages, one at a time in the
/// order Redis delivered them (the order they were published in by each instance).
/// </summary>
internal sealed partial class RedisChatSubscriber(IConnectionMultiplexer redis, ChatLocalEvents pages, ILogger<RedisChatSubscriber> logger) : IHostedService
{
    private readonly StopOnce stop = new();
    private ChannelMessageQueue? queue;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        queue = await redis.GetSubscriber().SubscribeAsync(PortalChannels.Chat);
        queue.OnMessage(async message =>
        {
            ChatEvent? chatEvent;
            try
            {
                chatEvent = ChatEventJson.Read(message.Message.ToString());
            }
            catch (JsonException ex)
            {
                LogUnreadable(logger, ex);
                return;
            }

            if (chatEvent is null)
            {
                LogUnknown(logger);
                return;
            }

            // DeliverAsync isolates each page's failures; nothing else here can throw.
            await pages.DeliverAsync(chatEvent);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "A chat event from Redis could not be read; the pages catch up by sequence number")]
    private static partial void LogUnreadable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A chat event from Redis has a type this instance does not know (an instance of another version?); ignored")]
    private static partial void LogUnknown(ILogger logger);
}

/// <summary>A chat event on the Redis channel: JSON <c>{"type": "message" | "read" | "typing" | "conversation", "data": …}</c>.</summary>
internal static class ChatEventJson
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Envelope(string Type, JsonElement Data);

    public static string Write(ChatEvent chatEvent) => chatEvent switch
    {
        ChatMessageStored e => Wrap("message", e.Message),
        ChatReadMarked e => Wrap("read", e.Mark),
        ChatTypingStarted e => Wrap("typing", e.Typing),
        ChatConversationChanged e => Wrap("conversation", e.Conversation),
        _ => throw new ArgumentException($"No Redis type for {chatEvent.GetType().Name}.", nameof(chatEvent)),
    };

    /// <summary>The event, or null for a type this version does not know.</summary>
    public static ChatEvent? Read(string json)
    {
        var envelope = JsonSerializer.Deserialize<Envelope>(json, Json) ?? throw new JsonException("Empty chat event.");
        return envelope.Type switch
        {
            "message" => new ChatMessageStored(Data<ChatMessageView>(envelope)),
            "read" => new ChatReadMarked(Data<ChatReadMark>(envelope)),
            "typing" => new ChatTypingStarted(Data<ChatTyping>(envelope)),
            "conversation" => new ChatConversationChanged(Data<ConversationView>(envelope)),
            _ => null,
        };
    }

    private static string Wrap<T>(string type, T data) =>
        JsonSerializer.Serialize(new Envelope(type, JsonSerializer.SerializeToElement(data, Json)), Json);

    private static T Data<T>(Envelope envelope) =>
        envelope.Data.Deserialize<T>(Json) ?? throw new JsonException($"Chat event '{envelope.Type}' has no data.");
}
