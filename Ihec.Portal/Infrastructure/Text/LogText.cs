using System.Globalization;
using System.Text;

namespace Ihec.Portal.Infrastructure.Text;

/// <summary>
/// Text a user typed (a chat topic in an e-mail subject, a name), made safe for a log line: line breaks and other control
/// characters are written as escapes, so that user text can never start a forged line of its own in a plain-text log.
/// </summary>
public static class LogText
{
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Any(IsUnsafe))
        {
            return text ?? "";
        }

        var encoded = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\r' => encoded.Append("\\r"),
                '\n' => encoded.Append("\\n"),
                '\t' => encoded.Append("\\t"),
                _ when IsUnsafe(c) => encoded.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => encoded.Append(c),
            };
        }

        return encoded.ToString();
    }

    // Control characters, and the Unicode line and paragraph separators some viewers break lines on.
    private static bool IsUnsafe(char c) => char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085';
}
