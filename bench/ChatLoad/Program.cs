// Chat load benchmark: real .NET SignalR clients on loopback against the portal's hub /hubs/chat (the real portal,
// SQLite, cookie authentication), and, in the same run, against a bare SignalR echo hub without persistence, with the
// same client pattern. Half the connections are CSO members, each in its own conversation; the other half are media
// unit agents, one per conversation, answering every message. Measures delivery latency (send -> received by the
// other side), messages per second, server memory per connection, and messages lost or duplicated.
// Usage: dotnet run -c Release --project bench/ChatLoad -- [--connections 200,1000] [--seconds 30] [--interval 4] [--warmup 15] [--wal]
// --wal switches the portal's SQLite file to write-ahead logging before the load; the portal now does that itself on every connection (SqliteTuning), so it changes nothing.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Claims;
using Ihec.Portal.Features.Chat;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Shared.Organisations;
using Ihec.Portal.Shared.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ihec.Bench.ChatLoad;

public static class ChatLoadProgram
{
    public static async Task<int> Main(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        return args.FirstOrDefault() switch
        {
            "serve-portal" => await Servers.PortalAsync(int.Parse(args[1], CultureInfo.InvariantCulture), args.Contains("--wal")),
            "serve-echo" => await Servers.EchoAsync(),
            _ => await LoadAsync(Options.Parse(args)),
        };
    }

    private static async Task<int> LoadAsync(Options options)
    {
        using var gcTrace = Trace.Folder is { } folder ? new GcTrace(Path.Combine(folder, "client-gc.csv")) : null;
        Console.WriteLine($"connections={string.Join(',', options.Connections)} seconds={options.Seconds} interval={options.Interval} s warmup={options.Warmup} s{(options.Wal ? " wal (experiment: the portal's SQLite file in write-ahead logging)" : "")}");
        Console.WriteLine($"{Environment.ProcessorCount} logical processors, .NET {Environment.Version}, load average at start: {BenchReport.LoadAverage()}");
        var failed = false;
        foreach (var connections in options.Connections)
        {
            var pairs = connections / 2;
            var echo = await Scenario.RunAsync("echo", pairs, options);
            var portal = await Scenario.RunAsync("portal", pairs, options);
            Console.WriteLine();
            Console.WriteLine($"| {connections:N0} connections | p50 ms | p99 ms | max ms | msgs/s | server heap KB/conn | server RSS KB/conn | lost | duplicated | send errors | reconnects | resent | closed for good |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var r in new[] { echo, portal })
            {
                Console.WriteLine($"| {r.Target} | {r.P50:F2} | {r.P99:F2} | {r.Max:F1} | {r.PerSecond:F1} | {r.HeapPerConnection / 1024:F1} | {r.RssPerConnection / 1024:F1} | {r.Lost} | {r.Duplicated} | {r.SendErrors} | {r.Reconnects} | {r.Resent} | {r.Disconnects} |");
            }

            Console.WriteLine($"portal send acknowledgement (invoke round trip): p50 {portal.AckP50:F2} ms, p99 {portal.AckP99:F2} ms; echo: p50 {echo.AckP50:F2} ms, p99 {echo.AckP99:F2} ms");
            Console.WriteLine($"load average after: {BenchReport.LoadAverage()}");
            var ratio = portal.P99 / echo.P99;
            var clean = portal.Lost == 0 && portal.Duplicated == 0 && echo.Lost == 0 && echo.Duplicated == 0 && portal.SendErrors == 0;
            failed |= !clean;
            BenchReport.Summary("ChatLoad", $"{connections:N0} connections{(options.Wal ? ", experiment: SQLite WAL" : "")}",
                $"p50 {portal.P50:F1} ms, p99 {portal.P99:F1} ms, {portal.PerSecond:F0} msg/s, {portal.HeapPerConnection / 1024:F0} KB heap/conn, lost {portal.Lost}, dup {portal.Duplicated}, errors {portal.SendErrors}, reconnects {portal.Reconnects}",
                $"echo hub: p50 {echo.P50:F1} ms, p99 {echo.P99:F1} ms, {echo.PerSecond:F0} msg/s, {echo.HeapPerConnection / 1024:F0} KB heap/conn",
                $"p99 {ratio:F1}x",
                "p99 ≤ 3x baseline at 1,000; none lost or duplicated",
                ratio <= 3 && clean);
        }

        return failed ? 1 : 0;
    }
}

internal sealed record Options(int[] Connections, int Seconds, double Interval, int Warmup, bool Wal)
{
    public static Options Parse(string[] args)
    {
        var connections = new[] { 200, 1000 };
        var seconds = 30;
        var interval = 4.0;
        var warmup = 15;
        var wal = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--connections": connections = args[++i].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(); break;
                case "--seconds": seconds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--interval": interval = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--wal": wal = true; break;
                default: throw new ArgumentException($"Unknown argument {args[i]}");
            }
        }

        // Each user sends one message per interval: the portal's own limit (ChatOptions, 30 a minute) is kept.
        if (interval < 2.5)
        {
            throw new ArgumentException("--interval below 2.5 s would exceed the portal's chat rate limit (30 messages a minute per user).");
        }

        return new Options(connections, seconds, interval, warmup, wal);
    }
}

internal sealed record Result(string Target, double P50, double P99, double Max, double PerSecond, double HeapPerConnection, double RssPerConnection,
    int Lost, int Duplicated, int SendErrors, int Disconnects, double AckP50, double AckP99, int Reconnects, int Resent);

/// <summary>The server side, in a child process so its memory is its own: the portal, or the bare echo hub.</summary>
internal static class Servers
{
    public static async Task<int> PortalAsync(int pairs, bool wal)
    {
        // The portal as configured by default (chat rate limit included); nothing changed but quieter logging.
        await using var portal = new BenchPortal();
        var url = portal.Start();
        if (wal)
        {
            // The experiment: write-ahead logging is a property of the database file, so every connection of the portal uses it.
            await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            Console.Error.WriteLine($"[portal] journal_mode={await command.ExecuteScalarAsync()}");
        }

        var started = Stopwatch.GetTimestamp();
        var setup = Path.Combine(portal.DataFolder, "bench-pairs.tsv");
        await File.WriteAllLinesAsync(setup, await SeedAsync(portal.Services, pairs));
        Console.Error.WriteLine($"[portal] seeded {pairs:N0} organisation members, {pairs:N0} media unit agents and {pairs:N0} conversations, cookies made, in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        return await ServeAsync(url + "hubs/chat", setup);
    }

    public static async Task<int> EchoAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSignalR();
        await using var app = builder.Build();
        app.MapHub<EchoHub>("/hubs/echo", o => o.Transports = HttpTransportType.WebSockets | HttpTransportType.LongPolling);
        await app.StartAsync();
        return await ServeAsync(app.Urls.First(u => u.StartsWith("http://", StringComparison.Ordinal)) + "/hubs/echo", "-");
    }

    /// <summary>Answers the load generator on stdin: MEM (full GC, then managed heap and working set), QUIT.</summary>
    private static async Task<int> ServeAsync(string hubUrl, string setup)
    {
        using var gcTrace = Trace.Folder is { } folder ? new GcTrace(Path.Combine(folder, $"server-{Environment.ProcessId}-gc.csv")) : null;
        Console.WriteLine($"@@READY {hubUrl} {setup}");
        while (await Console.In.ReadLineAsync() is { } line)
        {
            if (line == "MEM")
            {
                var heap = GC.GetTotalMemory(forceFullCollection: true);
                using var self = Process.GetCurrentProcess();
                Console.WriteLine($"@@MEM {heap} {self.WorkingSet64}");
            }
            else if (line == "QUIT")
            {
                break;
            }
        }

        return 0;
    }

    /// <summary>
    /// Accredited organisations of 10 members, one conversation per member, one media unit account per conversation
    /// (two-factor enrolled, as the unit's accounts must be), written straight to the database. Each account's cookie is
    /// made as a sign-in makes it: the portal's own claims principal factory and the auth cookie's ticket format (the
    /// data protection keys of this portal), with the sign-in's "amr" claim.
    /// Returns lines "memberCookie TAB agentCookie TAB conversationId".
    /// </summary>
    private static async Task<List<string>> SeedAsync(IServiceProvider services, int pairs)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var users = sp.GetRequiredService<UserManager<PortalUser>>();
        var now = DateTimeOffset.UtcNow;
        var members = new List<PortalUser>();
        var agents = new List<PortalUser>();
        var conversations = new List<Conversation>();
        await using (var db = await sp.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var roles = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id);
            PortalUser NewUser(string email, string name, Guid? organisationId, string role)
            {
                var user = new PortalUser
                {
                    UserName = email,
                    NormalizedUserName = users.NormalizeName(email),
                    Email = email,
                    NormalizedEmail = users.NormalizeEmail(email),
                    EmailConfirmed = true,
                    DisplayName = name,
                    OrganisationId = organisationId,
                    PreferredCulture = "ar",
                    CreatedAt = now,
                    SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
                    ConcurrencyStamp = Guid.NewGuid().ToString(),
                    LockoutEnabled = true,
                    TwoFactorEnabled = organisationId is null,
                };
                db.Users.Add(user);
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roles[role] });
                return user;
            }

            Organisation? organisation = null;
            for (var i = 0; i < pairs; i++)
            {
                if (i % 10 == 0)
                {
                    var n = i / 10;
                    organisation = new Organisation
                    {
                        Reference = $"CSO-BENCH-{n:D5}",
                        NameAr = $"منظمة القياس {n}",
                        NameCkb = $"ڕێکخراوی پێوانە {n}",
                        NameEn = $"Benchmark organisation {n}",
                        RegistrationNumber = $"BENCH-{n:D5}",
                        ContactName = "Contact",
                        ContactEmail = $"contact{n}@bench.example",
                        ContactPhone = "+964770000000",
                        Status = OrganisationStatus.Accredited,
                        AppliedAt = now.AddDays(-30),
                        DecidedAt = now.AddDays(-20),
                        AccreditedAt = now.AddDays(-20),
                    };
                    db.Organisations.Add(organisation);
                }

                var member = NewUser($"member{i}@bench.example", $"عضو {i}", organisation!.Id, PortalRoles.CsoMember);
                members.Add(member);
                agents.Add(NewUser($"agent{i}@bench.ihec.iq", $"Media agent {i}", null, PortalRoles.IhecMedia));
                var conversation = new Conversation
                {
                    OrganisationId = organisation.Id,
                    Topic = $"موعد فتح مراكز الاقتراع {i}",
                    Language = "ar",
                    State = ConversationState.Open,
                    StartedByUserId = member.Id,
                    StartedByName = member.DisplayName,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                db.Add(conversation);
                conversations.Add(conversation);
            }

            await db.SaveChangesAsync();
        }

        var principals = sp.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>();
        var cookie = sp.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        async Task<string> CookieAsync(PortalUser user, string amr)
        {
            var principal = await principals.CreateAsync(user);
            ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim("amr", amr));
            var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + cookie.ExpireTimeSpan };
            return cookie.Cookie.Name + "=" + cookie.TicketDataFormat.Protect(new AuthenticationTicket(principal, properties, IdentityConstants.ApplicationScheme));
        }

        var lines = new List<string>();
        for (var i = 0; i < pairs; i++)
        {
            lines.Add($"{await CookieAsync(members[i], "pwd")}\t{await CookieAsync(agents[i], "mfa")}\t{conversations[i].Id}");
        }

        return lines;
    }
}

/// <summary>The baseline: the same calls and the same message shape, no authentication, no database; a counter per conversation.</summary>
public sealed class EchoHub : Hub
{
    private static readonly ConcurrentDictionary<Guid, long> Sequences = new();

    public async Task<ChatResult<IReadOnlyList<ChatMessageView>>> Join(Guid conversationId, long afterSequence)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, conversationId.ToString("N"));
        return ChatResult<IReadOnlyList<ChatMessageView>>.Ok([]);
    }

    public async Task<ChatResult<ChatMessageView>> Send(Guid conversationId, string clientMessageId, string text)
    {
        var message = new ChatMessageView(conversationId, Sequences.AddOrUpdate(conversationId, 1, (_, s) => s + 1), clientMessageId,
            Context.ConnectionId, "", false, ChatMessageKind.Message, text, DateTimeOffset.UtcNow);
        await Clients.Group(conversationId.ToString("N")).SendAsync(nameof(IChatClient.MessageReceived), message);
        return ChatResult<ChatMessageView>.Ok(message);
    }
}

/// <summary>One CSO member and one agent in one conversation, each on its own connection.</summary>
internal sealed class Pair(int index, Guid conversationId)
{
    public int Index { get; } = index;
    public Guid ConversationId { get; } = conversationId;
    public HubConnection Member { get; set; } = null!;
    public HubConnection Agent { get; set; } = null!;
    public ConcurrentBag<ChatMessageView> Stored { get; } = [];
    public Side MemberSide { get; } = new();
    public Side AgentSide { get; } = new();
}

/// <summary>What one end has received: every live delivery (to find duplicates), and the sequence numbers it has, live or by catch-up.</summary>
internal sealed class Side
{
    public List<long> Live { get; } = [];
    public HashSet<long> Have { get; } = [];

    public long Last => Have.Count == 0 ? 0 : Have.Max();
}

internal sealed class Scenario
{
    private const string MemberText = "السلام عليكم، نحتاج توضيحاً بشأن موعد فتح مراكز الاقتراع في الدائرة الانتخابية رقم ";
    private const string AgentText = "Thank you: polling stations open at 7:00 and close at 18:00 in constituency ";

    private readonly ConcurrentDictionary<string, long> sentAt = new();
    private readonly List<double> latencies = [];
    private readonly List<(long Sent, double Milliseconds)> traced = [];
    private readonly List<double> acks = [];
    private long measureFrom = long.MaxValue;
    private long measureTo = long.MaxValue;
    private int pendingReplies;
    private int sendErrors;
    private int disconnects;
    private int reconnects;
    private int resent;
    private volatile bool closing;
    private int storedInWindow;

    public static async Task<Result> RunAsync(string target, int pairs, Options options)
    {
        var scenario = new Scenario();
        return await scenario.RunCoreAsync(target, pairs, options);
    }

    private async Task<Result> RunCoreAsync(string target, int pairs, Options options)
    {
        var started = Stopwatch.GetTimestamp();
        using var server = await ServerProcess.StartAsync(target == "portal"
            ? ["serve-portal", pairs.ToString(CultureInfo.InvariantCulture), .. options.Wal ? new[] { "--wal" } : []]
            : ["serve-echo"]);
        var hub = new Uri(server.HubUrl);
        var setup = server.Setup == "-"
            ? Enumerable.Range(0, pairs).Select(_ => (Member: (string?)null, Agent: (string?)null, Conversation: Guid.NewGuid())).ToList()
            : (await File.ReadAllLinesAsync(server.Setup)).Select(l => l.Split('\t')).Select(p => (Member: (string?)p[0], Agent: (string?)p[1], Conversation: Guid.Parse(p[2]))).ToList();
        var list = setup.Select((s, i) => new Pair(i, s.Conversation)).ToList();
        var (heap0, rss0) = await server.MemoryAsync();

        await Parallel.ForEachAsync(list, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (pair, _) =>
        {
            pair.Member = await ConnectAsync(hub, setup[pair.Index].Member, pair, agent: false);
            pair.Agent = await ConnectAsync(hub, setup[pair.Index].Agent, pair, agent: true);
            foreach (var connection in new[] { pair.Member, pair.Agent })
            {
                var joined = await connection.InvokeAsync<ChatResult<IReadOnlyList<ChatMessageView>>>("Join", pair.ConversationId, 0L);
                if (!joined.Succeeded)
                {
                    throw new InvalidOperationException($"Join failed: {joined.ErrorText}");
                }
            }
        });
        var (heap1, rss1) = await server.MemoryAsync();
        var connections = pairs * 2;
        Console.Error.WriteLine($"[{target}] {connections:N0} connections open and joined after {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s; server heap {heap0 / 1e6:F1} -> {heap1 / 1e6:F1} MB, RSS {rss0 / 1e6:F1} -> {rss1 / 1e6:F1} MB");

        var begin = Stopwatch.GetTimestamp();
        measureFrom = begin + (long)(options.Warmup * Stopwatch.Frequency);
        measureTo = measureFrom + (long)(options.Seconds * Stopwatch.Frequency);
        var intervalTicks = (long)(options.Interval * Stopwatch.Frequency);
        var random = new Random(2026);
        var loops = list.Select(pair => MemberLoopAsync(pair, begin + random.NextInt64(intervalTicks), intervalTicks)).ToList();
        await Task.WhenAll(loops);
        while (Volatile.Read(ref pendingReplies) > 0)
        {
            await Task.Delay(50);
        }

        // Wait for every stored message to reach both sides (or 30 s: whatever is missing then is lost).
        var drainUntil = Stopwatch.GetTimestamp() + 30 * Stopwatch.Frequency;
        while (Stopwatch.GetTimestamp() < drainUntil && list.Any(p => Missing(p) > 0))
        {
            await Task.Delay(100);
        }

        var (heap2, rss2) = await server.MemoryAsync();
        int lost = 0, duplicated = 0;
        foreach (var pair in list)
        {
            var stored = pair.Stored.ToList();
            // Two stored messages with one sequence number, or one client id stored twice, are duplicates too.
            duplicated += stored.Count - stored.Select(m => m.Sequence).Distinct().Count();
            duplicated += stored.Count - stored.Select(m => m.ClientMessageId).Distinct().Count();
            foreach (var side in new[] { pair.MemberSide, pair.AgentSide })
            {
                lock (side)
                {
                    // Lost: stored, but the end has it neither live nor from the catch-up after a reconnect.
                    lost += stored.Select(m => m.Sequence).Except(side.Have).Count();
                    // Duplicated: the server delivered one message twice live (a catch-up overlapping live delivery is expected, and the client keeps one).
                    duplicated += side.Live.Count - side.Live.Distinct().Count();
                }
            }
        }

        closing = true;
        await Parallel.ForEachAsync(list, async (pair, _) =>
        {
            await pair.Member.DisposeAsync();
            await pair.Agent.DisposeAsync();
        });
        await server.StopAsync();

        if (Trace.Folder is { } folder)
        {
            await File.WriteAllLinesAsync(Path.Combine(folder, $"{target}-{connections}-deliveries.csv"),
                traced.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Sent},{t.Milliseconds:F3}")));
        }

        latencies.Sort();
        acks.Sort();
        var result = new Result(target, BenchReport.Percentile(latencies, 50), BenchReport.Percentile(latencies, 99), latencies.LastOrDefault(),
            storedInWindow / (double)options.Seconds, (heap1 - heap0) / (double)connections, (rss1 - rss0) / (double)connections,
            lost, duplicated, sendErrors, disconnects, BenchReport.Percentile(acks, 50), BenchReport.Percentile(acks, 99), reconnects, resent);
        Console.Error.WriteLine($"[{target}] {latencies.Count:N0} deliveries timed; after the load: server heap {heap2 / 1e6:F1} MB, RSS {rss2 / 1e6:F1} MB; {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s in all");
        return result;
    }

    private static int Missing(Pair pair)
    {
        var expected = pair.Stored.Count;
        lock (pair.MemberSide)
        {
            lock (pair.AgentSide)
            {
                return Math.Max(0, expected - pair.MemberSide.Have.Count) + Math.Max(0, expected - pair.AgentSide.Have.Count);
            }
        }
    }

    private async Task<HubConnection> ConnectAsync(Uri hub, string? cookie, Pair pair, bool agent)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(hub, o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                if (cookie is not null)
                {
                    o.Headers["Cookie"] = cookie;
                }
            })
            // As the portal's clients do: reconnect, then catch up from the last sequence number held (below).
            .WithAutomaticReconnect([TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10),
                TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10)])
            .Build();
        // A saturated server may be slow to send keep-alives; the client waits longer than its 30 s default before giving up.
        connection.ServerTimeout = TimeSpan.FromMinutes(2);
        connection.HandshakeTimeout = TimeSpan.FromMinutes(1);
        connection.Closed += _ =>
        {
            if (!closing)
            {
                Interlocked.Increment(ref disconnects);
            }

            return Task.CompletedTask;
        };
        var side = agent ? pair.AgentSide : pair.MemberSide;
        var fromOther = agent ? "m-" : "a-";
        void Receive(ChatMessageView message, bool live)
        {
            var now = Stopwatch.GetTimestamp();
            lock (side)
            {
                if (live)
                {
                    side.Live.Add(message.Sequence);
                }

                if (!side.Have.Add(message.Sequence))
                {
                    return;
                }
            }

            if (!message.ClientMessageId.StartsWith(fromOther, StringComparison.Ordinal))
            {
                return;
            }

            // Latency to the first time this end has the message, live or by catch-up.
            if (sentAt.TryGetValue(message.ClientMessageId, out var sent) && sent >= measureFrom && sent < measureTo)
            {
                lock (latencies)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
                    traced.Add((sent, latencies[^1]));
                }
            }

            if (agent)
            {
                // The agent answers at once; never awaited inside the handler (it would hold up this connection's messages).
                Interlocked.Increment(ref pendingReplies);
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await SendAsync(pair.Agent, pair, "a-" + message.ClientMessageId[2..], AgentText + pair.Index.ToString(CultureInfo.InvariantCulture));
                    }
                    finally
                    {
                        Interlocked.Decrement(ref pendingReplies);
                    }
                });
            }
        }

        connection.On<ChatMessageView>(nameof(IChatClient.MessageReceived), message => Receive(message, live: true));
        connection.Reconnecting += _ =>
        {
            Interlocked.Increment(ref reconnects);
            return Task.CompletedTask;
        };
        connection.Reconnected += async _ =>
        {
            long last;
            lock (side)
            {
                last = side.Last;
            }

            try
            {
                var missed = await connection.InvokeAsync<ChatResult<IReadOnlyList<ChatMessageView>>>("Join", pair.ConversationId, last);
                foreach (var message in missed.Value ?? [])
                {
                    Receive(message, live: false);
                }
            }
            catch (Exception exception)
            {
                Console.Error.WriteLine($"catch-up failed: {exception.GetType().Name}: {exception.Message}");
            }
        };
        await connection.StartAsync();
        return connection;
    }

    private async Task MemberLoopAsync(Pair pair, long next, long interval)
    {
        for (var i = 0; ; i++)
        {
            var wait = next - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(wait / (double)Stopwatch.Frequency));
            }

            if (Stopwatch.GetTimestamp() >= measureTo)
            {
                return;
            }

            await SendAsync(pair.Member, pair, $"m-{pair.Index}-{i}", MemberText + i.ToString(CultureInfo.InvariantCulture));
            next += interval;
        }
    }

    private async Task SendAsync(HubConnection connection, Pair pair, string clientMessageId, string text)
    {
        var sent = Stopwatch.GetTimestamp();
        sentAt[clientMessageId] = sent;
        try
        {
            ChatResult<ChatMessageView> result;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    result = await connection.InvokeAsync<ChatResult<ChatMessageView>>("Send", pair.ConversationId, clientMessageId, text);
                    break;
                }
                catch (Exception) when (attempt < 5 && !closing)
                {
                    // The connection dropped: as the portal's clients do, send again with the same client message id once it
                    // is back (the server stores it once and returns the stored message).
                    var until = Stopwatch.GetTimestamp() + 60 * Stopwatch.Frequency;
                    while (connection.State != HubConnectionState.Connected && Stopwatch.GetTimestamp() < until)
                    {
                        await Task.Delay(200);
                    }

                    Interlocked.Increment(ref resent);
                }
            }

            if (!result.Succeeded)
            {
                Interlocked.Increment(ref sendErrors);
                Console.Error.WriteLine($"send refused: {result.Error} {result.ErrorText}");
                return;
            }

            pair.Stored.Add(result.Value!);
            if (sent >= measureFrom && sent < measureTo)
            {
                Interlocked.Increment(ref storedInWindow);
                lock (acks)
                {
                    acks.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                }
            }
        }
        catch (Exception exception)
        {
            Interlocked.Increment(ref sendErrors);
            Console.Error.WriteLine($"send failed: {exception.GetType().Name}: {exception.Message}");
        }
    }
}

/// <summary>This program run again as <c>serve-portal</c> or <c>serve-echo</c>, spoken to over stdin and stdout.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process process;
    private readonly System.Threading.Channels.Channel<string> lines = System.Threading.Channels.Channel.CreateUnbounded<string>();

    private ServerProcess(Process process)
    {
        this.process = process;
        _ = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("@@", StringComparison.Ordinal))
                {
                    await lines.Writer.WriteAsync(line[2..]);
                }
            }

            lines.Writer.TryComplete();
        });
    }

    public string HubUrl { get; private set; } = "";

    public string Setup { get; private set; } = "";

    public static async Task<ServerProcess> StartAsync(string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (string.Equals(Path.GetFileNameWithoutExtension(Environment.ProcessPath), "dotnet", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(ServerProcess).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var server = new ServerProcess(Process.Start(start)!);
        var ready = (await server.ReadAsync("READY")).Split(' ');
        server.HubUrl = ready[0];
        server.Setup = ready[1];
        return server;
    }

    private async Task<string> ReadAsync(string kind)
    {
        var line = await lines.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(5));
        return line.StartsWith(kind + " ", StringComparison.Ordinal) ? line[(kind.Length + 1)..] : throw new InvalidOperationException($"Expected {kind}, got {line}");
    }

    public async Task<(long Heap, long Rss)> MemoryAsync()
    {
        await process.StandardInput.WriteLineAsync("MEM");
        await process.StandardInput.FlushAsync();
        var parts = (await ReadAsync("MEM")).Split(' ');
        return (long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    public async Task StopAsync()
    {
        await process.StandardInput.WriteLineAsync("QUIT");
        await process.StandardInput.FlushAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }
}

/// <summary>
/// Diagnostics: with <c>CHATLOAD_TRACE</c> set to a folder, the generator writes each timed delivery (send time in
/// Stopwatch ticks, latency in ms) and each server process its garbage collections (start and end in Stopwatch ticks,
/// generation, pause), so slow deliveries can be lined up with what the server was doing. Stopwatch ticks are the
/// system's monotonic clock on Linux, the same in every process.
/// </summary>
internal static class Trace
{
    public static string? Folder { get; } = Environment.GetEnvironmentVariable("CHATLOAD_TRACE") is { Length: > 0 } folder
        ? Directory.CreateDirectory(folder).FullName
        : null;
}

internal sealed class GcTrace : System.Diagnostics.Tracing.EventListener
{
    private readonly StreamWriter writer;
    private readonly DateTime anchorUtc = DateTime.UtcNow;
    private readonly long anchorTicks = Stopwatch.GetTimestamp();
    private readonly Lock gate = new();
    private long startedAt;
    private long suspendedAt;
    private int generation;

    public GcTrace(string path)
    {
        writer = new StreamWriter(path) { AutoFlush = true };
        writer.WriteLine("start,end,generation,pause_ms,suspend_ms");
        foreach (var source in EventSources())
        {
            OnEventSourceCreated(source);
        }
    }

    private static IEnumerable<System.Diagnostics.Tracing.EventSource> EventSources() => System.Diagnostics.Tracing.EventSource.GetSources();

    protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            // GC keyword (0x1) at Informational: GCStart, GCEnd, GCSuspendEE, GCRestartEEEnd.
            EnableEvents(eventSource, System.Diagnostics.Tracing.EventLevel.Informational, (System.Diagnostics.Tracing.EventKeywords)0x1);
        }
    }

    private long Ticks(DateTime utc) => anchorTicks + (long)((utc - anchorUtc).TotalSeconds * Stopwatch.Frequency);

    protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
    {
        if (writer is null)
        {
            return;
        }

        lock (gate)
        {
            switch (e.EventName)
            {
                case "GCSuspendEEBegin_V1":
                    startedAt = Ticks(e.TimeStamp);
                    break;
                case "GCSuspendEEEnd_V1":
                    suspendedAt = Ticks(e.TimeStamp);
                    break;
                case "GCStart_V2":
                    generation = Convert.ToInt32(e.Payload![1], CultureInfo.InvariantCulture);
                    break;
                case "GCRestartEEEnd_V1":
                    var end = Ticks(e.TimeStamp);
                    writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{startedAt},{end},{generation},{(end - startedAt) * 1000.0 / Stopwatch.Frequency:F3},{(suspendedAt - startedAt) * 1000.0 / Stopwatch.Frequency:F3}"));
                    break;
            }
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        lock (gate)
        {
            writer.Dispose();
        }
    }
}
