using System.Globalization;
using Ihec.Portal.Features.Accounts;
using Ihec.Portal.Infrastructure.Email;
using Ihec.Portal.Infrastructure.Localisation;
using Ihec.Portal.Infrastructure.Web;
using Ihec.Portal.Shared.Organisations;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ihec.Portal.Features.Organisations;

/// <summary>
/// E-mails to an organisation's contact person, always in the language they applied in. A failure to send is logged
/// and does not undo the decision it reports: the decision is already recorded and shown to staff.
/// </summary>
public sealed class OrganisationEmails(
    IEmailSender email,
    IStringLocalizer<OrganisationsText> text,
    IOptions<PortalUrlOptions> urls,
    ILogger<OrganisationEmails> logger)
{
    private static readonly TimeSpan IraqOffset = TimeSpan.FromHours(3);

    public Task SendApplicationReceivedAsync(Organisation organisation, CancellationToken cancellationToken = default) =>
        SendAsync(organisation, "MailReceived", reason: null, reasonKey: null, extra: null, cancellationToken);

    public Task SendApplicationUpdatedAsync(Organisation organisation, CancellationToken cancellationToken = default) =>
        SendAsync(organisation, "MailUpdated", reason: null, reasonKey: null, extra: null, cancellationToken);

    /// <summary>
    /// Tells the owner of an address that someone tried to apply for accreditation with it (the application was not filed,
    /// and the page said the same as for any other application). Names nothing the visitor typed but the address itself.
    /// </summary>
    public async Task SendAddressInUseAsync(string address, string culture, CancellationToken cancellationToken = default)
    {
        EmailMessage message;
        using (Cultures.Use(culture))
        {
            var baseUrl = urls.Value.Base;
            message = new EmailMessage(address, text["MailAddressInUseSubject"], string.Join("\n\n",
                text["MailHello"].Value,
                text["MailAddressInUseBody"].Value,
                string.Format(CultureInfo.CurrentCulture, text["MailAddressInUseIfYou"], baseUrl + AccountsModule.LoginPath,
                    baseUrl + "/account/forgot-password"),
                text["MailAddressInUseIfNotYou"].Value,
                text["MailSignature"].Value));
        }

        await TrySendAsync(message, "MailAddressInUse", reference: null, cancellationToken);
    }

    /// <summary>Tells the contact about a decision; a request for information carries the link to correct the application.</summary>
    public Task SendDecisionAsync(Organisation organisation, OrganisationDecision decision, string? reason,
        (string Token, DateTimeOffset ExpiresAt)? updateLink, CancellationToken cancellationToken = default)
    {
        var (kind, reasonKey) = decision switch
        {
            OrganisationDecision.Accept => ("MailAccepted", null),
            OrganisationDecision.Refuse => ("MailRefused", "MailReason"),
            OrganisationDecision.RequestInformation => ("MailInformation", "MailInformationNeeded"),
            OrganisationDecision.Suspend => ("MailSuspended", "MailReason"),
            OrganisationDecision.Reinstate => ("MailReinstated", (string?)null),
            _ => throw new ArgumentOutOfRangeException(nameof(decision)),
        };

        Func<string>? extra = updateLink is { } link
            ? () => string.Format(CultureInfo.CurrentCulture, text["MailInformationLink"],
                  link.ExpiresAt.ToOffset(IraqOffset).ToString("D", CultureInfo.CurrentCulture)) + "\n" + UpdateLink(organisation.Reference, link.Token)
            : null;
        return SendAsync(organisation, kind, reason, reasonKey, extra, cancellationToken);
    }

    /// <summary>The address of the page where an applicant corrects the application after a request for information.</summary>
    public string UpdateLink(string reference, string token) =>
        QueryHelpers.AddQueryString($"{urls.Value.Base}/organisations/apply/update",
            new Dictionary<string, string?> { ["ref"] = reference, ["token"] = token });

    private async Task SendAsync(Organisation organisation, string kind, string? reason, string? reasonKey, Func<string>? extra,
        CancellationToken cancellationToken)
    {
        EmailMessage message;
        using (Cultures.Use(organisation.PreferredCulture))
        {
            var culture = CultureInfo.CurrentCulture;
            var name = organisation.NameFor(Cultures.Current);
            var paragraphs = new List<string>
            {
                string.Format(culture, text["MailGreeting"], organisation.ContactName),
                string.Format(culture, text[kind + "Body"], name, organisation.Reference),
            };
            if (reasonKey is not null && !string.IsNullOrWhiteSpace(reason))
            {
                paragraphs.Add(string.Format(culture, text[reasonKey], reason));
            }

            if (extra is not null)
            {
                paragraphs.Add(extra());
            }

            var next = text[kind + "Next"];
            if (!next.ResourceNotFound)
            {
                paragraphs.Add(next.Value);
            }

            paragraphs.Add(text["MailSignature"]);
            message = new EmailMessage(organisation.ContactEmail,
                string.Format(culture, text[kind + "Subject"], organisation.Reference),
                string.Join("\n\n", paragraphs));
        }

        await TrySendAsync(message, kind, organisation.Reference, cancellationToken);
    }

    private async Task TrySendAsync(EmailMessage message, string kind, string? reference, CancellationToken cancellationToken)
    {
        try
        {
            await email.SendAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "E-mail {Kind} to the contact of organisation {Reference} could not be sent", kind, reference ?? "(none filed)");
        }
    }
}
