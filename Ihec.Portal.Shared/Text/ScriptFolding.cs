using System.Text;

namespace Ihec.Portal.Shared.Text;

/// <summary>
/// Character foldings that make Arabic-script text match the way readers expect, whatever keyboard or spelling
/// habit produced it. Each table is (from, to) with <c>to</c> possibly empty (a deletion); the search index applies
/// them as a character filter (so highlight offsets still point into the original text) before each language's
/// own Lucene analyzer, and <see cref="Fold"/> applies them to a string for comparisons.
/// </summary>
public static class ScriptFolding
{
    private static readonly (string From, string To)[] Digits = BuildDigits();

    private static readonly (string From, string To)[] Invisible =
    [
        ("\u0640", ""), // tatweel (kashida)
        ("\u200C", ""), ("\u200D", ""), ("\u200E", ""), ("\u200F", ""), ("\u061C", ""), ("\u00AD", ""),
    ];

    private static readonly (string From, string To)[] ArabicDiacritics = BuildRange(0x064B, 0x065F, "")
        .Append(("\u0670", "")) // superscript alef
        .Concat(BuildRange(0x06D6, 0x06ED, "").Where(p => p.From != "\u06E5" && p.From != "\u06E6"))
        .ToArray();

    private static readonly (string From, string To)[] AlefForms =
    [
        ("\u0623", "\u0627"), ("\u0625", "\u0627"), ("\u0622", "\u0627"), ("\u0671", "\u0627"), ("\u0672", "\u0627"), ("\u0673", "\u0627"),
    ];

    /// <summary>Arabic: alef/hamza forms, alef maqsura, taa marbuta, diacritics, tatweel; and the Kurdish/Persian
    /// letters an Arabic text typed on a Kurdish keyboard contains (ی ک ە ھ).</summary>
    public static readonly IReadOnlyList<(string From, string To)> Arabic =
    [
        .. Invisible, .. ArabicDiacritics, .. AlefForms,
        ("\u0649", "\u064A"), // alef maqsura → yeh
        ("\u06CC", "\u064A"), // Farsi yeh → yeh
        ("\u0629", "\u0647"), // taa marbuta → heh
        ("\u06D5", "\u0647"), // Kurdish ae → heh
        ("\u06BE", "\u0647"), // heh doachashmee → heh
        ("\u06A9", "\u0643"), // keheh → kaf
        .. Digits,
    ];

    /// <summary>Sorani: what Lucene's Sorani normaliser leaves (alef forms, digits, invisible marks); it folds
    /// ي/ى→ی, ك→ک and ة/final ه→ە itself.</summary>
    public static readonly IReadOnlyList<(string From, string To)> Sorani =
    [
        .. Invisible.Where(p => p.From != "\u200C"), .. AlefForms, .. Digits,
    ];

    /// <summary>English (and Latin-script names): Arabic-Indic digits only.</summary>
    public static readonly IReadOnlyList<(string From, string To)> Latin = [.. Digits, ("\u00AD", "")];

    public static IReadOnlyList<(string From, string To)> For(string language) => language switch
    {
        "ckb" => Sorani,
        "en" => Latin,
        _ => Arabic,
    };

    /// <summary>Applies a language's foldings to a string (for comparisons outside the search index).</summary>
    public static string Fold(string text, string language = "ar")
    {
        var map = language switch { "ckb" => SoraniMap.Value, "en" => LatinMap.Value, _ => ArabicMap.Value };
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (map.TryGetValue(c, out var to))
            {
                result.Append(to);
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    private static readonly Lazy<Dictionary<char, string>> ArabicMap = new(() => ToMap(Arabic));
    private static readonly Lazy<Dictionary<char, string>> SoraniMap = new(() => ToMap(Sorani));
    private static readonly Lazy<Dictionary<char, string>> LatinMap = new(() => ToMap(Latin));

    private static Dictionary<char, string> ToMap(IEnumerable<(string From, string To)> pairs)
    {
        var map = new Dictionary<char, string>();
        foreach (var (from, to) in pairs)
        {
            map.TryAdd(from[0], to);
        }

        return map;
    }

    private static (string, string)[] BuildDigits()
    {
        var list = new List<(string, string)>();
        for (var i = 0; i < 10; i++)
        {
            list.Add((((char)(0x0660 + i)).ToString(), ((char)('0' + i)).ToString()));
            list.Add((((char)(0x06F0 + i)).ToString(), ((char)('0' + i)).ToString()));
        }

        return [.. list];
    }

    private static IEnumerable<(string From, string To)> BuildRange(int first, int last, string to)
    {
        for (var c = first; c <= last; c++)
        {
            yield return (((char)c).ToString(), to);
        }
    }
}
