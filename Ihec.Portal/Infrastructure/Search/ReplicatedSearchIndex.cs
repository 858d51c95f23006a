using System.Text.Json;
using Ihec.Portal.Infrastructure.Redis;
using StackExchange.Redis;

namespace Ihec.Portal.Infrastructure.Search;

/// <summary>
/// The search index with several instances (<c>Redis:ConnectionString</c> set). Each instance keeps its own Lucene
/// index in its own data folder (one writer per folder); what one instance writes is applied here at once and published
/// on <see cref="PortalChannels.Search"/>, and every other instance applies it to its own index
/// (<see cref="SearchReplicationSubscriber"/>). Rebuilds read the shared database, so they stay local; every start
/// rebuilds.
/// </summary>
internal sealed class ReplicatedSearchIndex(LuceneSearchIndex local, IConnectionMultiplexer redis, PortalInstance instance) : ISearchIndex
{
    private volatile bool rebuilt;

    /// <summary>
    /// True until this process has rebuilt its index once: Redis does not keep what was published while an instance was
    /// stopped (or cut off from Redis), so each start reads the shared database again.
    /// </summary>
    public bool NeedsRebuild => !rebuilt;

    public async Task UpsertAsync(SearchDocument document, CancellationToken cancellationToken = default)
    {
        await local.UpsertAsync(document, cancellationToken);
        await PublishAsync(new SearchChange(instance.Id, document, null, null));
    }

    public async Task DeleteAsync(string source, string key, CancellationToken cancellationToken = default)
    {
        await local.DeleteAsync(source, key, cancellationToken);
        await PublishAsync(new SearchChange(instance.Id, null, source, key));
    }

    public async Task<int> RebuildAsync(CancellationToken cancellationToken = default)
    {
        var count = await local.RebuildAsync(cancellationToken);
        rebuilt = true;
        return count;
    }

    public SearchResults Search(SearchRequest request) => local.Search(request);

    private Task PublishAsync(SearchChange change) =>
        redis.GetSubscriber().PublishAsync(PortalChannels.Search, JsonSerializer.Serialize(change, SearchChange.Json));
}

/// <summary>One instance's write to its index: an upsert (<see cref="Document"/>) or a delete (<see cref="Source"/>, <see cref="Key"/>).</summary>
internal sealed record SearchChange(string Origin, SearchDocument? Document, string? Source, string? Key)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

/// <summary>Applies the other instances' index writes to this instance's index, in the order they were published.</summary>
internal sealed partial class SearchReplicationSubscriber(
    IConnectionMultiplexer redis, LuceneSearchIndex local, PortalInstance instance, ILogger<SearchReplicationSubscriber> logger) : IHostedService
{
    private readonly StopOnce stop = new();
    private ChannelMessageQueue? queue;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        queue = await redis.GetSubscriber().SubscribeAsync(PortalChannels.Search);
        queue.OnMessage(async message =>
        {
            try
            {
                var change = JsonSerializer.Deserialize<SearchChange>(message.Message.ToString(), SearchChange.Json);
                if (change is null || change.Origin == instance.Id)
                {
                    return;
                }

                if (change.Document is { } document)
                {
                    await local.UpsertAsync(document);
                }
                else if (change.Source is { } source && change.Key is { } key)
                {
                    await local.DeleteAsync(source, key);
                }
            }
            catch (Exception ex)
            {
                LogFailed(logger, ex);
            }
        });
    }

    /// <summary>One stop however often the host asks (<see cref="StopOnce"/>): the connection is disposed right after.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => stop.Run(async () =>
    {
        if (queue is not null)
        {
            await queue.UnsubscribeAsync();
        }
    });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Another instance's search index change could not be applied here; a rebuild brings the index up to date")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
