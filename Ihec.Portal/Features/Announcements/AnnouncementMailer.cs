using System.Globalization;
using System.Threading.Channels;
using Ihec.Portal.Features.Accounts;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Infrastructure.Email;
using Ihec.Portal.Infrastructure.Localisation;
using Ihec.Portal.Infrastructure.Text;
using Ihec.Portal.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ihec.Portal.Features.Announcements;

/// <summary>
/// E-mails an announcement to every member of the organisations it was delivered to, in each member's language, after the
/// announcement is stored (so sending never waits for thousands of messages). Announcements whose e-mails had not gone out
/// when the portal stopped are sent at the next start; a stop in the middle of one may send some of its e-mails twice, never none.
/// </summary>
public sealed class AnnouncementMailer(
    IDbContextFactory<PortalDbContext> dbFactory,
    IEmailSender email,
    IStringLocalizer<AnnouncementsText> text,
    MarkdownRenderer markdown,
    IOptions<PortalUrlOptions> urls,
    TimeProvider clock,
    ILogger<AnnouncementMailer> logger) : BackgroundService
{
    private readonly Channel<Guid> queue = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(Guid announcementId) => queue.Writer.TryWrite(announcementId);

    public string Link(Guid id) => $"{urls.Value.Base}/announcements/{id:D}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(stoppingToken))
        {
            foreach (var id in await db.Set<Announcement>().Where(a => a.EmailMembers && a.EmailedAt == null).OrderBy(a => a.Number)
                         .Select(a => a.Id).ToListAsync(stoppingToken))
            {
                Enqueue(id);
            }
        }

        await foreach (var id in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await SendAsync(id, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "E-mails for announcement {Id} could not be sent", id);
            }
        }
    }

    private async Task SendAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var announcement = await db.Set<Announcement>().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (announcement is null || !announcement.EmailMembers || announcement.EmailedAt is not null)
        {
            return;
        }

        var organisations = db.Set<AnnouncementRecipient>().Where(r => r.AnnouncementId == id).Select(r => (Guid?)r.OrganisationId);
        var members = await db.Users.AsNoTracking()
            .Where(u => organisations.Contains(u.OrganisationId) && !u.IsDeactivated && u.PasswordHash != null && u.Email != null)
            .Select(u => new { Email = u.Email!, u.DisplayName, u.PreferredCulture })
            .ToListAsync(cancellationToken);
        var body = markdown.ToMailText(announcement.Body);
        var bodyHtml = markdown.ToHtml(announcement.Body);
        var sent = 0;
        foreach (var member in members)
        {
            EmailMessage message;
            using (Cultures.Use(member.PreferredCulture))
            {
                var culture = CultureInfo.CurrentCulture;
                var subject = announcement.Importance == AnnouncementImportance.Urgent
                    ? string.Format(culture, text["MailSubjectUrgent"], announcement.Title)
                    : string.Format(culture, text["MailSubject"], announcement.Title);
                var opening = string.Join("\n\n", string.Format(culture, text["MailGreeting"], member.DisplayName), text["MailIntro"].Value, announcement.Title);
                var closing = string.Join("\n\n", text["MailLink"] + "\n" + Link(announcement.Id), text["MailSignature"].Value);
                // The text keeps each link's address after its words; the HTML keeps the announcement's own (sanitised) markup.
                message = new EmailMessage(member.Email, subject, string.Join("\n\n", opening, body, closing),
                    EmailHtml.FromText(opening) + bodyHtml + EmailHtml.FromText(closing));
            }

            try
            {
                await email.SendAsync(message, cancellationToken);
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "E-mail of announcement {Reference} could not be sent to a member", announcement.Reference);
            }
        }

        announcement.EmailedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Announcement {Reference} e-mailed to {Sent} of {Members} members", announcement.Reference, sent, members.Count);
    }
}
