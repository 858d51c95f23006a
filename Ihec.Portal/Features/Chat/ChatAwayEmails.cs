using System.Collections.Concurrent;
using System.Globalization;
using Ihec.Portal.Features.Accounts;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Infrastructure.Email;
using Ihec.Portal.Infrastructure.Localisation;
using Ihec.Portal.Infrastructure.Redis;
using Ihec.Portal.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Ihec.Portal.Features.Chat;

/// <summary><c>Chat:AwayEmail</c>: replies e-mailed to an organisation none of whose members has the conversation open.</summary>
public sealed class ChatAwayEmailOptions
{
    public const string Section = "Chat:AwayEmail";

    public bool Enabled { get; set; } = true;

    /// <summary>At most one e-mail per conversation in this time; later replies are in the conversation anyway.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>At most one away e-mail per conversation per <see cref="ChatAwayEmailOptions.Interval"/>.</summary>
internal interface IChatAwayEmailThrottle
{
    /// <summary>Whether this instance knows of an e-mail about the conversation within the interval (in memory: no I/O).</summary>
    bool RecentlySent(Guid conversationId);

    /// <summary>Records an e-mail about the conversation now, unless one was sent within the interval: true when the caller may send.</summary>
    ValueTask<bool> TryClaimAsync(Guid conversationId, CancellationToken cancellationToken);
}

/// <summary>The throttle of one instance: when each conversation was last e-mailed about, in memory.</summary>
internal sealed class LocalChatAwayEmailThrottle(IOptions<ChatAwayEmailOptions> options, TimeProvider clock) : IChatAwayEmailThrottle
{
    private const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<Guid, DateTimeOffset> lastSent = new();

    public bool RecentlySent(Guid conversationId) =>
        lastSent.TryGetValue(conversationId, out var sentAt) && clock.GetUtcNow() - sentAt < options.Value.Interval;

    public ValueTask<bool> TryClaimAsync(Guid conversationId, CancellationToken cancellationToken) => ValueTask.FromResult(TryClaim(conversationId));

    public bool TryClaim(Guid conversationId)
    {
        var now = clock.GetUtcNow();
        var interval = options.Value.Interval;
        if (lastSent.Count > MaxRemembered)
        {
            // Conversations whose interval has passed need no entry: forget them, so the table does not grow for ever.
            foreach (var old in lastSent.Where(p => now - p.Value >= interval).ToList())
            {
                lastSent.TryRemove(old);
            }
        }

        while (true)
        {
            if (lastSent.TryGetValue(conversationId, out var last))
            {
                return now - last >= interval && lastSent.TryUpdate(conversationId, now, last);
            }

            if (lastSent.TryAdd(conversationId, now))
            {
                return true;
            }
        }
    }

    /// <summary>Another instance e-mailed about the conversation, <paramref name="ago"/> ago: later replies here need not ask Redis.</summary>
    public void SentElsewhere(Guid conversationId, TimeSpan ago) => lastSent[conversationId] = clock.GetUtcNow() - ago;
}

/// <summary>
/// The throttle shared by every instance (with Redis): the claim is an atomic <c>SET key NX PX interval</c> per
/// conversation, so of two instances sending replies in the same interval one e-mails. What is known here (sent from
/// here, or a claim another instance holds) is remembered in memory, so the replies after it cost no round trip.
/// </summary>
internal sealed class RedisChatAwayEmailThrottle(
    IConnectionMultiplexer redis,
    PortalInstance instance,
    IOptions<RedisOptions> redisOptions,
    IOptions<ChatAwayEmailOptions> options,
    TimeProvider clock) : IChatAwayEmailThrottle
{
    private readonly LocalChatAwayEmailThrottle local = new(options, clock);

    public bool RecentlySent(Guid conversationId) => local.RecentlySent(conversationId);

    public async ValueTask<bool> TryClaimAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        var interval = options.Value.Interval;
        if (!local.TryClaim(conversationId))
        {
            return false;
        }

        if (interval <= TimeSpan.Zero)
        {
            return true;
        }

        var db = redis.GetDatabase();
        RedisKey key = $"{redisOptions.Value.ChannelPrefix}chat:away-email:{conversationId:N}";
        if (await db.StringSetAsync(key, instance.Id, interval, When.NotExists))
        {
            return true;
        }

        // Another instance e-mailed: remember until when, so the next replies here stop at RecentlySent.
        var left = await db.KeyTimeToLiveAsync(key) ?? interval;
        local.SentElsewhere(conversationId, interval - left);
        return false;
    }
}

/// <summary>
/// Decorates the fan-out: after a reply from the media unit is delivered, if no member of the organisation has the
/// conversation open (no joined hub connection, no open conversation page, as <see cref="ChatPresence"/> knows them),
/// the member who started the conversation and every member who wrote in it get the reply by e-mail, in their own
/// language, with a link — at most once per conversation per <see cref="ChatAwayEmailOptions.Interval"/>
/// (<see cref="IChatAwayEmailThrottle"/>). With Redis both checks cover every instance: <see cref="ChatPresence"/> knows
/// the other instances' viewers, and the throttle is claimed in Redis.
/// </summary>
internal sealed class ChatAwayEmailFanOut(
    IChatFanOut inner,
    ChatPresence presence,
    IChatAwayEmailThrottle throttle,
    IDbContextFactory<PortalDbContext> dbFactory,
    IEmailSender email,
    IStringLocalizer<ChatOpsText> text,
    IOptions<ChatAwayEmailOptions> options,
    IOptions<PortalUrlOptions> urls,
    ILogger<ChatAwayEmailFanOut> logger) : IChatFanOut
{
    /// <summary>Past this many conversations the memory of who wrote in them is emptied and refilled as messages come.</summary>
    private const int MaxRemembered = 50_000;

    /// <summary>
    /// Per conversation, the organisation's members seen writing in it (the service stored their messages as the
    /// organisation's, so they are its members): when one of them has the conversation open, a reply needs no query.
    /// </summary>
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, byte>> memberWriters = new();

    public async Task MessageStoredAsync(ChatMessageView message, CancellationToken cancellationToken = default)
    {
        await inner.MessageStoredAsync(message, cancellationToken);
        if (!message.FromIhec)
        {
            if (memberWriters.Count >= MaxRemembered)
            {
                memberWriters.Clear();
            }

            memberWriters.GetOrAdd(message.ConversationId, static _ => new(StringComparer.Ordinal)).TryAdd(message.AuthorUserId, 0);
        }

        if (options.Value.Enabled && message is { FromIhec: true, Kind: ChatMessageKind.Message })
        {
            try
            {
                await NotifyAsync(message, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The reply is stored and shown in the conversation; the e-mail is a courtesy.
                logger.LogError(ex, "The e-mail about a reply in chat conversation {ConversationId} could not be sent", message.ConversationId);
            }
        }
    }

    private async Task NotifyAsync(ChatMessageView message, CancellationToken cancellationToken)
    {
        // This runs on the agent's send, before its acknowledgement: the usual cases (the organisation was e-mailed a
        // moment ago, or a member has the conversation open) cost no query or one.
        if (throttle.RecentlySent(message.ConversationId))
        {
            return;
        }

        var present = presence.UsersIn(message.ConversationId).ToList();
        if (memberWriters.TryGetValue(message.ConversationId, out var known) && present.Exists(known.ContainsKey))
        {
            // A member who wrote in the conversation has it open (the busy case on election day): no query.
            return;
        }

        var anyPresent = present.Count > 0;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var conversation = await db.Set<Conversation>().AsNoTracking()
            .Where(c => c.Id == message.ConversationId)
            .Select(c => new
            {
                c.Id, c.OrganisationId, c.Topic, c.StartedByUserId,
                MemberPresent = anyPresent
                                && db.Users.Any(u => u.OrganisationId == c.OrganisationId && !u.IsDeactivated && present.Contains(u.Id)),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (conversation is null or { MemberPresent: true })
        {
            return;
        }

        var members = await db.Users.AsNoTracking()
            .Where(u => u.OrganisationId == conversation.OrganisationId && !u.IsDeactivated)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.PreferredCulture })
            .ToListAsync(cancellationToken);

        var writers = await db.Set<ChatMessage>().AsNoTracking()
            .Where(m => m.ConversationId == conversation.Id && !m.FromIhec && m.Kind == ChatMessageKind.Message)
            .Select(m => m.AuthorUserId).Distinct().ToListAsync(cancellationToken);
        var recipients = members.Where(m => (m.Id == conversation.StartedByUserId || writers.Contains(m.Id)) && !string.IsNullOrEmpty(m.Email)).ToList();
        if (recipients.Count == 0)
        {
            return;
        }

        // Claimed last, when an e-mail is really going out: a reply seen by a member does not hold back the next one.
        if (!await throttle.TryClaimAsync(conversation.Id, cancellationToken))
        {
            return;
        }

        var link = $"{urls.Value.Base}/chat/{conversation.Id}";
        foreach (var recipient in recipients)
        {
            EmailMessage mail;
            using (Cultures.Use(Cultures.Normalise(recipient.PreferredCulture)))
            {
                var culture = CultureInfo.CurrentCulture;
                var body = string.Join("\n\n",
                    string.Format(culture, text["AwayMailGreeting"], recipient.DisplayName),
                    string.Format(culture, text["AwayMailBody"], conversation.Topic, message.AuthorName),
                    message.Text,
                    text["AwayMailLink"] + "\n" + link,
                    text["AwayMailSignature"]);
                mail = new EmailMessage(recipient.Email!, string.Format(culture, text["AwayMailSubject"], conversation.Topic), body);
            }

            await email.SendAsync(mail, cancellationToken);
        }
    }

    public Task ReadAsync(ChatReadMark mark, CancellationToken cancellationToken = default) => inner.ReadAsync(mark, cancellationToken);

    public Task TypingAsync(ChatTyping typing, CancellationToken cancellationToken = default) => inner.TypingAsync(typing, cancellationToken);

    public Task ConversationChangedAsync(ConversationView conversation, CancellationToken cancellationToken = default) =>
        inner.ConversationChangedAsync(conversation, cancellationToken);
}
