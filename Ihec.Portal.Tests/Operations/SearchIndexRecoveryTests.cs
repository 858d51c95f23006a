using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Ihec.Portal.Features.Chat;
using Ihec.Portal.Infrastructure.Search;
using Ihec.Portal.Tests.Chat;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ihec.Portal.Tests.Operations;

/// <summary>
/// Every Lucene index is a cache of the database: one whose files are garbled, truncated or deleted is moved aside, the
/// portal starts anyway, says so (log, <c>/readyz</c>, the search pages) and rebuilds it, and search works again.
/// </summary>
public sealed class SearchIndexRecoveryTests : IDisposable
{
    /// <summary>Every on-disk index: the public search index and the chat transcripts' (rumour matching is in memory, filled from the database at each start).</summary>
    private static readonly string[] Indexes = ["v3", ChatSearchIndex.SchemaFolder];

    private readonly string folder = Path.Combine(Path.GetTempPath(), "ihec-portal-tests", "index-recovery-" + Guid.NewGuid().ToString("N"));

    public enum Damage
    {
        Garbled,
        Truncated,
        Deleted,
    }

    [Theory]
    [InlineData(Damage.Garbled)]
    [InlineData(Damage.Truncated)]
    [InlineData(Damage.Deleted)]
    public async Task A_damaged_index_is_moved_aside_and_rebuilt_and_search_works_again(Damage damage)
    {
        await using (var first = new OnFolder(folder))
        {
            await first.Services.GetRequiredService<ChatSearchIndexer>().CatchUpAsync();
        }

        foreach (var index in Indexes)
        {
            Break(Path.Combine(folder, "index", index), damage);
        }

        await using var second = new OnFolder(folder);
        var status = second.Services.GetRequiredService<SearchIndexStatus>();
        await second.Services.GetRequiredService<ChatSearchIndexer>().CatchUpAsync();
        await Eventually.UntilAsync(() => Task.FromResult(status.RebuildingNow.Count), n => n == 0, "the damaged indexes to be rebuilt",
            timeout: TimeSpan.FromSeconds(60));
        var movedAside = Directory.GetDirectories(Path.Combine(folder, "index", DerivedIndex.MovedAsideFolder)).Select(Path.GetFileName).ToList();
        foreach (var index in Indexes)
        {
            Assert.Single(movedAside, m => m!.StartsWith(index + "-", StringComparison.Ordinal));
            Assert.Contains(second.Log, line => line.Contains(Path.Combine(folder, "index", index) + " could not be opened; moved it to "
                + Path.Combine(folder, "index", DerivedIndex.MovedAsideFolder, index + "-"), StringComparison.Ordinal));
        }

        var library = await second.CreateClient().GetDocumentAsync("/library/search?q=" + Uri.EscapeDataString("انتخابات"));
        Assert.NotEmpty(library.QuerySelectorAll(".search-results .library-item"));
        var media = await second.SignedInClientAsync(ChatPortal.Media);
        var transcripts = await media.GetDocumentAsync("/ihec/chat/search?q=" + Uri.EscapeDataString("المراقبين"));
        Assert.NotEmpty(transcripts.QuerySelectorAll("#search-results tbody tr"));
        var ready = JsonDocument.Parse(await second.CreateClient().GetStringAsync("/readyz")).RootElement;
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
    }

    [Fact]
    public async Task While_an_index_is_rebuilt_readyz_is_degraded_not_unhealthy_and_the_pages_that_search_say_so()
    {
        await using var portal = new OnFolder(folder);
        var status = portal.Services.GetRequiredService<SearchIndexStatus>();
        var media = await portal.SignedInClientAsync(ChatPortal.Media);
        var anonymous = portal.CreateClient();
        const string LibraryPage = "/library/search?culture=en&q=election";
        const string ReportsPage = "/reports?culture=en&q=election";
        const string ChatPage = "/ihec/chat/search?culture=en&q=badges";

        status.Rebuilding(SearchIndexStatus.Public);
        status.Rebuilding(SearchIndexStatus.Chat);
        var response = await anonymous.GetAsync("/readyz");
        var ready = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Degraded", ready.GetProperty("status").GetString());
        Assert.Contains(ready.GetProperty("checks").EnumerateArray(),
            c => c.GetProperty("name").GetString() == "search-indexes" && c.GetProperty("status").GetString() == "Degraded");
        foreach (var (client, page) in new[] { (anonymous, LibraryPage), (anonymous, ReportsPage), (media, ChatPage) })
        {
            var notice = (await client.GetDocumentAsync(page)).QuerySelector("#search-rebuilding");
            Assert.True(notice is not null, page);
            Assert.Equal("status", notice!.GetAttribute("role"));
            Assert.Contains("Search is being rebuilt", notice.TextContent, StringComparison.Ordinal);
        }

        status.Rebuilt(SearchIndexStatus.Public);
        Assert.Null((await anonymous.GetDocumentAsync(LibraryPage)).QuerySelector("#search-rebuilding"));
        Assert.Null((await anonymous.GetDocumentAsync(ReportsPage)).QuerySelector("#search-rebuilding"));
        Assert.NotNull((await media.GetDocumentAsync(ChatPage)).QuerySelector("#search-rebuilding"));
        status.Rebuilt(SearchIndexStatus.Chat);
        Assert.Null((await media.GetDocumentAsync(ChatPage)).QuerySelector("#search-rebuilding"));
        var healthy = JsonDocument.Parse(await anonymous.GetStringAsync("/readyz")).RootElement;
        Assert.Equal("Healthy", healthy.GetProperty("status").GetString());
    }

    /// <summary>Damages the largest file of the index (its segment data), as a crash, a full disk or a second writer can.</summary>
    private static void Break(string index, Damage damage)
    {
        var file = new DirectoryInfo(index).GetFiles().Where(f => !f.Name.StartsWith("segments", StringComparison.Ordinal) && f.Name != "write.lock")
            .OrderByDescending(f => f.Length).First();
        switch (damage)
        {
            case Damage.Garbled:
                using (var stream = file.Open(FileMode.Open, FileAccess.ReadWrite))
                {
                    stream.Position = stream.Length / 2;
                    stream.Write(Enumerable.Repeat((byte)0x5A, 64).ToArray());
                }

                break;
            case Damage.Truncated:
                using (var stream = file.Open(FileMode.Open, FileAccess.ReadWrite))
                {
                    stream.SetLength(stream.Length / 2);
                }

                break;
            case Damage.Deleted:
                file.Delete();
                break;
        }
    }

    public void Dispose()
    {
        try
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean up.
        }
    }

    /// <summary>A portal on the given data folder, with every log line it writes kept.</summary>
    private sealed class OnFolder(string dataFolder) : FolderPortal(dataFolder)
    {
        private readonly ConcurrentQueue<string> log = new();

        public IReadOnlyCollection<string> Log => log;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(new Collecting(log)));
        }
    }

    private sealed class Collecting(ConcurrentQueue<string> log) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.Enqueue(formatter(state, exception));

        public void Dispose()
        {
        }
    }
}
