namespace Ihec.Portal.Infrastructure.Search;

/// <summary>One language's text of an indexed item. Markdown is indexed as plain text.</summary>
public sealed record SearchText(string Language, string Title, string Body);

/// <summary>
/// An item any module puts in the shared full-text index: a library document, a published report, a rumour response.
/// <see cref="Facets"/> are exact values (kind codes, years, topic codes) for filtering and counting.
/// </summary>
public sealed record SearchDocument(
    string Source,
    string Key,
    string Url,
    DateTimeOffset Date,
    IReadOnlyList<SearchText> Texts,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Facets)
{
    public string Id => Source + ":" + Key;
}

/// <summary>Lists every item of one module that belongs in the index (only what the public may read), for rebuilds.</summary>
public interface ISearchSource
{
    string Source { get; }

    IAsyncEnumerable<SearchDocument> ReadAllAsync(CancellationToken cancellationToken);
}

public sealed record SearchRequest(string Text)
{
    /// <summary>Only items of this module (e.g. <c>library</c>); null for all.</summary>
    public string? Source { get; init; }

    /// <summary>Facet name → required value.</summary>
    public IReadOnlyDictionary<string, string> Filters { get; init; } = new Dictionary<string, string>();

    /// <summary>Facets to count over all matches.</summary>
    public IReadOnlyList<string> FacetNames { get; init; } = [];

    /// <summary>The reader's language: snippets prefer it when the item matched in it too.</summary>
    public string PreferredLanguage { get; init; } = "ar";

    public int Skip { get; init; }
    public int Take { get; init; } = 20;
}

/// <summary>A piece of a snippet; <see cref="Match"/> pieces are shown highlighted.</summary>
public sealed record SnippetPart(string Text, bool Match);

public sealed record SearchHit(
    string Id,
    string Source,
    string Key,
    string Url,
    string Language,
    string Title,
    IReadOnlyList<SnippetPart> Snippet,
    float Score,
    DateTimeOffset Date);

public sealed record FacetCount(string Value, int Count);

public sealed record SearchResults(
    IReadOnlyList<SearchHit> Hits,
    int Total,
    IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets,
    bool MatchedAllWords)
{
    public static readonly SearchResults Empty = new([], 0, new Dictionary<string, IReadOnlyList<FacetCount>>(), true);
}
