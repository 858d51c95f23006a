using Ihec.Portal.Shared.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Ar;
using Lucene.Net.Analysis.Ckb;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Ihec.Portal.Infrastructure.Search;

/// <summary>
/// Analyses each field with its language's Lucene analyzer (fields end in <c>_ar</c>, <c>_ckb</c>, <c>_en</c>),
/// after a character filter with that language's extra foldings (<see cref="ScriptFolding"/>). The filter corrects
/// offsets, so highlights point into the original, unfolded text.
/// </summary>
public sealed class PortalAnalyzer : AnalyzerWrapper
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    public static readonly IReadOnlyList<string> Languages = ["ar", "ckb", "en"];

    private readonly Analyzer arabic = new ArabicAnalyzer(Version);
    private readonly Analyzer sorani = new SoraniAnalyzer(Version);
    private readonly Analyzer english = new EnglishAnalyzer(Version);
    private static readonly FoldingCharFilter.Table ArabicFolding = new(ScriptFolding.Arabic);
    private static readonly FoldingCharFilter.Table SoraniFolding = new(ScriptFolding.Sorani);
    private static readonly FoldingCharFilter.Table LatinFolding = new(ScriptFolding.Latin);

    public PortalAnalyzer() : base(PER_FIELD_REUSE_STRATEGY)
    {
    }

    public static string LanguageOf(string fieldName) =>
        fieldName.EndsWith("_ckb", StringComparison.Ordinal) ? "ckb"
        : fieldName.EndsWith("_en", StringComparison.Ordinal) ? "en"
        : "ar";

    protected override Analyzer GetWrappedAnalyzer(string fieldName) => LanguageOf(fieldName) switch
    {
        "ckb" => sorani,
        "en" => english,
        _ => arabic,
    };

    /// <summary>The pseudo-field a query in <paramref name="language"/> is analysed as (no index-time expansions).</summary>
    public static string QueryField(string language) => "q_" + language;

    // Arabic text is indexed with one more form per word: without a single-letter proclitic (ب ل ك ف), which the light
    // stemmer leaves because it cannot tell them from root letters. "لانتخابات" is then found by "انتخابات", and
    // "بمستوى" by "مستوى"; queries are analysed without the expansion, so they stay as precise as they were.
    protected override TokenStreamComponents WrapComponents(string fieldName, TokenStreamComponents components) =>
        LanguageOf(fieldName) == "ar" && !fieldName.StartsWith("q_", StringComparison.Ordinal)
            ? new TokenStreamComponents(components.Tokenizer, new ArabicProcliticFilter(components.TokenStream))
            : components;

    protected override TextReader WrapReader(string fieldName, TextReader reader) =>
        new FoldingCharFilter(LanguageOf(fieldName) switch { "ckb" => SoraniFolding, "en" => LatinFolding, _ => ArabicFolding }, reader);

    /// <summary>The distinct terms <paramref name="text"/> becomes in <paramref name="field"/>.</summary>
    public IReadOnlyList<string> Terms(string field, string text)
    {
        var terms = new List<string>();
        using var stream = GetTokenStream(field, new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var value = term.ToString();
            if (!terms.Contains(value))
            {
                terms.Add(value);
            }
        }

        stream.End();
        return terms;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            arabic.Dispose();
            sorani.Dispose();
            english.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>After each Arabic stem of four letters or more that starts with ب, ل, ك or ف, adds the stem without that letter at the same position.</summary>
internal sealed class ArabicProcliticFilter : TokenFilter
{
    private readonly ICharTermAttribute term;
    private readonly IPositionIncrementAttribute position;
    private State? pending;
    private string? pendingText;

    public ArabicProcliticFilter(TokenStream input) : base(input)
    {
        term = AddAttribute<ICharTermAttribute>();
        position = AddAttribute<IPositionIncrementAttribute>();
    }

    public override bool IncrementToken()
    {
        if (pendingText is not null)
        {
            RestoreState(pending);
            term.SetEmpty().Append(pendingText);
            position.PositionIncrement = 0;
            pendingText = null;
            return true;
        }

        if (!m_input.IncrementToken())
        {
            return false;
        }

        if (term.Length >= 4 && term.Buffer[0] is '\u0628' or '\u0644' or '\u0643' or '\u0641')
        {
            pendingText = new string(term.Buffer, 1, term.Length - 1);
            pending = CaptureState();
        }

        return true;
    }

    public override void Reset()
    {
        base.Reset();
        pending = null;
        pendingText = null;
    }
}
