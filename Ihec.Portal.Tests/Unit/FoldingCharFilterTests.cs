using Ihec.Portal.Infrastructure.Search;
using Ihec.Portal.Shared.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.CharFilters;
using Lucene.Net.Analysis.TokenAttributes;

namespace Ihec.Portal.Tests.Unit;

/// <summary>
/// The search analysis folds text with <see cref="FoldingCharFilter"/> instead of Lucene's MappingCharFilter (which
/// allocated 18 KB per analysed text). It must give exactly what MappingCharFilter gave with the same foldings: the
/// same folded text and the same offset corrections, so indexes, queries and highlights are unchanged.
/// </summary>
public sealed class FoldingCharFilterTests
{
    public static TheoryData<string, string> Texts()
    {
        var texts = new[]
        {
            "",
            "plain text without anything to fold",
            "الانتخابـــات",                              // tatweel inside a word (three deletions in a row)
            "ـبداية ونهايةـ",                             // deletions at the start and the end
            "مُفَوَّضِيَّةُ الاِنْتِخَابَاتِ",                 // diacritics
            "أإآٱ ى ي ة ه ۀ ک ك ی",                       // letters folded to others, no change in length
            "هەڵبژاردن\u200Cی ٢٠٢٥ ۲۰۲۵",                 // zero-width non-joiner, Arabic-Indic and Persian digits
            "soft\u00ADhyphen and \u200Eمارك\u200F mixed 12 ١٢",
            "\u200C\u200D\u200E\u200F\u061C\u00AD",       // nothing but deletions
            "قـُـرآن ﷲ ﻻ",                                // presentation forms are left alone
        };
        var data = new TheoryData<string, string>();
        foreach (var language in PortalAnalyzer.Languages)
        {
            foreach (var text in texts)
            {
                data.Add(language, text);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Folds_and_corrects_offsets_exactly_as_the_mapping_filter_did(string language, string text)
    {
        var foldings = ScriptFolding.For(language);
        var builder = new NormalizeCharMap.Builder();
        foreach (var (from, to) in foldings)
        {
            builder.Add(from, to);
        }

        using var expected = new MappingCharFilter(builder.Build(), new StringReader(text));
        using var actual = new FoldingCharFilter(new FoldingCharFilter.Table(foldings), new StringReader(text));

        var expectedText = ReadAll(expected);
        var actualText = ReadAll(actual);
        Assert.Equal(expectedText, actualText);
        Assert.Equal(ScriptFolding.Fold(text, language), actualText);
        for (var offset = 0; offset <= actualText.Length; offset++)
        {
            Assert.Equal(expected.CorrectOffset(offset), actual.CorrectOffset(offset));
        }
    }

    /// <summary>Lucene's char filters end with -1 (as in Java), which TextReader.ReadToEnd does not expect.</summary>
    private static string ReadAll(TextReader reader)
    {
        var text = new System.Text.StringBuilder();
        var buffer = new char[7];
        int n;
        while ((n = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            text.Append(buffer, 0, n);
        }

        return text.ToString();
    }

    [Fact]
    public void Reads_in_small_pieces_and_reports_the_end_as_the_mapping_filter_does()
    {
        using var filter = new FoldingCharFilter(new FoldingCharFilter.Table(ScriptFolding.Arabic), new StringReader("أحمـــد ٣"));
        var buffer = new char[2];
        var read = new System.Text.StringBuilder();
        int n;
        while ((n = filter.Read(buffer, 0, buffer.Length)) > 0)
        {
            read.Append(buffer, 0, n);
        }

        Assert.Equal("احمد 3", read.ToString());
        Assert.Equal(-1, n);
        Assert.Equal(-1, filter.Read());
    }

    [Fact]
    public void A_folding_longer_than_one_character_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new FoldingCharFilter.Table([("ab", "c")]));
        Assert.Throws<ArgumentException>(() => new FoldingCharFilter.Table([("a", "bc")]));
    }

    /// <summary>Through the whole analyzer: the highlight offsets of each token point at the original word.</summary>
    [Fact]
    public void Token_offsets_point_into_the_original_text()
    {
        const string text = "نتائج الانتخابـــات في كركوك ٢٠٢٥";
        using var analyzer = new PortalAnalyzer();
        using var stream = analyzer.GetTokenStream("text_ar", text);
        var offsets = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        var words = new List<string>();
        while (stream.IncrementToken())
        {
            words.Add(text[offsets.StartOffset..offsets.EndOffset]);
        }

        stream.End();
        Assert.Contains("الانتخابـــات", words);
        Assert.Contains("كركوك", words);
        Assert.Contains("٢٠٢٥", words);
    }
}
