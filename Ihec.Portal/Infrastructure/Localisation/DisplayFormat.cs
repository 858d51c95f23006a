using System.Globalization;
using Ihec.Portal.Shared.Text;

namespace Ihec.Portal.Infrastructure.Localisation;

/// <summary>
/// The one home of how numbers, dates and quantities with units are shown, in the current culture as
/// <see cref="Cultures.CultureFor"/> sets it up (digits, separators, date patterns). Policy:
/// <list type="bullet">
/// <item>Digits: every language is written with Latin digits (0–9), with "," grouping and "." decimals; text from
/// elsewhere (the tally engine's names, <c>LocalisedName.In</c>) is brought to the same digits with <see cref="Digits.ToAscii"/>.</item>
/// <item>Dates: day, month, year in that order in every language (Sorani: "دووشەممە، 7 کانونی یەکەم 2026").</item>
/// <item>A number with a Latin unit ("10 KB") is a left-to-right isolate, so right-to-left text does not turn it
/// into "KB 10".</item>
/// </list>
/// </summary>
public static class DisplayFormat
{
    private const char LeftToRightIsolate = '\u2066';
    private const char PopDirectionalIsolate = '\u2069';

    public static string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>"7 كانون الأول 2026", "7 کانونی یەکەم 2026", "7 December 2026".</summary>
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>The long date with the weekday: "الاثنين، 7 كانون الأول 2026", "دووشەممە، 7 کانونی یەکەم 2026".</summary>
    public static string LongDate(DateOnly date) => date.ToString("D", CultureInfo.CurrentCulture);

    public static string LongDate(DateTimeOffset at) => at.ToString("D", CultureInfo.CurrentCulture);

    /// <summary>A number and its unit kept together left to right inside right-to-left text.</summary>
    public static string WithUnit(string number, string unit) => $"{LeftToRightIsolate}{number} {unit}{PopDirectionalIsolate}";

    /// <summary>A file size: "⁦10 KB⁩" (at least 1 KB), "⁦2.5 MB⁩" from one megabyte.</summary>
    public static string FileSize(long bytes) => bytes >= 1024 * 1024
        ? WithUnit((bytes / 1024d / 1024d).ToString("0.0", CultureInfo.CurrentCulture), "MB")
        : WithUnit(Math.Max(1, (bytes + 1023) / 1024).ToString("N0", CultureInfo.CurrentCulture), "KB");
}
