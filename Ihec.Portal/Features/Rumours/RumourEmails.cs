using System.Globalization;
using Ihec.Portal.Features.Accounts;
using Ihec.Portal.Infrastructure.Email;
using Ihec.Portal.Infrastructure.Localisation;
using Ihec.Portal.Infrastructure.Web;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ihec.Portal.Features.Rumours;

/// <summary>
/// Tells each member who reported a claim that IHEC has answered it, in the member's language, with the permalink.
/// A failure to send is logged: the answer is already public and shown in the organisation's list.
/// </summary>
public sealed class RumourEmails(
    IEmailSender email,
    IStringLocalizer<RumoursText> text,
    IOptions<PortalUrlOptions> urls,
    ILogger<RumourEmails> logger)
{
    public sealed record Recipient(string Email, string Name, string Language);

    public string Permalink(string slug) => $"{urls.Value.Base}/fact-checks/{slug}";

    public async Task SendResponseAsync(IEnumerable<Recipient> recipients, string reference, FactCheck factCheck, bool first, CancellationToken cancellationToken)
    {
        foreach (var recipient in recipients)
        {
            EmailMessage message;
            using (Cultures.Use(recipient.Language))
            {
                var culture = CultureInfo.CurrentCulture;
                var language = Cultures.Current;
                var body = string.Join("\n\n",
                    string.Format(culture, text["MailGreeting"], recipient.Name),
                    string.Format(culture, text[first ? "MailRespondedBody" : "MailUpdatedBody"], reference),
                    string.Format(culture, text["MailClaim"], factCheck.Claim(language)),
                    string.Format(culture, text["MailVerdict"], text["Verdict_" + factCheck.Verdict].Value),
                    text["MailLink"] + "\n" + Permalink(factCheck.Slug),
                    text["MailSignature"]);
                message = new EmailMessage(recipient.Email, string.Format(culture, text["MailRespondedSubject"], reference), body);
            }

            try
            {
                await email.SendAsync(message, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "E-mail about the answer to {Reference} could not be sent to a reporter", reference);
            }
        }
    }
}
