using System.Globalization;
using Ihec.Portal.Features.Accounts;
using Ihec.Portal.Infrastructure.Email;
using Ihec.Portal.Infrastructure.Localisation;
using Ihec.Portal.Infrastructure.Web;
using Ihec.Portal.Shared.Violations;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ihec.Portal.Features.Violations;

/// <summary>
/// Tells the member who reported a violation that its state changed or that a reviewer commented on it, in the member's language, with a link to the report.
/// A failure to send is logged: the state is already saved and shown in the organisation's list.
/// </summary>
public sealed class ViolationEmails(
    IEmailSender email,
    IStringLocalizer<ViolationsText> text,
    IOptions<PortalUrlOptions> urls,
    ILogger<ViolationEmails> logger)
{
    public sealed record Recipient(string Email, string Name, string Language);

    public string Link(Guid id) => $"{urls.Value.Base}/violations/{id}";

    public Task SendStateChangedAsync(Recipient recipient, Guid id, string reference, ViolationState state, string? reason, CancellationToken cancellationToken) =>
        SendAsync(recipient, id, reference, "MailStateSubject", culture =>
        {
            var parts = new List<string> { string.Format(culture, text["MailStateBody"], reference, text["State_" + state].Value) };
            if (!string.IsNullOrWhiteSpace(reason))
            {
                parts.Add(string.Format(culture, text["MailReason"], reason));
            }

            return parts;
        }, cancellationToken);

    /// <summary>A reviewer's comment, quoted in full, so the reporter need not sign in to read it.</summary>
    public Task SendCommentAsync(Recipient recipient, Guid id, string reference, string comment, CancellationToken cancellationToken) =>
        SendAsync(recipient, id, reference, "MailCommentSubject",
            culture => [string.Format(culture, text["MailCommentBody"], reference), comment], cancellationToken);

    private async Task SendAsync(Recipient recipient, Guid id, string reference, string subjectKey,
        Func<CultureInfo, IEnumerable<string>> body, CancellationToken cancellationToken)
    {
        EmailMessage message;
        using (Cultures.Use(recipient.Language))
        {
            var culture = CultureInfo.CurrentCulture;
            var parts = new List<string> { string.Format(culture, text["MailGreeting"], recipient.Name) };
            parts.AddRange(body(culture));
            parts.Add(text["MailLink"] + "\n" + Link(id));
            parts.Add(text["MailSignature"]);
            message = new EmailMessage(recipient.Email, string.Format(culture, text[subjectKey], reference), string.Join("\n\n", parts));
        }

        try
        {
            await email.SendAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "E-mail about violation report {Reference} could not be sent to its reporter", reference);
        }
    }
}
