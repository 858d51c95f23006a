using System.Collections.Concurrent;
using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Ihec.Portal.Infrastructure.Search;

/// <summary>A Lucene index opened for writing and searching, and what was found when it was opened.</summary>
/// <param name="WasMissing">No index was there (first start, new schema, deleted folder, or one moved aside): rebuild it from the database.</param>
/// <param name="CommitData">The user data of the last commit found (empty for a new index).</param>
/// <param name="MovedTo">Where an index that could not be opened was moved; null when it opened.</param>
public sealed record OpenedIndex(LuceneDirectory Directory, IndexWriter Writer, SearcherManager Searchers, bool WasMissing,
    IDictionary<string, string> CommitData, string? MovedTo);

/// <summary>
/// Every Lucene index of the portal (public search, chat transcripts, and any later one) is a cache of the database, so
/// one that cannot be opened must never stop the portal. <see cref="Open"/> opens an index folder and checks every
/// segment's checksums (<see cref="AtomicReader.CheckIntegrity"/>: a sequential read of the files); when that fails (a
/// corrupt, truncated or half-written file, a missing file, an older format), the folder is moved aside to
/// <c>moved-aside/</c> under <see cref="PortalPaths.IndexFolder"/> (kept for inspection; delete it at will), the log says
/// what was moved where, and a fresh, empty index is opened for its owner to rebuild from the database in the
/// background. An index locked by another process is not moved: that is a configuration error to see.
/// </summary>
public static partial class DerivedIndex
{
    public const string MovedAsideFolder = "moved-aside";

    public static OpenedIndex Open(string folder, Func<IndexWriterConfig> config, ILogger logger)
    {
        try
        {
            return OpenOnce(FSDirectory.Open(folder), config);
        }
        catch (Exception ex) when (ex is not (LockObtainFailedException or OutOfMemoryException or OperationCanceledException))
        {
            var movedTo = MoveAside(folder);
            LogMovedAside(logger, folder, movedTo, ex);
            return OpenOnce(FSDirectory.Open(folder), config) with { WasMissing = true, MovedTo = movedTo };
        }
    }

    /// <summary>Opens the index in <paramref name="directory"/> (creating an empty one if there is none) and checks it; on failure closes everything and throws.</summary>
    public static OpenedIndex OpenOnce(LuceneDirectory directory, Func<IndexWriterConfig> config)
    {
        IndexWriter? writer = null;
        try
        {
            var missing = !DirectoryReader.IndexExists(directory);
            writer = new IndexWriter(directory, config());
            var commitData = new Dictionary<string, string>(writer.CommitData);
            writer.Commit();
            var searchers = new SearcherManager(writer, applyAllDeletes: true, searcherFactory: null);
            try
            {
                Verify(searchers);
            }
            catch
            {
                searchers.Dispose();
                throw;
            }

            return new OpenedIndex(directory, writer, searchers, missing, commitData, null);
        }
        catch
        {
            try
            {
                // Closes without committing anything more to a folder that is about to be moved aside.
                writer?.Rollback();
            }
            catch (Exception)
            {
                // The index is already known to be broken; the first exception is the one to report.
            }

            directory.Dispose();
            throw;
        }
    }

    private static void Verify(SearcherManager searchers)
    {
        var searcher = searchers.Acquire();
        try
        {
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                leaf.AtomicReader.CheckIntegrity();
            }
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    private static string MoveAside(string folder)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(folder))!;
        var aside = Path.Combine(parent, MovedAsideFolder);
        System.IO.Directory.CreateDirectory(aside);
        var target = Path.Combine(aside, string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(folder)}-{DateTimeOffset.UtcNow:yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid().ToString("N")[..6]}"));
        System.IO.Directory.Move(folder, target);
        return target;
    }

    [LoggerMessage(EventId = 4401, Level = LogLevel.Warning,
        Message = "Search index {Folder} could not be opened; moved it to {MovedTo} and rebuilding it from the database in the background")]
    private static partial void LogMovedAside(ILogger logger, string folder, string movedTo, Exception exception);
}

/// <summary>
/// Which derived indexes are being rebuilt, by name: the pages that search say "search is being rebuilt" while theirs is,
/// and <c>/readyz</c> reports <c>search-indexes</c> as degraded (not unhealthy: the portal works, search results are incomplete).
/// </summary>
public sealed class SearchIndexStatus
{
    /// <summary>The public search index (library, reports, fact-checks).</summary>
    public const string Public = "public";

    /// <summary>The chat transcript index.</summary>
    public const string Chat = "chat";

    private readonly ConcurrentDictionary<string, bool> rebuilding = new(StringComparer.Ordinal);

    public void Rebuilding(string name) => rebuilding[name] = true;

    public void Rebuilt(string name) => rebuilding.TryRemove(name, out _);

    public bool IsRebuilding(string name) => rebuilding.ContainsKey(name);

    public IReadOnlyList<string> RebuildingNow => [.. rebuilding.Keys.Order(StringComparer.Ordinal)];
}
