using System.Net;
using System.Text;
using System.Text.Json;
using Ihec.Portal.Features.Chat;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static Ihec.Portal.Tests.Violations.ViolationFlows;

namespace Ihec.Portal.Tests.Operations;

/// <summary>
/// Crash consistency: the built portal runs as a separate process while a client files violation reports with evidence
/// (HTTP forms, each with its submission key) and sends chat messages (the hub, each with its client message id); the
/// process is killed with SIGKILL at a random moment, restarted, and checked, cycle after cycle. After each restart:
/// every write the client saw acknowledged is stored exactly once, every evidence record's file exists and no file is
/// referenced twice, and the writes in flight at the kill (never acknowledged) resent with their keys are stored once.
/// At the end the transcript index agrees with the database. The suite runs <see cref="DefaultCycles"/> cycles;
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

    private readonly string folder = Path.Combine(Path.GetTempPath(), "ihec-portal-tests", "crash-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Writes_acknowledged_before_a_SIGKILL_are_there_exactly_once_with_their_files_and_resends_store_once()
    {
        var cycles = int.TryParse(Environment.GetEnvironmentVariable("CRASH_CYCLES"), out var n) && n > 0 ? n : DefaultCycles;
        var reports = new List<string>();
        var messages = new List<string>();
        (List<KeyValuePair<string, string>> Form, string Key)? pendingReport = null;
        string? pendingMessage = null;
        Guid conversation = default;
        var random = new Random(2026);
        var evidence = Encoding.ASCII.GetBytes("%PDF-1.4\n" + new string('x', 20_000));

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

            // What was in flight at the last kill is sent again with its key: stored once, however it went.
            if (pendingReport is { } resend)
            {
                await FileAsync(client, resend.Form, [("evidence", "e.pdf", evidence)]);
                reports.Add(resend.Key);
                pendingReport = null;
            }

            if (pendingMessage is { } id)
            {
                Assert.True((await hub.InvokeAsync<ChatResult<ChatMessageView>>("Send", conversation, id, "رسالة " + id)).Succeeded);
                messages.Add(id);
                pendingMessage = null;
            }

            Check(reports, messages);

            using var kill = new CancellationTokenSource();
            var reporting = Task.Run(async () =>
            {
                while (!kill.IsCancellationRequested)
                {
                    var key = Guid.NewGuid().ToString("N");
                    var form = Report("تقرير أثناء العمل " + key, key: key);
                    pendingReport = (form, key);
                    await FileAsync(client, form, [("evidence", "e.pdf", evidence)]);
                    reports.Add(key);
                    pendingReport = null;
                }
            });
            var chatting = Task.Run(async () =>
            {
                while (!kill.IsCancellationRequested)
                {
                    var id = Guid.NewGuid().ToString("N");
                    pendingMessage = id;
                    var result = await hub.InvokeAsync<ChatResult<ChatMessageView>>("Send", conversation, id, "رسالة " + id);
                    Assert.True(result.Succeeded, result.ErrorText);
                    messages.Add(id);
                    pendingMessage = null;
                }
            });

            await Task.Delay(random.Next(300, 2500));
            portal.Kill();
            await kill.CancelAsync();
            // The writers end with the connection's failure (or a write that still completed: acknowledged, then).
            await Task.WhenAll(reporting.ContinueWith(_ => { }), chatting.ContinueWith(_ => { }));
            await hub.DisposeAsync();
            client.Dispose();
        }

        // A last start, in process: everything still there, and the transcript index agrees with the database.
        await using var last = new FolderPortal(folder);
        await last.Services.GetRequiredService<ChatSearchIndexer>().CatchUpAsync();
        Check(reports, messages, pendingReport?.Key, pendingMessage);
        using var db = Open();
        Assert.Equal(Scalar(db, "SELECT COUNT(*) FROM ChatMessages WHERE trim(Text) <> ''"), last.Services.GetRequiredService<ChatSearchIndex>().Count);
        Assert.True(reports.Count >= cycles && messages.Count >= cycles, $"{reports.Count} reports, {messages.Count} messages acknowledged");
        WriteSummary(cycles, reports.Count, messages.Count);
    }

    /// <summary>The invariants, read from the database file and the files folder (the portal process is running or dead).</summary>
    private void Check(List<string> reports, List<string> messages, string? pendingReport = null, string? pendingMessage = null)
    {
        using var db = Open();
        foreach (var key in reports)
        {
            Assert.Equal(1, Scalar(db, "SELECT COUNT(*) FROM ViolationReports WHERE SubmissionKey = $p", key));
        }

        foreach (var id in messages)
        {
            Assert.Equal(1, Scalar(db, "SELECT COUNT(*) FROM ChatMessages WHERE ClientMessageId = $p", id));
        }

        // An unacknowledged write may or may not have been stored, but never twice.
        if (pendingReport is not null)
        {
            Assert.InRange(Scalar(db, "SELECT COUNT(*) FROM ViolationReports WHERE SubmissionKey = $p", pendingReport), 0, 1);
        }

        if (pendingMessage is not null)
        {
            Assert.InRange(Scalar(db, "SELECT COUNT(*) FROM ChatMessages WHERE ClientMessageId = $p", pendingMessage), 0, 1);
        }

        Assert.Equal(0, Scalar(db, "SELECT COUNT(*) FROM (SELECT FileId FROM ViolationEvidence GROUP BY FileId HAVING COUNT(*) > 1)"));
        Assert.Equal(0, Scalar(db, "SELECT COUNT(*) FROM ViolationReports r WHERE r.SubmissionKey <> '' AND r.Description LIKE 'تقرير أثناء العمل%' "
                                   + "AND NOT EXISTS (SELECT 1 FROM ViolationEvidence e WHERE e.ReportId = r.Id)"));
        using var command = db.CreateCommand();
        command.CommandText = "SELECT FileId FROM ViolationEvidence";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var file = reader.GetString(0);
            Assert.True(File.Exists(Path.Combine(folder, "files", file)), $"evidence file {file} missing");
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
    private static void WriteSummary(int cycles, int reports, int messages)
    {
        if (Environment.GetEnvironmentVariable("CRASH_SUMMARY") is { Length: > 0 } path)
        {
            File.WriteAllText(path, JsonSerializer.Serialize(new { cycles, reports, messages }));
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
