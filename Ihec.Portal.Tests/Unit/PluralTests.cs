using System.Text.RegularExpressions;
using System.Xml.Linq;
using Ihec.Portal.Infrastructure.Localisation;
using Ihec.Portal.Tests.Infrastructure;

namespace Ihec.Portal.Tests.Unit;

/// <summary>
/// Counted phrases (issue #19 item 7): the CLDR plural categories of each language, every counted phrase in the
/// resources written as a <c>Name#category</c> family with each language's forms, and no count written without them.
/// </summary>
public sealed partial class PluralTests
{
    /// <summary>CLDR's own examples (plurals.xml, @integer samples) for Arabic, Sorani and English.</summary>
    [Theory]
    [InlineData("ar", "zero", new long[] { 0 })]
    [InlineData("ar", "one", new long[] { 1 })]
    [InlineData("ar", "two", new long[] { 2 })]
    [InlineData("ar", "few", new long[] { 3, 4, 5, 10, 103, 110, 1003 })]
    [InlineData("ar", "many", new long[] { 11, 12, 26, 99, 111, 1011 })]
    [InlineData("ar", "other", new long[] { 100, 101, 102, 200, 202, 300, 1000, 10000 })]
    [InlineData("ckb", "one", new long[] { 1 })]
    [InlineData("ckb", "other", new long[] { 0, 2, 3, 11, 16, 100, 1000 })]
    [InlineData("en", "one", new long[] { 1 })]
    [InlineData("en", "other", new long[] { 0, 2, 3, 11, 16, 100, 1000 })]
    public void Categories_follow_the_CLDR_examples(string language, string category, long[] counts)
    {
        Assert.All(counts, n => Assert.Equal(category, Plural.Category(language, n)));
    }

    [Fact]
    public void Arabic_has_six_categories_sorani_and_english_two()
    {
        Assert.Equal(["zero", "one", "two", "few", "many", "other"], Plural.Categories("ar"));
        Assert.Equal(["one", "other"], Plural.Categories("ckb"));
        Assert.Equal(["one", "other"], Plural.Categories("en"));
    }

    [Fact]
    public void Every_counted_phrase_has_exactly_the_forms_of_each_language()
    {
        var problems = new List<string>();
        foreach (var (set, language, keys) in ResourceFiles())
        {
            var families = keys.Where(k => k.Contains(Plural.Separator)).GroupBy(k => k[..k.IndexOf(Plural.Separator)]);
            foreach (var family in families)
            {
                var categories = family.Select(k => k[(k.IndexOf(Plural.Separator) + 1)..]).Order().ToList();
                var expected = Plural.Categories(language).Order().ToList();
                if (!categories.SequenceEqual(expected))
                {
                    problems.Add($"{set} ({language}) {family.Key}: has {string.Join(",", categories)}, needs {string.Join(",", expected)}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// "1 reports", "2 ردًا مطابقًا": a placeholder followed by a plural noun in the English text is a count, and must be
    /// a counted phrase (a Name#category family) so every language chooses its form by the count.
    /// </summary>
    [Fact]
    public void No_count_in_the_resources_is_written_without_the_plural_rules()
    {
        var problems = new List<string>();
        foreach (var (set, language, keys) in ResourceFiles().Where(f => f.Language == "en"))
        {
            foreach (var (key, value) in Values(set, language))
            {
                if (!key.Contains(Plural.Separator) && CountedNoun().Matches(value).Any(m => !NotNouns.Contains(m.Groups["word"].Value)))
                {
                    problems.Add($"{set}: {key} = {value}");
                }
            }
        }

        Assert.True(problems.Count == 0, "Counts written without Plural (make them Name#one/Name#other … with tools/addtext.py):\n" + string.Join("\n", problems));
    }

    /// <summary>The scan above catches the kind of text the issue found.</summary>
    [Theory]
    [InlineData("{0} reports from {1} organisations")]
    [InlineData("Up to {0} files: photos")]
    [InlineData("At most {0} characters.")]
    [InlineData("{0} accredited organisations")]
    public void The_resource_scan_recognises_a_count_without_plural_forms(string text)
    {
        Assert.Contains(CountedNoun().Matches(text), m => !NotNouns.Contains(m.Groups["word"].Value));
    }

    /// <summary>No page chooses a resource by <c>count == 1</c>; and every counted phrase the code asks for exists.</summary>
    [Fact]
    public void The_code_counts_only_through_Plural_and_asks_for_phrases_that_exist()
    {
        var families = ResourceFiles().SelectMany(f => f.Keys).Where(k => k.Contains(Plural.Separator))
            .Select(k => k[..k.IndexOf(Plural.Separator)]).ToHashSet();
        var problems = new List<string>();
        foreach (var file in Directory.EnumerateFiles(SourceTree.Portal, "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in KeyChosenByOne().Matches(text))
            {
                problems.Add($"{Path.GetRelativePath(SourceTree.Portal, file)}: chooses a text by count == 1: {m.Value}");
            }

            foreach (Match m in CountedUse().Matches(text))
            {
                if (!families.Contains(m.Groups["name"].Value))
                {
                    problems.Add($"{Path.GetRelativePath(SourceTree.Portal, file)}: no counted phrase '{m.Groups["name"].Value}#…' in the resources");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static readonly HashSet<string> NotNouns = ["is", "was", "has", "does", "appears", "leads", "exceeds", "this", "its", "as", "us"];

    private static IEnumerable<(string Set, string Language, List<string> Keys)> ResourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(SourceTree.Portal, "Resources"), "*.resx", SearchOption.AllDirectories).Select(file =>
        {
            var name = Path.GetRelativePath(Path.Combine(SourceTree.Portal, "Resources"), file)[..^".resx".Length];
            var language = name.EndsWith(".ckb", StringComparison.Ordinal) ? "ckb" : name.EndsWith(".en", StringComparison.Ordinal) ? "en" : "ar";
            var set = language == "ar" ? name : name[..name.LastIndexOf('.')];
            return (set, language, Values(set, language).Select(v => v.Key).ToList());
        });

    private static IEnumerable<(string Key, string Value)> Values(string set, string language) =>
        XDocument.Load(Path.Combine(SourceTree.Portal, "Resources", set + (language == "ar" ? "" : "." + language) + ".resx")).Root!
            .Elements("data").Select(d => ((string)d.Attribute("name")!, d.Element("value")?.Value ?? ""));

    // A format item, then up to two words, then a word ending in s: "{0} reports", "{0} matching messages".
    [GeneratedRegex(@"\{\d+(?::[^}]*)?\}\s+(?:[a-z]+\s+){0,2}?(?<word>[a-z]+s)\b")]
    private static partial Regex CountedNoun();

    [GeneratedRegex(@"\[\s*[\w.]+\s*==\s*1\s*\?\s*""")]
    private static partial Regex KeyChosenByOne();

    [GeneratedRegex(@"(?:\.Count|\.Forms|Plural\.Count\(\s*\w+,)\(?\s*""(?<name>[A-Za-z_]+)""")]
    private static partial Regex CountedUse();
}
