using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Shared.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ihec.Portal.Features.Accounts;

/// <summary>
/// Checks authenticator (TOTP, RFC 6238: HMAC-SHA1, 30-second steps, six digits) codes. A code is accepted in the
/// current step or <see cref="AccountOptions.AuthenticatorStepsTolerance"/> steps either side, and only once: the
/// last accepted step of each user is kept in the database (a row of <c>AspNetUserTokens</c>, so every instance
/// sees it) and any code of that step or an earlier one is refused (RFC 6238 §5.2). Sign-in and enrolment both
/// go through <see cref="VerifyAsync"/>.
/// </summary>
public sealed class AuthenticatorCodes(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock, IOptions<AccountOptions> options)
{
    public const string StepLoginProvider = "[PortalAuthenticator]";
    public const string StepTokenName = "LastAcceptedStep";
    private const int StepSeconds = 30;

    /// <summary>True when <paramref name="typed"/> is a valid, not yet used code for the base32 key; records its step.</summary>
    public async Task<bool> VerifyAsync(string userId, string base32Key, string? typed, CancellationToken cancellationToken = default)
    {
        var code = Digits.OneTimeCode(typed);
        if (code.Length != 6 || !code.All(char.IsAsciiDigit) || Base32.Decode(base32Key) is not { Length: > 0 } key)
        {
            return false;
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;
        var tolerance = options.Value.AuthenticatorStepsTolerance;
        long? matched = null;
        for (var step = now + tolerance; step >= now - tolerance; step--)
        {
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(key, step)), System.Text.Encoding.ASCII.GetBytes(code)))
            {
                matched = step;
                break;
            }
        }

        return matched is { } accepted && await ClaimStepAsync(userId, accepted, cancellationToken);
    }

    /// <summary>
    /// A typed recovery code in the form Identity stores it (<c>XXXXX-XXXXX</c>, capitals): native digits become ASCII,
    /// spaces and any hyphens are dropped and the one hyphen is put back.
    /// </summary>
    public static string RecoveryCode(string? typed)
    {
        var compact = Digits.OneTimeCode(typed).ToUpperInvariant();
        return compact.Length == 10 ? compact[..5] + "-" + compact[5..] : compact;
    }

    /// <summary>The six-digit HOTP value (RFC 4226) of a step.</summary>
    private static string Code(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
        HMACSHA1.HashData(key, counter, hash);
        var offset = hash[^1] & 0x0F;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7FFFFFFF) % 1_000_000;
        return binary.ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>Moves the user's last accepted step forward to <paramref name="step"/>; false when it is already there or later.</summary>
    private async Task<bool> ClaimStepAsync(string userId, long step, CancellationToken cancellationToken)
    {
        // Fixed width, so that comparing the stored text compares the numbers, in one conditional UPDATE.
        var value = step.ToString("D20", CultureInfo.InvariantCulture);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == StepLoginProvider && t.Name == StepTokenName);
        if (await row.Where(t => string.Compare(t.Value, value) < 0).ExecuteUpdateAsync(s => s.SetProperty(t => t.Value, value), cancellationToken) == 1)
        {
            return true;
        }

        if (await row.AnyAsync(cancellationToken))
        {
            return false;
        }

        db.UserTokens.Add(new IdentityUserToken<string> { UserId = userId, LoginProvider = StepLoginProvider, Name = StepTokenName, Value = value });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance recorded this user's first code at the same moment.
            return false;
        }
    }

    private static class Base32
    {
        private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

        public static byte[]? Decode(string text)
        {
            var output = new List<byte>(text.Length * 5 / 8);
            int buffer = 0, bits = 0;
            foreach (var c in text.TrimEnd('=').ToUpperInvariant())
            {
                var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
                if (value < 0)
                {
                    return null;
                }

                buffer = (buffer << 5) | value;
                bits += 5;
                if (bits >= 8)
                {
                    bits -= 8;
                    output.Add((byte)(buffer >> bits));
                    buffer &= (1 << bits) - 1;
                }
            }

            return [.. output];
        }
    }
}

/// <summary>Identity's authenticator provider with the portal's window and replay check (<see cref="AuthenticatorCodes"/>).</summary>
public sealed class PortalAuthenticatorTokenProvider(AuthenticatorCodes codes) : AuthenticatorTokenProvider<PortalUser>
{
    public const string ProviderName = "PortalAuthenticator";

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<PortalUser> manager, PortalUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        return !string.IsNullOrEmpty(key) && await codes.VerifyAsync(user.Id, key, token);
    }
}
