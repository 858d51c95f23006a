using System.Text;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Infrastructure.Email;
using Ihec.Portal.Infrastructure.Localisation;
using Ihec.Portal.Infrastructure.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ihec.Portal.Features.Accounts;

/// <summary>Tokens for invitation links: longer-lived than password resets, and only good for setting a first password.</summary>
public sealed class InvitationTokenProvider(
    IDataProtectionProvider dataProtectionProvider,
    IOptions<InvitationTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<PortalUser>> logger)
    : DataProtectorTokenProvider<PortalUser>(dataProtectionProvider, options, logger)
{
    public const string ProviderName = "Invitation";
    public const string Purpose = "invitation";
}

public sealed class InvitationTokenProviderOptions : DataProtectionTokenProviderOptions;

/// <summary>Sends invitation and password-reset links by e-mail, in the recipient's language.</summary>
public sealed class AccountEmails(
    UserManager<PortalUser> users,
    IEmailSender email,
    IStringLocalizer<AccountsText> text,
    IOptions<PortalUrlOptions> urls)
{
    /// <summary>Sends a link with which an invited person sets their password and so activates the account.</summary>
    public async Task SendInvitationAsync(PortalUser user, string organisationName, CancellationToken cancellationToken = default)
    {
        var token = await users.GenerateUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose);
        var link = Link("account/invitation", user.Id, token);
        using (Cultures.Use(user.PreferredCulture))
        {
            await email.SendAsync(new EmailMessage(user.Email!, text["InvitationSubject"],
                string.Format(System.Globalization.CultureInfo.CurrentCulture, text["InvitationBody"], user.DisplayName, organisationName, link)), cancellationToken);
        }
    }

    public async Task SendPasswordResetAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = Link("account/reset-password", user.Id, token);
        using (Cultures.Use(user.PreferredCulture))
        {
            await email.SendAsync(new EmailMessage(user.Email!, text["ResetSubject"],
                string.Format(System.Globalization.CultureInfo.CurrentCulture, text["ResetBody"], user.DisplayName, link)), cancellationToken);
        }
    }

    private string Link(string path, string userId, string token)
    {
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        var baseUrl = urls.Value.Base;
        return QueryHelpers.AddQueryString($"{baseUrl}/{path}", new Dictionary<string, string?> { ["user"] = userId, ["code"] = code });
    }

    public static string DecodeCode(string code) => Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
}
