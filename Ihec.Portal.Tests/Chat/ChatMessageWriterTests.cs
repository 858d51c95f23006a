using System.Diagnostics.Metrics;
using Ihec.Portal.Features.Chat;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Infrastructure.Operations;
using Ihec.Portal.Shared.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ihec.Portal.Tests.Chat;

/// <summary>
/// The chat's one writer (group commit) on the portal's real SQLite database: messages queued while a write is under
/// way are stored together, numbered in queue order, each conversation's last number moved once; a resend is stored
/// once; the organisation checks hold inside the transaction; one message that cannot be stored does not sink the
/// others; and the SQLite log does not grow while the writer's own connection never checkpoints.
/// </summary>
public sealed class ChatMessageWriterTests(ChatPortal portal) : IClassFixture<ChatPortal>
{
    private ChatMessageWriter Writer => portal.Services.GetRequiredService<ChatMessageWriter>();

    private DatabaseWriteGate Gate => portal.Services.GetRequiredService<DatabaseWriteGate>();

    [Fact]
    public async Task Messages_queued_during_a_write_are_stored_together_in_queue_order_and_a_resend_once()
    {
        var tammuz = await OrganisationAsync("CSO-DEMO-0001");
        var first = await ConversationAsync(tammuz, "Group commit A");
        var second = await ConversationAsync(tammuz, "Group commit B");
        var batches = new List<long>();
        using var listener = ListenToBatches(batches);

        Task<ChatWriteOutcome>[] writes;
        ChatMessage resent;
        // While the gate is held the writer cannot start a transaction: everything sent meanwhile queues up.
        using (await Gate.EnterAsync(CancellationToken.None))
        {
            writes = Enumerable.Range(0, 40)
                .Select(i => Writer.WriteAsync(Message(i % 2 == 0 ? first : second, $"user-{i % 3}", $"m-{i}", $"message {i}"), i % 4 == 3 ? null : tammuz))
                .ToArray();
            resent = Message(first, "user-0", "m-0", "message 0");
            writes = [.. writes, Writer.WriteAsync(resent, tammuz)];
        }

        var outcomes = await Task.WhenAll(writes);

        Assert.All(outcomes[..40], o => Assert.Equal(ChatWriteStatus.Stored, o.Status));
        Assert.Equal(ChatWriteStatus.AlreadyStored, outcomes[40].Status);
        Assert.Equal(outcomes[0].Message!.Sequence, outcomes[40].Message!.Sequence);
        foreach (var (conversation, parity) in new[] { (first, 0), (second, 1) })
        {
            // Numbered 1..20 in the order the senders queued.
            var expected = Enumerable.Range(0, 40).Where(i => i % 2 == parity).Select(i => $"message {i}").ToList();
            await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            var stored = await db.Set<ChatMessage>().Where(m => m.ConversationId == conversation).OrderBy(m => m.Sequence).ToListAsync();
            Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), stored.Select(m => m.Sequence));
            Assert.Equal(expected, stored.Select(m => m.Text));
            Assert.Equal(20, await db.Set<Conversation>().Where(c => c.Id == conversation).Select(c => c.LastSequence).SingleAsync());
        }

        // At least one transaction stored more than one message (one per message would be 1 every time).
        lock (batches)
        {
            Assert.True(batches.Max() >= 2, $"batches: {string.Join(", ", batches)}");
        }
    }

    [Fact]
    public async Task A_member_of_another_or_a_suspended_organisation_gets_not_found_and_nothing_is_stored()
    {
        var tammuz = await OrganisationAsync("CSO-DEMO-0001");
        var kirkuk = await OrganisationAsync("CSO-DEMO-0002");
        var conversation = await ConversationAsync(tammuz, "Checks in the transaction");

        Assert.Equal(ChatWriteStatus.NotFound, (await Writer.WriteAsync(Message(conversation, "kirkuk-user", "k-1", "not yours"), kirkuk)).Status);
        Assert.Equal(ChatWriteStatus.NotFound, (await Writer.WriteAsync(Message(Guid.NewGuid(), "agent", "x-1", "nowhere"), null)).Status);
        Assert.Equal(ChatWriteStatus.Stored, (await Writer.WriteAsync(Message(conversation, "tammuz-user", "t-1", "before"), tammuz)).Status);

        var erbil = await OrganisationAsync("CSO-DEMO-0003");
        var erbilConversation = await ConversationAsync(erbil, "Suspended meanwhile");
        await SetStatusAsync(erbil, OrganisationStatus.Suspended);
        try
        {
            Assert.Equal(ChatWriteStatus.NotFound, (await Writer.WriteAsync(Message(erbilConversation, "erbil-user", "e-1", "after suspension"), erbil)).Status);
            // The media unit still writes in it.
            Assert.Equal(ChatWriteStatus.Stored, (await Writer.WriteAsync(Message(erbilConversation, "agent", "a-1", "from IHEC"), null)).Status);
        }
        finally
        {
            await SetStatusAsync(erbil, OrganisationStatus.Accredited);
        }

        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(["before"], await db.Set<ChatMessage>().Where(m => m.ConversationId == conversation).Select(m => m.Text).ToListAsync());
        Assert.Equal(["from IHEC"], await db.Set<ChatMessage>().Where(m => m.ConversationId == erbilConversation).Select(m => m.Text).ToListAsync());
    }

    [Fact]
    public async Task A_message_that_cannot_be_stored_fails_alone_and_the_rest_of_its_batch_is_stored()
    {
        var tammuz = await OrganisationAsync("CSO-DEMO-0001");
        var broken = await ConversationAsync(tammuz, "Broken counter");
        var healthy = await ConversationAsync(tammuz, "Healthy");
        Assert.Equal(ChatWriteStatus.Stored, (await Writer.WriteAsync(Message(broken, "u", "b-1", "one"), tammuz)).Status);
        // A counter behind its messages (as if restored from an older copy): the next number is already taken.
        await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            await db.Set<Conversation>().Where(c => c.Id == broken).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastSequence, 0L));
        }

        Task<ChatWriteOutcome> failing;
        Task<ChatWriteOutcome>[] others;
        using (await Gate.EnterAsync(CancellationToken.None))
        {
            others = [Writer.WriteAsync(Message(healthy, "u", "h-1", "h one"), tammuz)];
            failing = Writer.WriteAsync(Message(broken, "u", "b-2", "two"), tammuz);
            others = [.. others, Writer.WriteAsync(Message(healthy, "u", "h-2", "h two"), tammuz), Writer.WriteAsync(Message(healthy, "v", "h-3", "h three"), tammuz)];
        }

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => failing);
        var stored = await Task.WhenAll(others);
        Assert.Equal([1L, 2, 3], stored.Select(o => o.Message!.Sequence));

        // The writer carries on.
        Assert.Equal(4, (await Writer.WriteAsync(Message(healthy, "u", "h-4", "h four"), tammuz)).Message!.Sequence);
    }

    [Fact]
    public async Task The_sqlite_log_stops_growing_because_it_is_checkpointed_in_the_background()
    {
        var tammuz = await OrganisationAsync("CSO-DEMO-0001");
        var conversation = await ConversationAsync(tammuz, "Checkpoints");
        var log = Path.Combine(portal.DataFolder, "portal.db-wal");
        var checkpointer = portal.Services.GetServices<IHostedService>().OfType<SqliteCheckpointer>().Single();
        var sizes = new List<long>();
        for (var round = 0; round < 4; round++)
        {
            // One transaction per message (each waited for), the way a quiet evening's chat arrives.
            for (var i = 0; i < 150; i++)
            {
                Assert.Equal(ChatWriteStatus.Stored, (await Writer.WriteAsync(Message(conversation, "u", $"c-{round}-{i}", $"round {round} message {i}"), tammuz)).Status);
            }

            sizes.Add(new FileInfo(log).Length);
            // Two checkpoints after the round: the log is copied into the database and the next write starts it again from the top.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await checkpointer.WaitForAsync(checkpointer.Completed + 2, timeout.Token);
        }

        // Without checkpoints the log only grows (the writer's connection never checkpoints on commit): four rounds
        // would make it about four times the first round's size.
        Assert.True(sizes[3] <= sizes[0] * 1.5, $"log sizes after each round: {string.Join(", ", sizes)}");
    }

    private static ChatMessage Message(Guid conversation, string author, string clientId, string text) => new()
    {
        ConversationId = conversation,
        AuthorUserId = author,
        AuthorName = author,
        ClientMessageId = clientId,
        Text = text,
        CreatedAt = DateTimeOffset.UtcNow,
    };

    private static MeterListener ListenToBatches(List<long> batches)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == PortalMetrics.MeterName && instrument.Name == "ihec.portal.chat.write.batch")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) =>
        {
            lock (batches)
            {
                batches.Add(value);
            }
        });
        listener.Start();
        return listener;
    }

    private async Task<Guid> OrganisationAsync(string reference)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Organisations.Where(o => o.Reference == reference).Select(o => o.Id).SingleAsync();
    }

    private async Task SetStatusAsync(Guid organisation, OrganisationStatus status)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        await db.Organisations.Where(o => o.Id == organisation).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, status));
    }

    private async Task<Guid> ConversationAsync(Guid organisation, string topic)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var conversation = new Conversation
        {
            OrganisationId = organisation,
            Topic = topic,
            StartedByUserId = "test",
            StartedByName = "Test",
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.Add(conversation);
        await db.SaveChangesAsync();
        return conversation.Id;
    }
}
