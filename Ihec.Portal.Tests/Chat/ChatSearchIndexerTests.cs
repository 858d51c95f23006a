using Ihec.Portal.Features.Chat;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ihec.Portal.Tests.Chat.ChatPortal;

namespace Ihec.Portal.Tests.Chat;

/// <summary>
/// The transcript index is fed by tailing the messages table: every message ever stored is found (not only the newest
/// 20,000), a restart continues from the watermark kept in the index, and a deleted index folder is rebuilt.
/// </summary>
public sealed class ChatSearchIndexerTests : IDisposable
{
    private const int Filler = 20_000;

    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), "ihec-portal-tests", "chat-search-" + Guid.NewGuid().ToString("N"));

    /// <summary>A portal on the given data folder (database and index), so the next one continues it.</summary>
    private sealed class IndexedPortal(string dataFolder) : PortalFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["DataFolder"] = dataFolder,
            // No look-back: a pass after a restart reads only what is at or after the watermark, so the test sees exactly
            // what a restart re-reads (the default minute would re-read every message this test stores at once).
            ["Chat:SearchIndexOverlap"] = "00:00:00",
        };

        public ChatSearchIndexer Indexer => Services.GetRequiredService<ChatSearchIndexer>();

        public ChatSearchIndex Index => Services.GetRequiredService<ChatSearchIndex>();
    }

    [Fact]
    public async Task The_oldest_of_more_than_20000_messages_is_found_after_a_restart_without_reindexing_and_after_the_index_is_deleted()
    {
        var marker = "ق" + Guid.NewGuid().ToString("N")[..6];
        Guid conversationId;
        DateTimeOffset? watermark;
        int count;
        await using (var first = new IndexedPortal(dataFolder))
        {
            await first.Indexer.CatchUpAsync();
            conversationId = await StoreAsync(first, first.Index.Watermark ?? DateTimeOffset.UtcNow.AddHours(-1), marker);
            await first.Indexer.CatchUpAsync();
            Assert.True(first.Index.Count > Filler, $"{first.Index.Count} messages indexed");
            await AssertFoundAsync(first, marker, conversationId);
            watermark = first.Index.Watermark;
            count = first.Index.Count;
        }

        await using (var second = new IndexedPortal(dataFolder))
        {
            await second.Indexer.CatchUpAsync();
            Assert.False(second.Index.WasMissing);
            Assert.Equal(watermark, second.Index.Watermark);
            Assert.Equal(count, second.Index.Count);
            // The newest message (the one at the watermark) is read again, not the 20,000 before it.
            Assert.InRange(second.Indexer.Written, 0, 5);
            await AssertFoundAsync(second, marker, conversationId);
        }

        System.IO.Directory.Delete(Path.Combine(dataFolder, "index", ChatSearchIndex.SchemaFolder), recursive: true);
        await using (var third = new IndexedPortal(dataFolder))
        {
            await third.Indexer.CatchUpAsync();
            Assert.True(third.Index.WasMissing);
            Assert.Equal(count, third.Index.Count);
            Assert.True(third.Indexer.Written >= count);
            await AssertFoundAsync(third, marker, conversationId);
        }
    }

    /// <summary>
    /// The host is stopped twice at once when it shuts down (<c>WebApplication.Run</c> stops it as the lifetime ends, and
    /// the caller that ended the lifetime stops it too), and disposed as soon as one stop returns. A CI run failed on
    /// it: the second stop met the first's disposed semaphore.
    /// </summary>
    [Fact]
    public async Task Two_stops_at_once_and_a_dispose_while_they_run_all_complete()
    {
        await using var portal = new IndexedPortal(dataFolder);
        var indexer = portal.Indexer;
        await indexer.CatchUpAsync();

        var first = indexer.StopAsync(CancellationToken.None);
        var second = indexer.StopAsync(CancellationToken.None);
        indexer.Dispose();

        await first;
        await second;
    }

    /// <summary>A conversation whose first message (with the marker) is followed by <see cref="Filler"/> newer ones, all after <paramref name="after"/>.</summary>
    private static async Task<Guid> StoreAsync(PortalFactory portal, DateTimeOffset after, string marker)
    {
        await using var db = portal.CreateDbContext();
        var organisation = await db.Organisations.Select(o => o.Id).FirstAsync();
        var conversation = new Conversation
        {
            OrganisationId = organisation,
            Topic = "أرشيف " + marker,
            StartedByUserId = "archive",
            StartedByName = "Archive",
            CreatedAt = after,
            UpdatedAt = after,
            LastSequence = Filler + 1,
        };
        for (var i = 0; i <= Filler; i++)
        {
            conversation.Messages.Add(new ChatMessage
            {
                Sequence = i + 1,
                ClientMessageId = "archive-" + i,
                AuthorUserId = "archive",
                AuthorName = "Archive",
                Text = i == 0 ? $"أول رسالة عن الإنتخابات {marker}" : $"message {i} about polling stations and observers",
                CreatedAt = after.AddMilliseconds(i + 1),
            });
        }

        db.Add(conversation);
        await db.SaveChangesAsync();
        return conversation.Id;
    }

    private static async Task AssertFoundAsync(PortalFactory portal, string marker, Guid conversationId)
    {
        var media = await portal.SignedInClientAsync(Media);
        var page = await media.GetDocumentAsync("/ihec/chat/search?q=" + Uri.EscapeDataString("انتخابات " + marker));
        var row = page.QuerySelector($"#search-results tr[data-conversation='{conversationId}']");
        Assert.NotNull(row);
        Assert.Contains("الإنتخابات", row!.QuerySelector(".snippet")!.TextContent, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(dataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
