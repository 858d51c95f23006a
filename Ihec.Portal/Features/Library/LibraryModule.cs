using Ihec.Portal.Infrastructure.Search;
using Ihec.Portal.Infrastructure.Text;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ihec.Portal.Features.Library;

public static class LibraryModule
{
    public static IServiceCollection AddLibrary(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<MarkdownRenderer>();
        services.AddSingleton<LibrarySearchSource>();
        services.AddSingleton<ISearchSource>(sp => sp.GetRequiredService<LibrarySearchSource>());
        services.AddSingleton<ISitemapContributor, LibrarySitemap>();
        services.AddScoped<LibraryEditorService>();
        services.AddScoped<LibraryQueries>();
        services.AddSingleton<Ihec.Portal.Infrastructure.Files.IStoredFileReferences>(new Ihec.Portal.Infrastructure.Files.StoredFileReferences(db => db.Set<LibraryAttachment>().Select(a => (string?)a.FileId)));
        // Before the search start-up, so a first start seeds the demo documents and then builds the index once.
        services.AddHostedService<LibraryStartup>();
        services.AddPortalSearch();
        return services;
    }

    public static WebApplication MapLibrary(this WebApplication app)
    {
        app.MapLibraryEndpoints();
        return app;
    }
}

/// <summary>Seeds the demo library when <c>Demo:Enabled</c> and the library is empty.</summary>
internal sealed class LibraryStartup(IServiceProvider services, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue<bool>("Demo:Enabled"))
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        await LibraryDemo.SeedAsync(scope.ServiceProvider, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal sealed class LibrarySitemap(IServiceProvider services) : ISitemapContributor
{
    public async IAsyncEnumerable<SitemapEntry> EntriesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new SitemapEntry("/library", null);
        yield return new SitemapEntry("/library/calendar", null);
        foreach (var slug in LibraryCatalog.Slugs.Values)
        {
            yield return new SitemapEntry("/library/" + slug, null);
        }

        await using var scope = services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<LibraryQueries>();
        foreach (var (path, updated) in await queries.PermalinksAsync(cancellationToken))
        {
            yield return new SitemapEntry(path, updated);
        }
    }
}
