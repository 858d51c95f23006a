using System.Collections.Concurrent;
using System.Globalization;
using Ihec.Portal.Features.Accounts;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Infrastructure.Email;
using Ihec.Portal.Infrastructure.Localisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ihec.Portal.Features.Chat;

/// <summary><c>Chat:AwayEmail</c>: replies e-mailed to an organisation none of whose members has the conversation open.</summary>
public sealed class ChatAwayEmailOptions
{
    public const string Section = "Chat:AwayEmail";

    public bool Enabled { get; set; } = true;

    /// <summary>At most one e-mail per conversation in this time; later replies are in the conversation anyway.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Decorates the fan-out: after a reply from the media unit is delivered, if no member of the organisation has the
/// conversation open (no joined hub connection, no open conversation page, as <see cref="ChatPresence"/> knows them),
/// the member who started the conversation and every member who wrote in it get the reply by e-mail, in their own
/// language, with a link — at most once per conversation per <see cref="ChatAwayEmailOptions.Interval"/>.
/// </summary>
internal sealed class ChatAwayEmailFanOut(
    IChatFanOut inner,
    ChatPresence presence,
    IDbContextFactory<PortalDbContext> dbFactory,
    IEmailSender email,
    IStringLocalizer<ChatOpsText> text,
    IOptions<ChatAwayEmailOptions> options,
    IOptions<PortalUrlOptions> urls,
    TimeProvider clock,
    ILogger<ChatAwayEmailFanOut> logger) : IChatFanOut
{
    /// <summary>When each conversation was last e-mailed about (per instance).</summary>
    private static readonly ConcurrentDictionary<Guid, DateTimeOffset> LastSent = new();

    private const int MaxRemembered = 10_000;

    public async Task MessageStoredAsync(ChatMessageView message, CancellationToken cancellationToken = default)
    {
        await inner.MessageStoredAsync(message, cancellationToken);
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
        var now = clock.GetUtcNow();
        var interval = options.Value.Interval;
        if (LastSent.TryGetValue(message.ConversationId, out var sentAt) && now - sentAt < interval)
        {
            return;
        }

        var present = presence.UsersIn(message.ConversationId).ToList();
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

        if (LastSent.Count > MaxRemembered)
        {
            // Conversations whose interval has passed need no entry: forget them, so the table does not grow for ever.
            foreach (var old in LastSent.Where(p => now - p.Value >= interval).ToList())
            {
                LastSent.TryRemove(old);
            }
        }

        while (true)
        {
            if (LastSent.TryGetValue(conversation.Id, out var last))
            {
                if (now - last < interval || !LastSent.TryUpdate(conversation.Id, now, last))
                {
                    return;
                }

                break;
            }

            if (LastSent.TryAdd(conversation.Id, now))
            {
                break;
            }
        }

        var link = $"{urls.Value.PublicBaseUrl.TrimEnd('/')}/chat/{conversation.Id}";
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
