using System.Text;
using System.Text.RegularExpressions;
using Ihec.Portal.Shared.Files;
using Ihec.Portal.Shared.Text;

namespace Ihec.Portal.Shared.Organisations;

/// <summary>
/// Phone numbers: Iraqi numbers in national form (<c>0770 123 4567</c>, <c>01 555 1234</c>) or international form
/// (<c>+964 770 123 4567</c>, <c>00964…</c>), and other countries' numbers in international (E.164) form.
/// </summary>
public static partial class PhoneNumbers
{
    public const string IraqCountryCode = "964";

    /// <summary>The number in E.164 form (<c>+9647701234567</c>), or null when it is not a plausible number.</summary>
    public static string? Normalise(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var text = Digits.ToAscii(Digits.WithoutDirectionMarks(input.Trim()));
        if (!Typed().IsMatch(text))
        {
            return null;
        }

        var digits = string.Concat(text.Where(char.IsAsciiDigit));
        var international = text.StartsWith('+') || digits.StartsWith("00", StringComparison.Ordinal);
        if (international)
        {
            digits = text.StartsWith('+') ? digits : digits[2..];
            if (digits.StartsWith(IraqCountryCode, StringComparison.Ordinal))
            {
                return IsIraqiSubscriber(digits[IraqCountryCode.Length..]) ? "+" + digits : null;
            }

            // E.164: a country code that does not start with 0, at most 15 digits in all.
            return digits.Length is >= 8 and <= 15 && digits[0] != '0' ? "+" + digits : null;
        }

        // National Iraqi form: a trunk 0 then the subscriber number.
        return digits.StartsWith('0') && IsIraqiSubscriber(digits[1..]) ? "+" + IraqCountryCode + digits[1..] : null;
    }

    public static bool IsValid(string? input) => Normalise(input) is not null;

    // Mobile: 7x then 8 digits (Asiacell, Zain, Korek…); fixed line: an area code (1 for Baghdad, 2x–6x elsewhere) and 7 digits.
    private static bool IsIraqiSubscriber(string national) =>
        Mobile().IsMatch(national) || FixedLine().IsMatch(national);

    [GeneratedRegex(@"^\+?[0-9(][0-9 \-.()]{6,24}$", RegexOptions.CultureInvariant)]
    private static partial Regex Typed();

    [GeneratedRegex(@"^7[3-9][0-9]{8}$", RegexOptions.CultureInvariant)]
    private static partial Regex Mobile();

    [GeneratedRegex(@"^(1[0-9]{7}|[2-6][0-9][0-9]{7})$", RegexOptions.CultureInvariant)]
    private static partial Regex FixedLine();
}

public static partial class EmailAddresses
{
    public const int MaxLength = 256;

    /// <summary>
    /// Stricter than <c>EmailAddressAttribute</c>, and within what account names accept: Latin letters, digits and
    /// <c>. _ + -</c> before the @; a domain with a dot and a top-level name of letters.
    /// </summary>
    public static bool IsValid(string? input) =>
        input is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(input.Trim());

    /// <summary>The form stored and compared: trimmed, lower-case.</summary>
    public static string Normalise(string input) => input.Trim().ToLowerInvariant();

    [GeneratedRegex(@"^[A-Za-z0-9._+\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

public static partial class RegistrationNumbers
{
    public const int MaxLength = 64;

    /// <summary>Letters, digits, spaces, hyphens, slashes and dots; at least one digit.</summary>
    public static bool IsValid(string? input) =>
        !string.IsNullOrWhiteSpace(input) && Allowed().IsMatch(Normalise(input)) && Normalise(input).Any(char.IsAsciiDigit);

    /// <summary>The form stored and compared: ASCII digits, single spaces, upper-case Latin letters.</summary>
    public static string Normalise(string input)
    {
        var text = Digits.ToAscii(Digits.WithoutDirectionMarks(input)).Trim();
        return Spaces().Replace(text, " ").ToUpperInvariant();
    }

    [GeneratedRegex(@"^[\p{L}\p{Nd}][\p{L}\p{Nd} \-/.]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Allowed();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}

public static class WebAddresses
{
    /// <summary>An absolute http or https address with a host name: never <c>javascript:</c>, <c>data:</c> or a relative link.</summary>
    public static bool IsValid(string? input) =>
        !string.IsNullOrWhiteSpace(input)
        && input.Trim().Length <= 300
        && Uri.TryCreate(input.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.Host.Contains('.', StringComparison.Ordinal)
        && string.IsNullOrEmpty(uri.UserInfo);
}

/// <summary>Names of uploaded files as shown and offered for download: no path, no control characters, the right extension.</summary>
public static class DocumentNames
{
    public const int MaxLength = 120;

    public static string Sanitise(string? fileName, FileKind kind)
    {
        var extension = FileSignatures.Extension(kind);
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/').Split('/')[^1]);
        name = string.Concat(Digits.WithoutDirectionMarks(name).Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?'))).Trim(' ', '.');
        var stem = Path.GetFileNameWithoutExtension(name);
        if (string.IsNullOrWhiteSpace(stem))
        {
            stem = "document";
        }

        var currentExtension = Path.GetExtension(name).ToLowerInvariant();
        var keepsExtension = currentExtension == extension || (kind == FileKind.Jpeg && currentExtension == ".jpeg");
        if (stem.Length > MaxLength - 6)
        {
            stem = stem[..(MaxLength - 6)];
        }

        return stem + (keepsExtension ? currentExtension : extension);
    }
}
