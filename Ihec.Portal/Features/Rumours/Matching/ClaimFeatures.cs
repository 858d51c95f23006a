using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Ihec.Portal.Infrastructure.Search;
using Ihec.Portal.Shared.Text;

namespace Ihec.Portal.Features.Rumours.Matching;

/// <summary>
/// Turns a claim into the feature set compared for near-duplicates. The same rumour reaches IHEC many times, typed on
/// different keyboards, with or without diacritics, wrapped in emoji, links and "urgent, share before it is deleted";
/// none of that should make two reports of one claim look different. The language work is Lucene's (the portal's
/// <see cref="PortalAnalyzer"/>: Arabic, Sorani and English analyzers with <see cref="ScriptFolding"/>); this class
/// only removes what analyzers do not expect in their input (links, emoji) and decides which analyzer to use.
/// </summary>
public static partial class ClaimFeatures
{
    // Lucene analyzers reuse their token stream components per thread, so one shared instance is safe to call from
    // several threads at once (pinned by a test).
    private static readonly PortalAnalyzer Analyzer = new();

    // Sorani letters Arabic does not use. ە and ھ are among them although ScriptFolding.Arabic folds them (an Arabic
    // text typed on a Kurdish keyboard may contain them): a reporter who did not say which language they wrote in is
    // far more often writing Sorani when they appear.
    private const string SoraniLetters = "\u0695\u06B5\u06C6\u06CE\u06D5\u06BE"; // ڕ ڵ ۆ ێ ە ھ

    // What Lucene's Sorani normaliser would fold anyway, done here too so that Normalise shows the form that is
    // compared: Arabic kaf, yeh and alef maqsura, taa marbuta, heh doachashmee; and the Arabic diacritics, which
    // ScriptFolding.Sorani leaves to the analyzer.
    private static readonly IReadOnlyList<(string From, string To)> SoraniExtra =
    [
        ("\u0643", "\u06A9"), // ك → ک
        ("\u064A", "\u06CC"), // ي → ی
        ("\u0649", "\u06CC"), // ى → ی
        ("\u0629", "\u06D5"), // ة → ە
        ("\u06BE", "\u0647"), // ھ → ه
        .. ScriptFolding.Arabic.Where(p => p.To.Length == 0 && p.From != "\u200C"),
    ];

    // Arabic: the hamza on waw or yeh seat becomes a bare hamza, so that the two accepted spellings of words like
    // مسؤول/مسئول meet. Not in Sorani, where ئ carries every initial vowel.
    private static readonly IReadOnlyList<(string From, string To)> ArabicExtra =
    [
        ("\u0624", "\u0621"), // ؤ → ء
        ("\u0626", "\u0621"), // ئ → ء
    ];

    private static readonly Dictionary<string, Dictionary<char, string>> Maps = new()
    {
        ["ar"] = ToMap([.. ScriptFolding.Arabic, .. ArabicExtra]),
        ["ckb"] = ToMap([.. ScriptFolding.Sorani, .. SoraniExtra]),
        // English claims quote Arabic names: fold them as Arabic so the quoted name matches its other spellings.
        ["en"] = ToMap([.. ScriptFolding.Latin, .. ScriptFolding.Arabic, .. ArabicExtra]),
    };

    /// <summary>Normalised text: URLs, emoji, punctuation, tatweel, diacritics removed; Arabic letter variants folded
    /// (alef and hamza forms, taa marbuta, alef maqsura, Kurdish/Arabic keyboard letters); Arabic-Indic digits as ASCII;
    /// lower case. The language is guessed from the script. Exposed for tests and display.</summary>
    public static string Normalise(string text) => Normalise(text, GuessLanguage(text));

    /// <summary>As <see cref="Normalise(string)"/>, with the foldings of a known language ("ar", "ckb" or "en").</summary>
    public static string Normalise(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lang = KnownOrGuessed(text, language);
        var map = Maps[lang];
        var withoutLinks = Links().Replace(text, " ");
        if (lang == "ckb")
        {
            // Sorani writes a non-final ە as heh + zero-width non-joiner on some keyboards.
            withoutLinks = withoutLinks.Replace("\u0647\u200C", "\u06D5", StringComparison.Ordinal);
        }

        var result = new StringBuilder(withoutLinks.Length);
        Span<char> utf16 = stackalloc char[2];
        foreach (var rune in withoutLinks.EnumerateRunes())
        {
            if (rune.IsBmp && map.TryGetValue((char)rune.Value, out var to))
            {
                result.Append(to);
                continue;
            }

            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                    or UnicodeCategory.OtherLetter or UnicodeCategory.ModifierLetter:
                    result.Append(utf16[..Rune.ToLowerInvariant(rune).EncodeToUtf16(utf16)]);
                    break;
                case UnicodeCategory.DecimalDigitNumber:
                    var digit = Rune.GetNumericValue(rune);
                    result.Append(digit is >= 0 and <= 9 ? (char)('0' + (int)digit) : ' ');
                    break;
                case UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark
                    or UnicodeCategory.Format:
                    // Diacritics the tables missed, emoji variation selectors and joiners: part of no word.
                    break;
                default:
                    // Punctuation (، ؛ ؟ included), symbols, emoji, spaces: a word boundary.
                    EndWord(result, lang);
                    result.Append(' ');
                    break;
            }
        }

        EndWord(result, lang);

        // Collapse the spaces (in place: the builder is ours).
        var length = 0;
        for (var i = 0; i < result.Length; i++)
        {
            if (result[i] != ' ' || (length > 0 && result[length - 1] != ' '))
            {
                result[length++] = result[i];
            }
        }

        if (length > 0 && result[length - 1] == ' ')
        {
            length--;
        }

        return result.ToString(0, length);
    }

    // A Sorani word-final heh is the vowel ە (Lucene's Sorani normaliser does the same).
    private static void EndWord(StringBuilder result, string language)
    {
        if (language == "ckb" && result.Length > 1 && result[^1] == '\u0647' && result[^2] != ' ')
        {
            result[^1] = '\u06D5';
        }
    }

    /// <summary>The claim's language guessed from its script when the reporter's choice is unknown: "ckb" if
    /// Sorani-only letters (ڕ ڵ ۆ ێ ە ھ) appear, "ar" for other Arabic script, else "en".</summary>
    public static string GuessLanguage(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int arabicScript = 0, latin = 0;
        foreach (var c in Links().Replace(text, " "))
        {
            if (SoraniLetters.Contains(c, StringComparison.Ordinal))
            {
                return "ckb";
            }

            if (c is >= '\u0620' and <= '\u06FF' && char.IsLetter(c))
            {
                arabicScript++;
            }
            else if (char.IsAsciiLetter(c))
            {
                latin++;
            }
        }

        return arabicScript > 0 && arabicScript >= latin ? "ar" : "en";
    }

    /// <summary>The set of features compared: the terms Lucene's analyzer for that language makes of the normalised
    /// text (stemmed, stop words removed), without the words forwarded messages wrap any claim in. A set, so word order
    /// does not matter; one feature per word, so a changed place or party weighs as much as any other word.</summary>
    /// <remarks>The normalised text is analysed word by word, and each word's features are kept (see
    /// <see cref="WordFeatures"/>): the same as analysing the whole text (a test compares the two on the generated
    /// corpus), several times cheaper once the words have been seen.</remarks>
    public static IReadOnlySet<string> Extract(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lang = KnownOrGuessed(text, language);
        var normalised = Normalise(text, lang);
        var features = new HashSet<string>(StringComparer.Ordinal);
        var cache = WordCaches[lang];
        foreach (var range in normalised.AsSpan().Split(' '))
        {
            var word = normalised.AsSpan(range);
            if (word.IsEmpty)
            {
                continue;
            }

            if (!cache.TryGetValue(word, out var wordFeatures))
            {
                wordFeatures = WordFeatures(lang, word.ToString());
            }

            foreach (var feature in wordFeatures)
            {
                features.Add(feature);
            }
        }

        return features;
    }

    /// <summary>As <see cref="Extract"/>, analysing the whole normalised text at once and keeping nothing: what the
    /// word-by-word analysis must equal (for tests).</summary>
    internal static IReadOnlySet<string> ExtractWhole(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lang = KnownOrGuessed(text, language);
        var features = new HashSet<string>(StringComparer.Ordinal);
        foreach (var term in Analyzer.Terms(PortalAnalyzer.QueryField(lang), Normalise(text, lang)))
        {
            if (!Noise.Contains(term))
            {
                features.Add(Concepts.TryGetValue((lang, term), out var concept) ? concept : term);
            }
        }

        return features;
    }

    // The features of one normalised word (none for a stop word or a wrapper word, usually one, more if the tokenizer
    // splits it), kept for the next text that contains it. The analyzers' tokenizer never joins what a space separates
    // and every filter after it (lower case, stop words, normalisation, stemming, possessives) looks at one token at a
    // time, so a text's features are the union of its words'. At most MaxCachedWords words are kept (the
    // vocabulary of rumours is small; the cap bounds what arbitrary input can make the process hold).
    private static string[] WordFeatures(string language, string word)
    {
        var result = new List<string>(1);
        foreach (var term in Analyzer.Terms(PortalAnalyzer.QueryField(language), word))
        {
            if (!Noise.Contains(term))
            {
                var feature = Concepts.TryGetValue((language, term), out var concept) ? concept : term;
                if (!result.Contains(feature))
                {
                    result.Add(feature);
                }
            }
        }

        var features = result.ToArray();
        if (Volatile.Read(ref cachedWords) < MaxCachedWords && WordCaches[language].Dictionary.TryAdd(word, features))
        {
            Interlocked.Increment(ref cachedWords);
        }

        return features;
    }

    private const int MaxCachedWords = 200_000;

    // Words kept, all languages (ConcurrentDictionary.Count would take every lock).
    private static int cachedWords;

    private static readonly Dictionary<string, ConcurrentDictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>>> WordCaches =
        new[] { "ar", "ckb", "en" }.ToDictionary(
            language => language,
            _ => new ConcurrentDictionary<string, string[]>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>());

    private static string KnownOrGuessed(string text, string? language) =>
        language is "ar" or "ckb" or "en" ? language : GuessLanguage(text);

    // Words forwarded messages wrap any claim in ("urgent", "forwarded", "share before it is deleted", "sources
    // confirm", "God protect us"), after analysis. They say nothing about which claim it is, and in a short claim they
    // would otherwise weigh as much as the place or the party. Deliberately short: a word that can carry a claim's
    // content ("before", "news", "people") does not belong here.
    private static readonly HashSet<string> Noise = BuildNoise();

    // Each analysed term of a glossary word, in its language, to its concept ("#" marks a concept: no analysed word
    // starts with one). A term two concepts share stays itself rather than joining either.
    private static readonly Dictionary<(string Language, string Term), string> Concepts = BuildConcepts();

    private static Dictionary<(string, string), string> BuildConcepts()
    {
        var map = new Dictionary<(string, string), string>();
        var clashes = new HashSet<(string, string)>();
        foreach (var (concept, ar, ckb, en) in ElectionGlossary.Entries)
        {
            foreach (var (language, words) in new[] { ("ar", ar), ("ckb", ckb), ("en", en) })
            {
                foreach (var term in Analyzer.Terms(PortalAnalyzer.QueryField(language), Normalise(words, language)))
                {
                    if (Noise.Contains(term))
                    {
                        continue;
                    }

                    if (map.TryGetValue((language, term), out var existing) && existing != "#" + concept)
                    {
                        clashes.Add((language, term));
                    }

                    map[(language, term)] = "#" + concept;
                }
            }
        }

        foreach (var clash in clashes)
        {
            map.Remove(clash);
        }

        return map;
    }

    private static HashSet<string> BuildNoise()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        (string Language, string Words)[] words =
        [
            ("ar", "عاجل عاجلة منقول للأمانة انشر انشروا الحذف مصادر تؤكد الله يستر ارجو"),
            ("ckb", "بەپەلە گرنگ بڵاوی بکەنەوە بڵاوکەنەوە سڕینەوە سەرچاوەکان خوا بپارێزێت"),
            ("en", "urgent breaking share forwarded deleted delete sources confirm pass"),
        ];
        foreach (var (language, list) in words)
        {
            foreach (var term in Analyzer.Terms(PortalAnalyzer.QueryField(language), Normalise(list, language)))
            {
                set.Add(term);
            }
        }

        return set;
    }

    private static Dictionary<char, string> ToMap(IEnumerable<(string From, string To)> pairs)
    {
        var map = new Dictionary<char, string>();
        foreach (var (from, to) in pairs)
        {
            map.TryAdd(from[0], to);
        }

        return map;
    }

    // Links with a scheme or www, and bare short links (bit.ly/…, t.me/…) to the domains rumours travel through.
    [GeneratedRegex(@"(?:https?://|www\.)\S+|\b(?:[a-z0-9-]+\.)+(?:com|net|org|me|ly|iq|io|co|info|tv|gl)\b(?:/\S*)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Links();
}
