using System.Collections.Concurrent;
using System.Globalization;
using ICU4N.Globalization;
using Microsoft.Extensions.Localization;
using IcuPluralRules = ICU4N.Text.PluralRules;

namespace Ihec.Portal.Infrastructure.Localisation;

/// <summary>
/// Counted phrases ("3 reports", "بلاغان", "11 بلاغًا") written with the CLDR plural categories of the reader's language:
/// Arabic has six (zero, one, two, few, many, other), Sorani and English two (one, other). The rules are ICU's
/// (ICU4N's <c>PluralRules</c>), never a hand-written <c>count == 1</c>.
/// <para>
/// The one resource format for a counted phrase: a key family <c>Name#category</c>, one value for each category the
/// language has (Arabic <c>Name#zero</c> … <c>Name#other</c>, Sorani and English <c>Name#one</c> and <c>Name#other</c>).
/// <c>{0}</c> is the count, written with <see cref="DisplayFormat.Number(long)"/>; a form may leave it out ("بلاغ واحد").
/// Further placeholders (<c>{1}</c>, …) are the caller's other arguments.
/// </para>
/// </summary>
public static class Plural
{
    /// <summary>Separates a counted phrase's name from its category in a resource key.</summary>
    public const char Separator = '#';

    public static readonly IReadOnlyList<string> AllCategories = ["zero", "one", "two", "few", "many", "other"];

    private static readonly ConcurrentDictionary<string, IcuPluralRules> Rules = new();

    private static IcuPluralRules RulesFor(string language) =>
        Rules.GetOrAdd(Cultures.Normalise(language), l => IcuPluralRules.GetInstance(new UCultureInfo(l)));

    /// <summary>The CLDR category of <paramref name="count"/> in <paramref name="language"/> (<c>ar</c>, <c>ckb</c>, <c>en</c>).</summary>
    public static string Category(string language, long count) => RulesFor(language).Select(count);

    /// <summary>The categories <paramref name="language"/> distinguishes, in CLDR order.</summary>
    public static IReadOnlyList<string> Categories(string language)
    {
        var keywords = RulesFor(language).Keywords;
        return AllCategories.Where(keywords.Contains).ToList();
    }

    /// <summary>The resource key of a counted phrase's form, e.g. <c>ResultCount#few</c>.</summary>
    public static string Key(string name, string category) => name + Separator + category;

    /// <summary>
    /// The counted phrase <paramref name="name"/> for <paramref name="count"/> in the current UI language, with the
    /// count as <c>{0}</c> and <paramref name="more"/> as <c>{1}</c>, <c>{2}</c>, ….
    /// </summary>
    public static string Count(this IStringLocalizer localizer, string name, long count, params object?[] more)
    {
        var language = Cultures.Current;
        var format = localizer[Key(name, Category(language, count))].Value;
        return string.Format(CultureInfo.CurrentCulture, format, [DisplayFormat.Number(count), .. more]);
    }

    /// <summary>
    /// Every form of a counted phrase in the current UI language, by category, for a script that counts in the browser
    /// (it chooses with <c>Intl.PluralRules</c>, the same CLDR rules, and puts the count in place of <c>{0}</c>).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Forms(this IStringLocalizer localizer, string name) =>
        Categories(Cultures.Current).ToDictionary(c => c, c => localizer[Key(name, c)].Value);

    /// <summary>Whether <paramref name="name"/> is a counted phrase (a <c>Name#other</c> form exists).</summary>
    public static bool IsCounted(this IStringLocalizer localizer, string name) => !localizer[Key(name, "other")].ResourceNotFound;

    /// <summary>
    /// A message by key with its arguments, for the generic error paths (field errors, validation, chat errors): a
    /// counted phrase takes its first argument as the count; any other key is formatted as it is.
    /// </summary>
    public static LocalizedString Message(this IStringLocalizer localizer, string key, params object?[] args)
    {
        if (args is [var first, .. var more] && IsCounted(localizer, key)
            && long.TryParse(Convert.ToString(first, CultureInfo.InvariantCulture), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count))
        {
            return new LocalizedString(key, Count(localizer, key, count, more));
        }

        return localizer[key, args!];
    }
}
