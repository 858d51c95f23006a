using System.Text;

namespace Ihec.Portal.Shared.Text;

/// <summary>
/// Digits as people type them in Iraq: Arabic-Indic (٠١٢) and Extended Arabic-Indic, the Persian/Kurdish forms (۰۱۲),
/// become ASCII. The one home of this rule: phone numbers, coordinates, tape figures and sign-in codes use it.
/// </summary>
public static class Digits
{
    public static string ToAscii(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                >= '\u0660' and <= '\u0669' => (char)('0' + (c - '\u0660')),
                >= '\u06F0' and <= '\u06F9' => (char)('0' + (c - '\u06F0')),
                _ => c,
            });
        }

        return builder.ToString();
    }

    /// <summary>Removes the invisible direction marks that copying from right-to-left text leaves behind.</summary>
    public static string WithoutDirectionMarks(string text) =>
        string.Concat(text.Where(c => c is not ('\u200E' or '\u200F' or '\u061C' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'))));

    /// <summary>
    /// A typed one-time code (authenticator or recovery code) as the verifier expects it: ASCII digits, without the
    /// spaces, hyphens and direction marks people or phones put between the groups.
    /// </summary>
    public static string OneTimeCode(string? text) =>
        string.Concat(ToAscii(WithoutDirectionMarks(text ?? "")).Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2212')));
}
