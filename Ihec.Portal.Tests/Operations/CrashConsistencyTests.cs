using System.Net;
using System.Text;
using System.Text.Json;
using Ihec.Portal.Features.Chat;
using Ihec.Portal.Features.Rumours.Matching;
using Ihec.Portal.Features.Statistics;
using Ihec.Portal.Shared.Statistics;
using Ihec.Portal.Tests.Infrastructure;
using Ihec.Portal.Tests.Organisations;
using Ihec.Portal.Tests.Rumours;
using Ihec.Portal.Tests.Statistics;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static Ihec.Portal.Tests.Violations.ViolationFlows;

namespace Ihec.Portal.Tests.Operations;

/// <summary>
/// Crash consistency: the built portal runs as a separate process while a client files violation reports with evidence
/// and rumour reports with a screenshot (HTTP forms, each with its submission key), enters results tapes (HTTP form,
/// client key) and sends chat messages (the hub, each with its client message id); the
/// process is killed with SIGKILL at a random moment, restarted, and checked, cycle after cycle. After each restart:
/// every write the client saw acknowledged is stored exactly once, every evidence record's file exists and no file is
/// referenced twice, and the writes in flight at the kill (never acknowledged) resent with their keys are stored once.
/// At the end the transcript index and the rumour matching index agree with the database. The suite runs <see cref="DefaultCycles"/> cycles;
/// <c>CRASH_CYCLES=20</c> (what <c>bench/CrashConsistency</c> sets) runs more.
/// </summary>
public sealed class CrashConsistencyTests : IDisposable
{
    private const int DefaultCycles = 2;

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Chat:MessagesPerWindow"] = "100000",
        ["RateLimits:SignInPermits"] = "100000",
        // The child runs in Production, which refuses the demo accounts the writers sign in with unless told.
        ["Demo:Enabled"] = "true",
        ["Demo:UnsafeAllowInProduction"] = "true",
        ["Accounts:DemoAccountsSkipTwoFactor"] = "true",
    };

    private const string ReportText = "تقرير أثناء العمل ";
    private const string RumourText = "شائعة أثناء العمل ";
    private static readonly byte[] Evidence = Encoding.ASCII.GetBytes("%PDF-1.4\n" + new string('x', 20_000));
    private static readonly IReadOnlyList<StationResult> Stations = DemoTallyData.Instance.For(DemoTallyData.CouncilOfRepresentatives)!.Stations;

    /// <summary>What one cycle's writers share: the signed-in member's HTTP client and hub connection.</summary>
    private sealed record Session(HttpClient Client, HubConnection Hub, Guid Conversation);

    /// <summary>A kind of write: how to send it with its key (returning once acknowledged), and where the key is stored.</summary>
    private sealed record Writer(string Name, string Table, string KeyColumn, Func<Session, string, Task> SendAsync);

    private static readonly Writer[] Writers =
    [
        // Violation reports with a PDF of evidence (HTTP form, submission key).
        new("reports", "ViolationReports", "SubmissionKey", (s, key) =>
            FileAsync(s.Client, Report(ReportText + key, key: key), [("evidence", "e.pdf", Evidence)])),
        // Chat messages through the hub (client message id).
        new("messages", "ChatMessages", "ClientMessageId", async (s, key) =>
        {
            var result = await s.Hub.InvokeAsync<ChatResult<ChatMessageView>>("Send", s.Conversation, key, "رسالة " + key);
            Assert.True(result.Succeeded, result.ErrorText);
        }),
        // Results tapes (HTTP form, client key), at a station chosen by the key so that a resend is the same tape.
        new("tapes", "ResultsTapeRecord", "ClientKey", async (s, key) =>
        {
            var station = Stations[Convert.ToInt32(key[..4], 16) % Stations.Count];
            var fields = TapesTests.Figures(station);
            fields["Input.ClientKey"] = key;
            var response = await s.Client.SubmitFormAsync($"/tapes/new?election=cor-2025&station={station.StationCode}&culture=en", "tape", fields);
            await response.AssertRedirectAsync();
        }),
        // Rumour reports with a screenshot (HTTP form, submission key).
        new("rumours", "RumourReports", "SubmissionKey", (s, key) =>
            RumourFlows.FileAsync(s.Client, [.. RumourFlows.Report(RumourText + key), new("Input.SubmissionKey", key)],
                [("screenshots", "shot.png", OrganisationFlows.Png)])),
    ];

    private readonly string folder = Path.Combine(Path.GetTempPath(), "ihec-portal-tests", "crash-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Writes_acknowledged_before_a_SIGKILL_are_there_exactly_once_with_their_files_and_resends_store_once()
    {
        var cycles = int.TryParse(Environment.GetEnvironmentVariable("CRASH_CYCLES"), out var n) && n > 0 ? n : DefaultCycles;
        // Per writer: the keys acknowledged, and the key in flight at the last kill (null when none).
        var acknowledged = Writers.ToDictionary(w => w.Name, _ => new List<string>());
        var pending = Writers.ToDictionary(w => w.Name, _ => (string?)null);
        Guid conversation = default;
        var random = new Random(2026);

        for (var cycle = 0; cycle < cycles; cycle++)
        {
            using var portal = PortalProcess.Start(folder, settings: Settings);
            var url = await portal.ListeningAsync();
            var (client, cookies) = await SignInAsync(url);
            var hub = await ConnectAsync(url, cookies);
            if (conversation == default)
            {
                conversation = (await hub.InvokeAsync<ChatResult<ConversationView>>("Start", "crash " + Guid.NewGuid().ToString("N")[..6], "ar")).Value!.Id;
            }

            var session = new Session(client, hub, conversation);

            // What was in flight at the last kill is sent again with its key: stored once, however it went.
            foreach (var writer in Writers)
            {
                if (pending[writer.Name] is { } key)
                {
                    await writer.SendAsync(session, key);
                    acknowledged[writer.Name].Add(key);
                    pending[writer.Name] = null;
                }
            }

            Check(acknowledged);

            using var kill = new CancellationTokenSource();
            var writing = Writers.Select(writer => Task.Run(async () =>
            {
                while (!kill.IsCancellationRequested)
                {
                    var key = Guid.NewGuid().ToString("N");
                    lock (acknowledged)
                    {
                        pending[writer.Name] = key;
                    }

                    await writer.SendAsync(session, key);
                    lock (acknowledged)
                    {
                        acknowledged[writer.Name].Add(key);
                        pending[writer.Name] = null;
                    }
                }
            })).ToList();

            await Task.Delay(random.Next(300, 2500));
            portal.Kill();
            await kill.CancelAsync();
            // The writers end with the connection's failure (or a write that still completed: acknowledged, then).
            await Task.WhenAll(writing.Select(w => w.ContinueWith(_ => { })));
            await hub.DisposeAsync();
            client.Dispose();
        }

        // A last start, in process: everything still there, and the indexes agree with the database.
        await using var last = new FolderPortal(folder);
        await last.Services.GetRequiredService<ChatSearchIndexer>().CatchUpAsync();
        Check(acknowledged, pending);
        using var db = Open();
        Assert.Equal(Scalar(db, "SELECT COUNT(*) FROM ChatMessages WHERE trim(Text) <> ''"), last.Services.GetRequiredService<ChatSearchIndex>().Count);
        Assert.Equal(Scalar(db, "SELECT COUNT(*) FROM RumourReports"), last.Services.GetRequiredService<NearDuplicateIndex>().Count);
        foreach (var writer in Writers)
        {
            var count = acknowledged[writer.Name].Count;
            Assert.True(count > 0 && count >= cycles - 1, $"{count} {writer.Name} acknowledged in {cycles} cycles");
        }

        WriteSummary(cycles, acknowledged);
    }

    /// <summary>The invariants, read from the database file and the files folder (the portal process is running or dead).</summary>
    private void Check(Dictionary<string, List<string>> acknowledged, Dictionary<string, string?>? pending = null)
    {
        using var db = Open();
        foreach (var writer in Writers)
        {
            var count = $"SELECT COUNT(*) FROM {writer.Table} WHERE {writer.KeyColumn} = $p";
            foreach (var key in acknowledged[writer.Name])
            {
                Assert.Equal(1, Scalar(db, count, key));
            }

            // An unacknowledged write may or may not have been stored, but never twice.
            if (pending?[writer.Name] is { } inFlight)
            {
                Assert.InRange(Scalar(db, count, inFlight), 0, 1);
            }
        }

        // Evidence and screenshots share the files folder: no file is referenced twice, across both.
        const string files = "SELECT FileId FROM ViolationEvidence UNION ALL SELECT FileId FROM RumourScreenshots";
        Assert.Equal(0, Scalar(db, $"SELECT COUNT(*) FROM (SELECT FileId FROM ({files}) GROUP BY FileId HAVING COUNT(*) > 1)"));
        Assert.Equal(0, Scalar(db, "SELECT COUNT(*) FROM ViolationReports r WHERE r.Description LIKE '" + ReportText + "%' "
                                   + "AND NOT EXISTS (SELECT 1 FROM ViolationEvidence e WHERE e.ReportId = r.Id)"));
        Assert.Equal(0, Scalar(db, "SELECT COUNT(*) FROM RumourReports r WHERE r.ClaimText LIKE '" + RumourText + "%' "
                                   + "AND NOT EXISTS (SELECT 1 FROM RumourScreenshots s WHERE s.ReportId = r.Id)"));
        using var command = db.CreateCommand();
        command.CommandText = files;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var file = reader.GetString(0);
            Assert.True(File.Exists(Path.Combine(folder, "files", file)), $"file {file} missing");
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, "portal.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static long Scalar(SqliteConnection db, string sql, string? parameter = null)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        if (parameter is not null)
        {
            command.Parameters.AddWithValue("$p", parameter);
        }

        return (long)command.ExecuteScalar()!;
    }

    private static async Task<(HttpClient Client, CookieContainer Cookies)> SignInAsync(string url)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(url) };
        var response = await client.SubmitFormAsync("/account/login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = TammuzMember,
            ["Input.Password"] = PortalFactory.DemoPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (client, cookies);
    }

    private static async Task<HubConnection> ConnectAsync(string url, CookieContainer cookies)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(url), ChatHub.Path), o => o.Headers["Cookie"] = cookies.GetCookieHeader(new Uri(url)))
            .Build();
        await hub.StartAsync();
        return hub;
    }

    /// <summary>For bench/CrashConsistency: what the run did, as JSON, where <c>CRASH_SUMMARY</c> says.</summary>
    private static void WriteSummary(int cycles, Dictionary<string, List<string>> acknowledged)
    {
        if (Environment.GetEnvironmentVariable("CRASH_SUMMARY") is { Length: > 0 } path)
        {
            var counts = acknowledged.ToDictionary(a => a.Key, a => (object)a.Value.Count);
            counts["cycles"] = cycles;
            File.WriteAllText(path, JsonSerializer.Serialize(counts));
        }
    }

    public void Dispose()
    {
        try
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean up.
        }
    }
}
