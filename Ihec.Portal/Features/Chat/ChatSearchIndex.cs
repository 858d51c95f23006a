using System.Globalization;
using Ihec.Portal.Infrastructure;
using Ihec.Portal.Infrastructure.Search;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Ihec.Portal.Features.Chat;

/// <summary>How transcript search results are ordered.</summary>
public enum ChatSearchOrder
{
    /// <summary>Best matches first (then newest).</summary>
    Relevance,
    Newest,
}

/// <summary>One message found in the transcript index.</summary>
public sealed record ChatIndexHit(Guid MessageId, Guid ConversationId, long Sequence, bool FromIhec, ChatMessageKind Kind, string AuthorName,
    IReadOnlyList<SnippetPart> Snippet, DateTimeOffset CreatedAt);

/// <summary>A page of transcript search results and how many messages matched in all.</summary>
public sealed record ChatIndexResults(IReadOnlyList<ChatIndexHit> Hits, int Total)
{
    public static readonly ChatIndexResults Empty = new([], 0);
}

/// <summary>
/// The full-text index of chat messages and private notes, for the media unit's transcript search. Its own Lucene folder
/// (<c>chat-v1</c> under <see cref="PortalPaths.IndexFolder"/>), never the public search index, so no transcript can
/// appear in public search. Each message's text is analysed in Arabic, Sorani and English (<see cref="PortalAnalyzer"/>:
/// folding, stop words, stemming), as the library is; a query matches when every word matches in one of the three.
/// Written only by <see cref="ChatSearchIndexer"/>, which tails the messages table; how far it got (its watermark)
/// is kept in each commit's user data, so a restart continues where it stopped and a missing folder is a full rebuild.
/// </summary>
public sealed class ChatSearchIndex : IDisposable
{
    /// <summary>Bump when fields or analysis change: a new folder means a rebuild from the first message.</summary>
    public const string SchemaFolder = "chat-v1";

    private const string WatermarkKey = "watermark";
    private const int SnippetLength = 220;

    private readonly LuceneDirectory directory;
    private readonly PortalAnalyzer analyzer = new();
    private readonly IndexWriter writer;
    private readonly SearcherManager searchers;
    private readonly MessageFields fields = new();

    /// <summary>The index in its schema folder under <see cref="PortalPaths.IndexFolder"/>; one that cannot be opened is moved aside (<see cref="DerivedIndex"/>).</summary>
    public ChatSearchIndex(PortalPaths paths, ILogger<ChatSearchIndex> logger)
        : this(config => DerivedIndex.Open(Path.Combine(paths.IndexFolder, SchemaFolder), config, logger))
    {
    }

    public ChatSearchIndex(LuceneDirectory directory)
        : this(config => DerivedIndex.OpenOnce(directory, config))
    {
    }

    private ChatSearchIndex(Func<Func<IndexWriterConfig>, OpenedIndex> open)
    {
        var opened = open(() => new IndexWriterConfig(PortalAnalyzer.Version, analyzer)
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            // Merges run on the indexer's own low-priority thread, not on the thread pool.
            MergeScheduler = new SerialMergeScheduler(),
            // Merging rewrites every message it takes in, and was most of what indexing allocated (Lucene.NET: about
            // 13 KB per message per merge). Wider tiers merge each message fewer times, for a few more segments to search:
            // with a segment every 30 s (ChatSearchIndexer.CommitInterval) indexing allocates 11 KB per message in all,
            // against 17 KB with the default tiers of 10 and 36 KB with a segment every 5 s (bench/README.md, stop 15).
            MergePolicy = new TieredMergePolicy { SegmentsPerTier = 30, MaxMergeAtOnce = 30 },
        });
        directory = opened.Directory;
        writer = opened.Writer;
        searchers = opened.Searchers;
        WasMissing = opened.WasMissing;
        WasMovedAside = opened.MovedTo is not null;
        if (!WasMissing && opened.CommitData.TryGetValue(WatermarkKey, out var stored)
            && long.TryParse(stored, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
        {
            Watermark = new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>The index found at start could not be opened and was moved aside: this one starts empty (<see cref="WasMissing"/> is true too).</summary>
    public bool WasMovedAside { get; }

    /// <summary>True when there was no index in the folder at start (first start, new schema, deleted folder).</summary>
    public bool WasMissing { get; }

    /// <summary>The newest <see cref="ChatMessage.CreatedAt"/> indexed and committed, or null for an empty index.</summary>
    public DateTimeOffset? Watermark { get; private set; }

    /// <summary>How many messages the index holds.</summary>
    public int Count
    {
        get
        {
            var searcher = searchers.Acquire();
            try
            {
                return searcher.IndexReader.NumDocs;
            }
            finally
            {
                searchers.Release(searcher);
            }
        }
    }

    /// <summary>Adds the messages (or replaces them, by id); nothing is visible to searches until <see cref="Commit"/>.</summary>
    internal void Add(IEnumerable<ChatMessage> messages)
    {
        lock (fields)
        {
            foreach (var message in messages)
            {
                var doc = fields.Of(message);
                writer.UpdateDocument(new Term("id", fields.Id.GetStringValue()), doc);
            }
        }
    }

    /// <summary>Moves the watermark in memory (what the next pass continues from); what was added is not searchable yet.</summary>
    internal void Advance(DateTimeOffset watermark) => Watermark = watermark;

    /// <summary>Lets searches see what was added (a near-real-time reader: no disk sync, but a new segment).</summary>
    internal void Refresh() => searchers.MaybeRefreshBlocking();

    /// <summary>Commits what was added with the new watermark (synced to disk: a restart continues from here), and lets searches see it.</summary>
    internal void Commit(DateTimeOffset watermark)
    {
        writer.SetCommitData(new Dictionary<string, string> { [WatermarkKey] = watermark.UtcTicks.ToString(CultureInfo.InvariantCulture) });
        writer.Commit();
        Watermark = watermark;
        Committed = watermark;
        searchers.MaybeRefreshBlocking();
    }

    /// <summary>The watermark of the last commit: what a restart continues from.</summary>
    internal DateTimeOffset? Committed { get; private set; }

    /// <summary>Commits what was added since the last commit, if anything, and lets searches see it.</summary>
    internal void CommitPublished()
    {
        if (Watermark is { } watermark && (watermark != Committed || writer.HasUncommittedChanges()))
        {
            Commit(watermark);
        }
    }

    public ChatIndexResults Search(string? text, ChatSearchOrder order, int skip, int take)
    {
        var termsByLanguage = PortalAnalyzer.Languages.ToDictionary(l => l, l => analyzer.Terms(PortalAnalyzer.QueryField(l), text ?? ""));
        var languages = new BooleanQuery();
        foreach (var (language, terms) in termsByLanguage.Where(t => t.Value.Count > 0))
        {
            var all = new BooleanQuery();
            foreach (var term in terms)
            {
                all.Add(new TermQuery(new Term("text_" + language, term)), Occur.MUST);
            }

            languages.Add(all, Occur.SHOULD);
        }

        if (languages.Clauses.Count == 0 || take <= 0)
        {
            return ChatIndexResults.Empty;
        }

        var searcher = searchers.Acquire();
        try
        {
            var wanted = Math.Max(1, skip + take);
            var newest = new SortField("created", SortFieldType.INT64, reverse: true);
            var sort = order == ChatSearchOrder.Newest ? new Sort(newest) : new Sort(SortField.FIELD_SCORE, newest);
            var top = searcher.Search(languages, null, wanted, sort, doDocScores: false, doMaxScore: false);
            var hits = top.ScoreDocs.Skip(skip).Select(d => ToHit(searcher.Doc(d.Doc), termsByLanguage)).ToList();
            return new ChatIndexResults(hits, top.TotalHits);
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    private ChatIndexHit ToHit(Document doc, Dictionary<string, IReadOnlyList<string>> termsByLanguage)
    {
        var text = doc.Get("text") ?? "";
        // The excerpt from the language whose analysis found the most matches (Arabic first on a tie).
        var matches = PortalAnalyzer.Languages.Select(l => Offsets("text_" + l, text, termsByLanguage[l]))
            .OrderByDescending(m => m.Count).First();
        return new ChatIndexHit(Guid.Parse(doc.Get("id")), Guid.Parse(doc.Get("conversation")),
            long.Parse(doc.Get("seq"), CultureInfo.InvariantCulture), doc.Get("ihec") == "1",
            Enum.TryParse<ChatMessageKind>(doc.Get("kind"), out var kind) ? kind : ChatMessageKind.Message, doc.Get("author") ?? "",
            LuceneSearchIndex.Snippet(text, matches, SnippetLength),
            new DateTimeOffset(long.Parse(doc.Get("created"), CultureInfo.InvariantCulture), TimeSpan.Zero));
    }

    /// <summary>Where the terms occur in the text as the field analyses it (offsets into the original, unfolded text).</summary>
    private List<(int Start, int End)> Offsets(string field, string text, IReadOnlyList<string> terms)
    {
        var offsets = new List<(int, int)>();
        if (terms.Count == 0)
        {
            return offsets;
        }

        using var stream = analyzer.GetTokenStream(field, new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            if (terms.Contains(term.ToString()) && (offsets.Count == 0 || offsets[^1].Item1 != offset.StartOffset))
            {
                offsets.Add((offset.StartOffset, offset.EndOffset));
            }
        }

        stream.End();
        return offsets;
    }

    /// <summary>
    /// One set of fields, filled in for each message (as Lucene advises for indexing speed): a new field per message
    /// also meant a new token stream and attribute set for each untokenised one, a third of what indexing allocated.
    /// </summary>
    private sealed class MessageFields
    {
        public readonly StringField Id = new("id", "", Field.Store.YES);
        private readonly StringField conversation = new("conversation", "", Field.Store.YES);
        private readonly StoredField seq = new("seq", "");
        private readonly StoredField ihec = new("ihec", "");
        private readonly StoredField kind = new("kind", "");
        private readonly StoredField author = new("author", "");
        private readonly StoredField text = new("text", "");
        private readonly StoredField created = new("created", "");
        private readonly NumericDocValuesField createdValue = new("created", 0L);
        private readonly Dictionary<string, TextField> texts = PortalAnalyzer.Languages.ToDictionary(l => l, l => new TextField("text_" + l, "", Field.Store.NO));

        public Document Of(ChatMessage message)
        {
            Id.SetStringValue(message.Id.ToString("N"));
            conversation.SetStringValue(message.ConversationId.ToString("N"));
            seq.SetStringValue(message.Sequence.ToString(CultureInfo.InvariantCulture));
            ihec.SetStringValue(message.FromIhec ? "1" : "0");
            kind.SetStringValue(message.Kind.ToString());
            author.SetStringValue(message.AuthorName);
            text.SetStringValue(message.Text);
            created.SetStringValue(message.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture));
            createdValue.SetInt64Value(message.CreatedAt.UtcTicks);
            var doc = new Document { Id, conversation, seq, ihec, kind, author, text, created, createdValue };
            // Each language's field only where the text has letters that language's analysis can match: a query is
            // analysed the same way, so an Arabic-script word never matches in the English field better than in the
            // Arabic and Sorani ones (same tokens, plus their normalisation), nor a Latin word in those better than in
            // English (same tokens, plus stemming). Mixed text gets all three. Analysing fewer fields is most of the
            // indexer's work.
            var (arabicScript, latin) = Scripts(message.Text);
            foreach (var language in PortalAnalyzer.Languages)
            {
                if (language == "en" ? latin || !arabicScript : arabicScript || !latin)
                {
                    var field = texts[language];
                    field.SetStringValue(message.Text);
                    doc.Add(field);
                }
            }

            return doc;
        }
    }

    /// <summary>Whether the text has Arabic-script letters (Arabic, Sorani), and whether it has Latin ones.</summary>
    internal static (bool ArabicScript, bool Latin) Scripts(string text)
    {
        bool arabicScript = false, latin = false;
        foreach (var c in text)
        {
            if (c is >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F' or >= '\u08A0' and <= '\u08FF'
                or >= '\uFB50' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF')
            {
                arabicScript = true;
            }
            else if (char.IsAsciiLetter(c) || (c > '\u007F' && char.IsLetter(c) && c < '\u0600'))
            {
                latin = true;
            }

            if (arabicScript && latin)
            {
                break;
            }
        }

        return (arabicScript, latin);
    }

    public void Dispose()
    {
        var committed = true;
        try
        {
            CommitPublished();
        }
        catch (IOException)
        {
            // A full disk: the next start reads again from the last commit's watermark.
            committed = false;
        }

        searchers.Dispose();
        if (committed)
        {
            writer.Dispose();
        }
        else
        {
            writer.Rollback();
        }

        analyzer.Dispose();
        directory.Dispose();
    }
}
