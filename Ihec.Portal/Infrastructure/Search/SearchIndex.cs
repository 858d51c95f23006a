using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Ihec.Portal.Infrastructure.Search;

/// <summary>The shared full-text index: what modules write to when they publish, and what search pages query.</summary>
public interface ISearchIndex
{
    /// <summary>True when the index was missing at start-up and has not been rebuilt yet.</summary>
    bool NeedsRebuild { get; }

    Task UpsertAsync(SearchDocument document, CancellationToken cancellationToken = default);
    Task DeleteAsync(string source, string key, CancellationToken cancellationToken = default);
    Task<int> RebuildAsync(CancellationToken cancellationToken = default);
    SearchResults Search(SearchRequest request);
}

/// <summary>
/// Lucene.NET index in <see cref="PortalPaths.IndexFolder"/>. One writer for the process; readers are refreshed after each commit, so
/// a search right after a publish sees it. Text is stored per language (<c>title_ar</c>, <c>body_ckb</c>, …) and
/// analysed by that language's analyzer; a query is analysed once per language and searched in that language's fields.
/// </summary>
public sealed class LuceneSearchIndex : ISearchIndex, IDisposable
{
    // Bump when fields or analysis change: a new folder means a fresh rebuild at start-up.
    private const string SchemaFolder = "v3";
    private const int SnippetLength = 220;
    private const int MaxFacetValues = 50;

    // Text fields keep term vectors with offsets, so snippets are cut from where the index says the words are,
    // without analysing the stored text again for every hit.
    private static readonly FieldType TextWithOffsets = CreateTextType();

    private readonly LuceneDirectory directory;
    private readonly PortalAnalyzer analyzer = new();
    private readonly IndexWriter writer;
    private readonly SearcherManager searchers;
    private readonly IEnumerable<ISearchSource> sources;
    private readonly ILogger<LuceneSearchIndex> logger;
    private readonly SemaphoreSlim writeLock = new(1, 1);

    /// <summary>The index in its schema folder under <see cref="PortalPaths.IndexFolder"/>; one that cannot be opened is moved aside (<see cref="DerivedIndex"/>).</summary>
    public LuceneSearchIndex(PortalPaths paths, IEnumerable<ISearchSource> sources, ILogger<LuceneSearchIndex> logger)
        : this(config => DerivedIndex.Open(Path.Combine(paths.IndexFolder, SchemaFolder), config, logger), sources, logger)
    {
    }

    public LuceneSearchIndex(LuceneDirectory directory, IEnumerable<ISearchSource> sources, ILogger<LuceneSearchIndex> logger)
        : this(config => DerivedIndex.OpenOnce(directory, config), sources, logger)
    {
    }

    private LuceneSearchIndex(Func<Func<IndexWriterConfig>, OpenedIndex> open, IEnumerable<ISearchSource> sources, ILogger<LuceneSearchIndex> logger)
    {
        this.sources = sources;
        this.logger = logger;
        var opened = open(() => new IndexWriterConfig(PortalAnalyzer.Version, analyzer) { OpenMode = OpenMode.CREATE_OR_APPEND, RAMBufferSizeMB = 64 });
        directory = opened.Directory;
        writer = opened.Writer;
        searchers = opened.Searchers;
        NeedsRebuild = opened.WasMissing;
        WasMovedAside = opened.MovedTo is not null;
    }

    /// <summary>The index found at start could not be opened and was moved aside: this one starts empty.</summary>
    public bool WasMovedAside { get; }

    public bool NeedsRebuild { get; private set; }

    public async Task UpsertAsync(SearchDocument document, CancellationToken cancellationToken = default)
    {
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            writer.UpdateDocument(new Term("id", document.Id), ToLucene(document));
            CommitAndRefresh();
        }
        finally
        {
            writeLock.Release();
        }
    }

    public async Task DeleteAsync(string source, string key, CancellationToken cancellationToken = default)
    {
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            writer.DeleteDocuments(new Term("id", source + ":" + key));
            CommitAndRefresh();
        }
        finally
        {
            writeLock.Release();
        }
    }

    public async Task<int> RebuildAsync(CancellationToken cancellationToken = default)
    {
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            writer.DeleteAll();
            var count = 0;
            foreach (var source in sources)
            {
                await foreach (var document in source.ReadAllAsync(cancellationToken))
                {
                    writer.AddDocument(ToLucene(document));
                    count++;
                }
            }

            CommitAndRefresh();
            NeedsRebuild = false;
            logger.LogInformation("Search index rebuilt with {Count} documents in {Elapsed}", count,
                System.Diagnostics.Stopwatch.GetElapsedTime(started));
            return count;
        }
        finally
        {
            writeLock.Release();
        }
    }

    public SearchResults Search(SearchRequest request)
    {
        var (query, termsByLanguage, canRelax) = BuildQuery(request, requireAll: true);
        if (query is null)
        {
            return SearchResults.Empty;
        }

        var searcher = searchers.Acquire();
        try
        {
            var results = Run(searcher, query, request, termsByLanguage, true);
            if (results.Total == 0 && canRelax)
            {
                // Nothing has every word: show what has some of them, and say so.
                var (relaxed, terms, _) = BuildQuery(request, requireAll: false);
                results = Run(searcher, relaxed!, request, terms, false);
            }

            return results;
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    private SearchResults Run(IndexSearcher searcher, Query query, SearchRequest request,
        Dictionary<string, HashSet<string>> termsByLanguage, bool matchedAll)
    {
        var top = TopScoreDocCollector.Create(Math.Max(1, request.Skip + request.Take), true);
        var facets = new FacetCollector(request.FacetNames);
        searcher.Search(query, MultiCollector.Wrap(top, facets));
        var docs = top.GetTopDocs(request.Skip, request.Take);
        var hits = new List<SearchHit>();
        foreach (var scoreDoc in docs.ScoreDocs)
        {
            hits.Add(ToHit(searcher.IndexReader, scoreDoc.Doc, scoreDoc.Score, request.PreferredLanguage, termsByLanguage));
        }

        return new SearchResults(hits, docs.TotalHits, facets.Result(), matchedAll);
    }

    private (Query? Query, Dictionary<string, HashSet<string>> Terms, bool CanRelax) BuildQuery(SearchRequest request, bool requireAll)
    {
        var termsByLanguage = new Dictionary<string, HashSet<string>>();
        var languages = new BooleanQuery();
        var longest = 0;
        foreach (var language in PortalAnalyzer.Languages)
        {
            var terms = analyzer.Terms(PortalAnalyzer.QueryField(language), request.Text ?? "");
            termsByLanguage[language] = [.. terms];
            longest = Math.Max(longest, terms.Count);
            if (terms.Count == 0)
            {
                continue;
            }

            var group = new BooleanQuery();
            foreach (var term in terms)
            {
                var either = new BooleanQuery
                {
                    { new TermQuery(new Term("title_" + language, term)) { Boost = 3f }, Occur.SHOULD },
                    { new TermQuery(new Term("body_" + language, term)), Occur.SHOULD },
                };
                group.Add(either, requireAll ? Occur.MUST : Occur.SHOULD);
            }

            languages.Add(group, Occur.SHOULD);
        }

        if (longest == 0)
        {
            return (null, termsByLanguage, requireAll);
        }

        var query = new BooleanQuery { { languages, Occur.MUST } };
        if (request.Source is not null)
        {
            query.Add(new TermQuery(new Term("source", request.Source)), Occur.MUST);
        }

        foreach (var (name, value) in request.Filters)
        {
            query.Add(new TermQuery(new Term("f_" + name, value)), Occur.MUST);
        }

        // With one word there is nothing to relax.
        return (query, termsByLanguage, requireAll && longest > 1);
    }

    private SearchHit ToHit(IndexReader reader, int docId, float score, string preferred, Dictionary<string, HashSet<string>> termsByLanguage)
    {
        var doc = reader.Document(docId);
        // One read decodes every field's vector of the document; asking per field would decode them all each time.
        var vectors = reader.GetTermVectors(docId);
        // Show the language the item matched best in, preferring the reader's language, then Arabic.
        string? bestLanguage = null;
        var bestCount = -1;
        IReadOnlyList<SnippetPart> bestSnippet = [];
        foreach (var language in doc.GetValues("lang").OrderBy(l => l == preferred ? 0 : l == "ar" ? 1 : 2))
        {
            var terms = termsByLanguage.GetValueOrDefault(language) ?? [];
            var titleMatches = Offsets(vectors, "title_" + language, terms).Count;
            var bodyMatches = Offsets(vectors, "body_" + language, terms);
            if (titleMatches + bodyMatches.Count > bestCount)
            {
                bestCount = titleMatches + bodyMatches.Count;
                bestLanguage = language;
                bestSnippet = Snippet(doc.Get("body_" + language) ?? "", bodyMatches);
            }
        }

        bestLanguage ??= "ar";
        var date = long.TryParse(doc.Get("date"), out var ticks) ? new DateTimeOffset(ticks, TimeSpan.Zero) : DateTimeOffset.MinValue;
        return new SearchHit(doc.Get("id"), doc.Get("source"), doc.Get("key"), doc.Get("url"), bestLanguage,
            doc.Get("title_" + bestLanguage) ?? "", bestSnippet, score, date);
    }

    /// <summary>A window of the body around its densest run of matching words, as plain and highlighted pieces.</summary>
    internal static IReadOnlyList<SnippetPart> Snippet(string body, List<(int Start, int End)> matches, int length = SnippetLength)
    {
        if (body.Length == 0)
        {
            return [];
        }

        if (matches.Count == 0)
        {
            return [new SnippetPart(Trim(body, 0, length), false)];
        }

        // The window that holds the most matches.
        var bestStart = matches[0].Start;
        var bestCount = 0;
        for (var i = 0; i < matches.Count; i++)
        {
            var count = 0;
            for (var j = i; j < matches.Count && matches[j].End <= matches[i].Start + length; j++)
            {
                count++;
            }

            if (count > bestCount)
            {
                bestCount = count;
                bestStart = matches[i].Start;
            }
        }

        var start = Math.Max(0, bestStart - 40);
        while (start > 0 && !char.IsWhiteSpace(body[start - 1]))
        {
            start--;
        }

        var end = Math.Min(body.Length, start + length);
        while (end < body.Length && !char.IsWhiteSpace(body[end]) && end - start < length + 30)
        {
            end++;
        }

        var parts = new List<SnippetPart>();
        if (start > 0)
        {
            parts.Add(new SnippetPart("… ", false));
        }

        var position = start;
        foreach (var match in matches.Where(m => m.Start >= start && m.End <= end && m.End <= body.Length))
        {
            if (match.Start < position)
            {
                continue;
            }

            if (match.Start > position)
            {
                parts.Add(new SnippetPart(Clean(body[position..match.Start]), false));
            }

            parts.Add(new SnippetPart(body[match.Start..match.End], true));
            position = match.End;
        }

        if (position < end)
        {
            parts.Add(new SnippetPart(Clean(body[position..end]), false));
        }

        if (end < body.Length)
        {
            parts.Add(new SnippetPart(" …", false));
        }

        return parts;
    }

    private static string Clean(string text) => text.Replace('\n', ' ').Replace('\r', ' ');

    private static string Trim(string text, int start, int length)
    {
        var end = Math.Min(text.Length, start + length);
        return Clean(text[start..end]) + (end < text.Length ? " …" : "");
    }

    private static Document ToLucene(SearchDocument item)
    {
        var doc = new Document
        {
            new StringField("id", item.Id, Field.Store.YES),
            new StringField("source", item.Source, Field.Store.YES),
            new StringField("key", item.Key, Field.Store.YES),
            new StoredField("url", item.Url),
            new StoredField("date", item.Date.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        foreach (var text in item.Texts)
        {
            if (!PortalAnalyzer.Languages.Contains(text.Language))
            {
                continue;
            }

            doc.Add(new StringField("lang", text.Language, Field.Store.YES));
            doc.Add(new Field("title_" + text.Language, text.Title, TextWithOffsets));
            doc.Add(new Field("body_" + text.Language, text.Body, TextWithOffsets));
        }

        foreach (var (name, values) in item.Facets)
        {
            foreach (var value in values.Distinct())
            {
                doc.Add(new StringField("f_" + name, value, Field.Store.YES));
                doc.Add(new SortedSetDocValuesField("f_" + name, new BytesRef(value)));
            }
        }

        return doc;
    }

    private static FieldType CreateTextType()
    {
        var type = new FieldType(TextField.TYPE_STORED)
        {
            StoreTermVectors = true,
            StoreTermVectorPositions = true,
            StoreTermVectorOffsets = true,
        };
        type.Freeze();
        return type;
    }

    /// <summary>Where the query's terms occur in one field of one document, from its term vector.</summary>
    private static List<(int Start, int End)> Offsets(Fields? vectors, string field, HashSet<string> terms)
    {
        var offsets = new List<(int, int)>();
        var vector = vectors?.GetTerms(field);
        if (vector is null || terms.Count == 0)
        {
            return offsets;
        }

        var termsEnum = vector.GetEnumerator();
        foreach (var term in terms)
        {
            if (!termsEnum.SeekExact(new BytesRef(term)))
            {
                continue;
            }

            var positions = termsEnum.DocsAndPositions(null, null, DocsAndPositionsFlags.OFFSETS);
            if (positions is null || positions.NextDoc() == DocIdSetIterator.NO_MORE_DOCS)
            {
                continue;
            }

            for (var i = 0; i < positions.Freq; i++)
            {
                positions.NextPosition();
                if (positions.StartOffset >= 0)
                {
                    offsets.Add((positions.StartOffset, positions.EndOffset));
                }
            }
        }

        offsets.Sort();
        return offsets;
    }

    private void CommitAndRefresh()
    {
        writer.Commit();
        searchers.MaybeRefreshBlocking();
    }

    public void Dispose()
    {
        searchers.Dispose();
        writer.Dispose();
        analyzer.Dispose();
        directory.Dispose();
        writeLock.Dispose();
    }

    /// <summary>Counts facet values over every match (not just the page shown), from doc values.</summary>
    private sealed class FacetCollector(IReadOnlyList<string> names) : ICollector
    {
        private readonly Dictionary<string, Dictionary<string, int>> counts = names.ToDictionary(n => n, _ => new Dictionary<string, int>());
        private readonly Dictionary<string, (SortedSetDocValues Values, Dictionary<long, int> Ords)> segment = [];

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer)
        {
        }

        public void SetNextReader(AtomicReaderContext context)
        {
            Flush();
            foreach (var name in names)
            {
                var values = context.AtomicReader.GetSortedSetDocValues("f_" + name);
                if (values is not null)
                {
                    segment[name] = (values, new Dictionary<long, int>());
                }
            }
        }

        public void Collect(int doc)
        {
            foreach (var (_, (values, ords)) in segment)
            {
                values.SetDocument(doc);
                long ord;
                while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
                {
                    ords[ord] = ords.GetValueOrDefault(ord) + 1;
                }
            }
        }

        private void Flush()
        {
            var scratch = new BytesRef();
            foreach (var (name, (values, ords)) in segment)
            {
                foreach (var (ord, count) in ords)
                {
                    values.LookupOrd(ord, scratch);
                    var value = scratch.Utf8ToString();
                    counts[name][value] = counts[name].GetValueOrDefault(value) + count;
                }
            }

            segment.Clear();
        }

        public IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Result()
        {
            Flush();
            return counts.ToDictionary(c => c.Key, c => (IReadOnlyList<FacetCount>)c.Value
                .OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal)
                .Take(MaxFacetValues).Select(v => new FacetCount(v.Key, v.Value)).ToList());
        }
    }
}
