using System.Net;
using Ihec.Portal.Features.Chat;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Ihec.Portal.Tests.ScaleOut;

/// <summary>
/// Two portal instances, as behind a load balancer: one SQLite database file, one real Redis, and nothing else in
/// common (each has its own data folder, so no key folder is shared: the data-protection keys are in Redis).
/// </summary>
public sealed class ScaleOutPortals : IAsyncLifetime
{
    private readonly string sharedFolder = Path.Combine(Path.GetTempPath(), "ihec-portal-tests", "scale-out-" + Guid.NewGuid().ToString("N"));

    public RedisServer Redis { get; private set; } = null!;

    /// <summary>The prefix both instances put before their channels: unique, so nothing else on the server is heard.</summary>
    public string ChannelPrefix { get; } = "ihec-test-" + Guid.NewGuid().ToString("N")[..8] + ":";

    public ScaleOutInstance A { get; private set; } = null!;

    public ScaleOutInstance B { get; private set; } = null!;

    private string database = null!;

    /// <summary>A third instance on the same database and Redis, started; the test disposes it (stopping an instance).</summary>
    public ScaleOutInstance StartAnother()
    {
        var instance = new ScaleOutInstance(database, Redis.ConnectionString, ChannelPrefix);
        _ = instance.Server;
        return instance;
    }

    public Task InitializeAsync()
    {
        Redis = new RedisServer();
        Directory.CreateDirectory(sharedFolder);
        database = $"Data Source={Path.Combine(sharedFolder, "portal.db")}";
        // One after the other: A migrates, seeds and creates the first data-protection key; B finds them.
        A = new ScaleOutInstance(database, Redis.ConnectionString, ChannelPrefix);
        _ = A.Server;
        B = new ScaleOutInstance(database, Redis.ConnectionString, ChannelPrefix);
        _ = B.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (B is not null)
        {
            await B.DisposeAsync();
        }

        if (A is not null)
        {
            await A.DisposeAsync();
        }

        Redis?.Dispose();
        try
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(sharedFolder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean up.
        }
    }
}

/// <summary>One instance of the portal on the shared database and Redis.</summary>
public sealed class ScaleOutInstance(string database, string redis, string channelPrefix) : PortalFactory
{
    /// <summary>Short, so the tests see a stopped instance's users drop off quickly (the default is 45 s).</summary>
    public static readonly TimeSpan PresenceExpiry = TimeSpan.FromSeconds(3);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:ConnectionString"] = database,
        ["Redis:ConnectionString"] = redis,
        ["Redis:ChannelPrefix"] = channelPrefix,
        ["Redis:DataProtectionKey"] = channelPrefix + "data-protection-keys",
        ["Chat:MessagesPerWindow"] = "10000",
        ["Chat:Presence:Expiry"] = PresenceExpiry.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Signs in through this instance's sign-in form and returns the session's <c>Cookie</c> header.</summary>
    public async Task<string> SignInAsync(string email)
    {
        var container = new CookieContainer();
        using var client = CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(container));
        var response = await client.SubmitFormAsync("/account/login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = DemoPassword,
        });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode}");
        }

        return container.GetCookieHeader(new Uri("http://localhost"));
    }

    /// <summary>A client of this instance that sends the given cookies and does not follow redirects.</summary>
    public HttpClient ClientWithCookie(string cookie)
    {
        var client = CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    /// <summary>A started chat hub connection to this instance carrying the cookie, over MessagePack when asked (JSON otherwise).</summary>
    public async Task<HubConnection> ConnectAsync(string cookie, bool messagePack = false)
    {
        var server = Server;
        var builder = new HubConnectionBuilder();
        if (messagePack)
        {
            builder.AddMessagePackProtocol();
        }

        var connection = builder
            .WithUrl(new Uri(server.BaseAddress, ChatHub.Path), o =>
            {
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                o.Headers["Cookie"] = cookie;
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }
}
