using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Ihec.Portal.Features.Organisations;

/// <summary>
/// The address the confirmation page names ("we have e-mailed the reference to …"), carried from the application form to
/// that page in its query, protected so the address is neither readable in links and logs nor forged into the page. Every
/// application that passes the form's checks gets this same answer, whether or not it was filed.
/// </summary>
public sealed class ApplicationConfirmation(IDataProtectionProvider dataProtection)
{
    public const string Path = "/organisations/apply/submitted";

    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    /// <summary>The confirmation page's address for an application sent with this contact address (as typed).</summary>
    public string PageFor(string address) => $"{Path}?to={Uri.EscapeDataString(Protector().Protect(address.Trim(), Lifetime))}";

    /// <summary>The address a confirmation link names; null when the link is not one of ours or has expired.</summary>
    public string? AddressIn(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2000)
        {
            return null;
        }

        try
        {
            return Protector().Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private ITimeLimitedDataProtector Protector() =>
        dataProtection.CreateProtector("Ihec.Portal.Organisations.ApplicationConfirmation").ToTimeLimitedDataProtector();
}
