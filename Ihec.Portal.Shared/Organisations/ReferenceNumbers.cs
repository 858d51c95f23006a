using System.Globalization;
using System.Text.RegularExpressions;

namespace Ihec.Portal.Shared.Organisations;

/// <summary>Application references such as <c>CSO-2026-00042</c>: a prefix, the year applied, and a sequence within that year.</summary>
public static partial class ReferenceNumbers
{
    public const string Prefix = "CSO-";

    public static string Format(int year, int sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 2000);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{year:D4}-{sequence:D5}");
    }

    /// <summary>The start every reference of a year shares, for a prefix query (<c>CSO-2026-</c>).</summary>
    public static string YearPrefix(int year) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{year:D4}-");

    public static bool TryParse(string? reference, out int year, out int sequence)
    {
        year = 0;
        sequence = 0;
        var match = reference is null ? Match.Empty : Pattern().Match(reference);
        return match.Success
            && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out year)
            && int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out sequence)
            && sequence > 0;
    }

    public static bool IsWellFormed(string? reference) => TryParse(reference, out _, out _);

    /// <summary>
    /// The next free reference of <paramref name="year"/> given the references already issued (any year, any form);
    /// the database's unique index settles a race between two applications, and the caller retries.
    /// </summary>
    public static string Next(int year, IEnumerable<string> existing)
    {
        var highest = 0;
        foreach (var reference in existing)
        {
            if (TryParse(reference, out var y, out var sequence) && y == year && sequence > highest)
            {
                highest = sequence;
            }
        }

        return Format(year, highest + 1);
    }

    [GeneratedRegex(@"^CSO-(\d{4})-(\d{5,9})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
