using System.Globalization;
using Ihec.Portal.Infrastructure.Localisation;

namespace Ihec.Portal.Features.Library;

/// <summary>Small helpers the library's pages share: which text to show, direction, dates, sizes.</summary>
public static class LibraryUi
{
    /// <summary>
    /// The text to show for a reader who asked for <paramref name="requested"/> (or reads the UI in it).
    /// Arabic is authoritative; a translation is marked as such, and a missing one falls back to the Arabic.
    /// </summary>
    public static (DocumentText Text, bool IsTranslation, bool TranslationMissing) Pick(Func<string, DocumentText?> text, string? requested)
    {
        var language = Cultures.IsSupported(requested) ? requested! : Cultures.Current;
        if (text(language) is { } found)
        {
            return (found, language != Cultures.Arabic, false);
        }

        return (text(Cultures.Arabic)!, false, language != Cultures.Arabic);
    }

    public static string Dir(string language) => Cultures.IsRightToLeft(language) ? "rtl" : "ltr";

    /// <summary>The lang attribute only where content differs from the page's language.</summary>
    public static string? LangIfDifferent(string language) => language == Cultures.Current ? null : language;

    public static string Date(DateOnly date) => DisplayFormat.Date(date);

    public static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString("D", CultureInfo.CurrentCulture);

    public static string Size(long bytes) => DisplayFormat.FileSize(bytes);

    public static int? ParseInt(string? value) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static DocumentStatus? ParseStatus(string? value) => Enum.TryParse<DocumentStatus>(value, out var s) && Enum.IsDefined(s) ? s : null;
}
