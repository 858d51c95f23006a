using System.Security.Claims;
using System.Security.Cryptography;
using Ihec.Portal.Infrastructure.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Infrastructure.Files;

/// <summary>
/// Tokens for files uploaded with a form that came back with errors, so that the next post of the form need not send
/// them again (violation evidence, an application's supporting document). Every module that keeps uploads goes through
/// here. A token is protected (encrypted and signed for its module's purpose), expires, is bound to its uploader — the
/// signed-in user, or for an anonymous applicant a random id in an HTTP-only cookie of the browser — and is spent once a
/// record refers to its file: neither another account nor a replay after filing can attach the file.
/// </summary>
public sealed class KeptUploads(
    IDataProtectionProvider dataProtection,
    IHttpContextAccessor httpContext,
    IDbContextFactory<PortalDbContext> dbFactory,
    IEnumerable<IStoredFileReferences> references)
{
    /// <summary>The cookie that names an anonymous uploader's browser.</summary>
    public const string UploaderCookie = "ihec.uploader";

    private const int MaxTokenLength = 4000;

    /// <summary>A token for a stored file: its id first, then the fields the module needs to attach it later.</summary>
    public string Keep(string purpose, string fileId, IEnumerable<string> fields, TimeSpan lifetime) =>
        Protector(purpose).Protect(string.Join('\n', [Uploader(create: true), fileId, .. fields]), lifetime);

    /// <summary>
    /// The file id and fields (<paramref name="fieldCount"/> values, the file id included) of a token that is well-formed, unexpired and the current uploader's; null otherwise. Does
    /// not look at whether the token is spent: enough to show the file's name again, never to attach it
    /// (<see cref="RedeemAsync"/>).
    /// </summary>
    public string[]? Peek(string purpose, string? token, int fieldCount)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > MaxTokenLength || Uploader(create: false) is not { } uploader)
        {
            return null;
        }

        try
        {
            var parts = Protector(purpose).Unprotect(token).Split('\n', fieldCount + 1);
            return parts.Length == fieldCount + 1 && CryptographicOperations.FixedTimeEquals(
                       System.Text.Encoding.UTF8.GetBytes(parts[0]), System.Text.Encoding.UTF8.GetBytes(uploader))
                ? parts[1..]
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>As <see cref="Peek"/>, and null when a record already refers to the file: a token attaches its file once.</summary>
    public async Task<string[]?> RedeemAsync(string purpose, string? token, int fieldCount, CancellationToken cancellationToken = default)
    {
        if (Peek(purpose, token, fieldCount) is not { } fields)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        foreach (var source in references)
        {
            if (await source.RefersToAsync(db, fields[0], cancellationToken))
            {
                return null;
            }
        }

        return fields;
    }

    /// <summary>The tokens of a form's list that <see cref="Peek"/> accepts, at most <paramref name="max"/>, with their fields.</summary>
    public IReadOnlyList<(string Token, string[] Fields)> PeekAll(string purpose, IEnumerable<string> tokens, int fieldCount, int max) =>
        tokens.Select(t => (Token: t, Fields: Peek(purpose, t, fieldCount)!)).Where(x => x.Fields is not null).Take(max).ToList();

    /// <summary>The fields of a form's list of tokens that <see cref="RedeemAsync"/> accepts, each file once, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<string[]>> RedeemAllAsync(string purpose, IEnumerable<string> tokens, int fieldCount, int max,
        CancellationToken cancellationToken = default)
    {
        var redeemed = new List<string[]>();
        foreach (var token in tokens.Take(max))
        {
            if (await RedeemAsync(purpose, token, fieldCount, cancellationToken) is { } fields && redeemed.All(r => r[0] != fields[0]))
            {
                redeemed.Add(fields);
            }
        }

        return redeemed;
    }

    private ITimeLimitedDataProtector Protector(string purpose) =>
        dataProtection.CreateProtector("Ihec.Portal.KeptUploads", purpose).ToTimeLimitedDataProtector();

    /// <summary>"user:{id}" when signed in; otherwise "browser:{cookie}", the cookie created when <paramref name="create"/>.</summary>
    private string? Uploader(bool create)
    {
        var context = httpContext.HttpContext ?? throw new InvalidOperationException("Kept uploads need the request of the form.");
        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } userId)
        {
            return "user:" + userId;
        }

        if ((context.Items[UploaderCookie] as string ?? context.Request.Cookies[UploaderCookie]) is { Length: 32 } browser
            && browser.All(char.IsAsciiHexDigit))
        {
            return "browser:" + browser;
        }

        if (!create)
        {
            return null;
        }

        browser = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        context.Response.Cookies.Append(UploaderCookie, browser, new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
        });
        context.Items[UploaderCookie] = browser; // later tokens of this request name the same browser
        return "browser:" + browser;
    }
}
