using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ihec.Portal.Infrastructure.Search;

public static class SearchModule
{
    /// <summary>The shared index; modules add their <see cref="ISearchSource"/> so rebuilds include their items.</summary>
    public static IServiceCollection AddPortalSearch(this IServiceCollection services)
    {
        services.TryAddSingleton<LuceneSearchIndex>();
        services.TryAddSingleton<ISearchIndex>(sp => sp.GetRequiredService<LuceneSearchIndex>());
        if (!services.Any(s => s.ImplementationType == typeof(SearchIndexStartup)))
        {
            services.AddHostedService<SearchIndexStartup>();
        }

        return services;
    }
}

/// <summary>
/// The index is derived data, rebuilt from the database when it is missing. A missing index (first start, new schema,
/// deleted folder) is rebuilt before the portal starts serving, as it always was; one that could not be opened and was
/// moved aside (<see cref="DerivedIndex"/>) is rebuilt in the background, so a damaged index never delays or stops the
/// start: until it is done, <see cref="SearchIndexStatus"/> says so to the search pages and to <c>/readyz</c>.
/// </summary>
internal sealed partial class SearchIndexStartup(ISearchIndex index, LuceneSearchIndex local, SearchIndexStatus status,
    ILogger<SearchIndexStartup> logger) : IHostedService
{
    private readonly CancellationTokenSource stopping = new();
    private Task background = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!index.NeedsRebuild)
        {
            return;
        }

        if (!local.WasMovedAside)
        {
            await index.RebuildAsync(cancellationToken);
            return;
        }

        status.Rebuilding(SearchIndexStatus.Public);
        background = Task.Run(async () =>
        {
            try
            {
                await index.RebuildAsync(stopping.Token);
                status.Rebuilt(SearchIndexStatus.Public);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                LogRebuildFailed(logger, ex);
            }
        }, CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        await background.WaitAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 4402, Level = LogLevel.Error, Message = "Rebuilding the search index in the background failed; search stays incomplete until the next start")]
    private static partial void LogRebuildFailed(ILogger logger, Exception exception);
}
