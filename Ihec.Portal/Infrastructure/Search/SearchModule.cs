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

/// <summary>The index is derived data: rebuilt from the database when it is missing (first start, new schema, deleted folder).</summary>
internal sealed class SearchIndexStartup(ISearchIndex index) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (index.NeedsRebuild)
        {
            await index.RebuildAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
