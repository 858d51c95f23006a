using Ihec.Portal.Shared.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Ar;
using Lucene.Net.Analysis.CharFilters;
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
    private readonly NormalizeCharMap arabicMap = Build(ScriptFolding.Arabic);
    private readonly NormalizeCharMap soraniMap = Build(ScriptFolding.Sorani);
    private readonly NormalizeCharMap latinMap = Build(ScriptFolding.Latin);

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

    protected override TextReader WrapReader(string fieldName, TextReader reader) =>
        new MappingCharFilter(LanguageOf(fieldName) switch { "ckb" => soraniMap, "en" => latinMap, _ => arabicMap }, reader);

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

    private static NormalizeCharMap Build(IEnumerable<(string From, string To)> pairs)
    {
        var builder = new NormalizeCharMap.Builder();
        foreach (var (from, to) in pairs)
        {
            builder.Add(from, to);
        }

        return builder.Build();
    }
}
