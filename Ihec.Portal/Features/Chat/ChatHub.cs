using Ihec.Portal.Infrastructure.Localisation;
using Ihec.Portal.Shared.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.SignalR;

namespace Ihec.Portal.Features.Chat;

/// <summary>
/// <c>/hubs/chat</c>: the chat for mobile clients and load generators. Every call goes through <see cref="ChatService"/>,
/// which decides what the caller may see; the hub only adds connections to the groups the service allowed.
/// </summary>
[Authorize(Policy = PortalPolicies.ChatParticipant)]
public sealed class ChatHub(ChatService chat, ChatConnections connections) : Hub<IChatClient>
{
    public const string Path = "/hubs/chat";

    /// <summary>The largest chunk of an attachment a client should send to <see cref="SendAttachment"/>.</summary>
    public const int MaxChunkBytes = 32 * 1024;

    /// <summary>The largest hub message the server accepts: a <see cref="MaxChunkBytes"/> chunk in base64 (JSON) with its envelope fits.</summary>
    public const long MaxReceiveMessageSize = 64 * 1024;

    public override async Task OnConnectedAsync()
    {
        if (!await connections.OpenedAsync(Context))
        {
            return;
        }

        if (await chat.IsAgentAsync(Context.User!))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, ChatGroups.Agents, Context.ConnectionAborted);
        }

        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Closed(Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>
    /// Starts receiving a conversation, and returns the messages stored after <paramref name="afterSequence"/> (0 for all).
    /// The connection joins the group first, so a message stored meanwhile arrives at least once: clients ignore a sequence number they already have.
    /// </summary>
    public async Task<ChatResult<IReadOnlyList<ChatMessageView>>> Join(Guid conversationId, long afterSequence)
    {
        var access = await chat.AccessAsync(Context.User!, conversationId, Context.ConnectionAborted);
        if (!access.Succeeded)
        {
            return new(null, access.Error, access.ErrorText);
        }

        await Groups.AddToGroupAsync(Context.ConnectionId,
            access.Value == ChatAccess.Agent ? ChatGroups.Staff(conversationId) : ChatGroups.Organisation(conversationId), Context.ConnectionAborted);
        return await chat.MessagesAsync(Context.User!, conversationId, afterSequence, Context.ConnectionAborted);
    }

    public async Task Leave(Guid conversationId)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, ChatGroups.Organisation(conversationId));
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, ChatGroups.Staff(conversationId));
    }

    /// <summary>Stores a message (once per <paramref name="clientMessageId"/>) and returns it with its sequence number.</summary>
    public Task<ChatResult<ChatMessageView>> Send(Guid conversationId, string clientMessageId, string text) =>
        chat.SendAsync(Context.User!, conversationId, clientMessageId, text, ChatMessageKind.Message, Context.ConnectionAborted);

    /// <summary>
    /// Sends a message with an attachment (a JPEG, PNG or WebP image, or a PDF, up to <c>Chat:MaxAttachmentBytes</c>, 10 MB),
    /// streamed by the client: <paramref name="content"/> is a client-to-server stream of chunks of at most
    /// <see cref="MaxChunkBytes"/> bytes (the .NET client passes an <c>IAsyncEnumerable&lt;byte[]&gt;</c> or a
    /// <c>ChannelReader&lt;byte[]&gt;</c> argument, the JavaScript client a <c>Subject</c>). The file is checked by its
    /// content, an image loses its metadata, and the upload is refused as soon as it passes the limit; the rest of the
    /// stream is then ignored. Same checks, rate limit and fan-out as the pages; a resend with the same
    /// <paramref name="clientMessageId"/> returns the stored message without storing the file again. The returned
    /// message's <c>Attachment.Url</c> (<c>GET /chat/files/{messageId}</c>) serves the file to the conversation's
    /// participants, with the same cookie the connection uses; anyone else gets 404.
    /// </summary>
    public async Task<ChatResult<ChatMessageView>> SendAttachment(Guid conversationId, string clientMessageId, string fileName, string? text,
        IAsyncEnumerable<byte[]> content)
    {
        var stream = new ChatUploadStream(content);
        try
        {
            return await chat.SendWithStreamedAttachmentAsync(Context.User!, conversationId, clientMessageId, text, stream, fileName, Context.ConnectionAborted);
        }
        finally
        {
            // Refused before the file was read (not the caller's conversation, a resend): the chunks still arriving are discarded.
            stream.DiscardIfUnread();
        }
    }

    /// <summary>A note only the media unit sees.</summary>
    public Task<ChatResult<ChatMessageView>> SendNote(Guid conversationId, string clientMessageId, string text) =>
        chat.SendAsync(Context.User!, conversationId, clientMessageId, text, ChatMessageKind.PrivateNote, Context.ConnectionAborted);

    /// <summary>The caller has received the conversation up to <paramref name="sequence"/>.</summary>
    public Task<ChatResult<ChatReadMark>> MarkDelivered(Guid conversationId, long sequence) =>
        chat.MarkAsync(Context.User!, conversationId, sequence, read: false, Context.ConnectionAborted);

    /// <summary>The caller has read the conversation up to <paramref name="sequence"/>.</summary>
    public Task<ChatResult<ChatReadMark>> MarkRead(Guid conversationId, long sequence) =>
        chat.MarkAsync(Context.User!, conversationId, sequence, read: true, Context.ConnectionAborted);

    public Task<ChatResult<bool>> Typing(Guid conversationId) =>
        chat.TypingAsync(Context.User!, conversationId, Context.ConnectionAborted);

    public Task<IReadOnlyList<ConversationView>> Conversations() =>
        chat.ConversationsAsync(Context.User!, Context.ConnectionAborted);

    /// <summary>A CSO member opens a conversation.</summary>
    public Task<ChatResult<ConversationView>> Start(string topic, string language) =>
        chat.StartAsync(Context.User!, topic, language, Context.ConnectionAborted);

    /// <summary>The media unit moves a conversation to Open, Pending or Resolved.</summary>
    public Task<ChatResult<ConversationView>> SetState(Guid conversationId, ConversationState state) =>
        chat.SetStateAsync(Context.User!, conversationId, state, Context.ConnectionAborted);

    /// <summary>The calling agent takes the conversation.</summary>
    public Task<ChatResult<ConversationView>> Take(Guid conversationId) =>
        chat.TakeAsync(Context.User!, conversationId, Context.ConnectionAborted);
}

/// <summary>
/// Hub calls run outside the request pipeline: each one runs in the language the connection was opened with (the
/// request's culture, or the portal's culture cookie), so error texts are in the reader's language.
/// </summary>
internal sealed class ChatCultureFilter : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        using (Cultures.Use(LanguageOf(invocationContext.Context.GetHttpContext())))
        {
            return await next(invocationContext);
        }
    }

    private static string LanguageOf(HttpContext? http)
    {
        if (http?.Features.Get<IRequestCultureFeature>()?.RequestCulture is { } culture)
        {
            return Cultures.Normalise(culture.UICulture.Name);
        }

        var cookie = http?.Request.Cookies[CookieRequestCultureProvider.DefaultCookieName];
        var parsed = cookie is null ? null : CookieRequestCultureProvider.ParseCookieValue(cookie);
        return Cultures.Normalise(parsed?.UICultures.FirstOrDefault().Value);
    }
}
