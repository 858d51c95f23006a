using System.Collections.Concurrent;
using System.Net;
using Ihec.Portal.Features.Chat;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Ihec.Portal.Tests.Chat;

/// <summary>
/// The portal with real SignalR connections to <c>/hubs/chat</c> over the test server, each carrying the auth cookie
/// of a real sign-in through the sign-in form (one sign-in per account for the class).
/// </summary>
public sealed class ChatPortal : PortalFactory
{
    public const string TammuzMember = "member@tammuz.demo";
    public const string TammuzAdmin = "admin@tammuz.demo";
    public const string KirkukMember = "member@kirkuk-women.demo";
    public const string Media = "media@demo.ihec.iq";
    public const string Relations = "relations@demo.ihec.iq";

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> cookies = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        // The tests send many messages from few accounts; the limit itself is tested on ChatRateLimiter.
        ["Chat:MessagesPerWindow"] = "10000",
    };

    /// <summary>The <c>Cookie</c> header of a signed-in session of the account.</summary>
    public Task<string> CookieAsync(string email) => cookies.GetOrAdd(email, e => new Lazy<Task<string>>(() => SignInAsync(e))).Value;

    private async Task<string> SignInAsync(string email)
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

    /// <summary>
    /// A started connection as the account (or anonymous when <paramref name="email"/> is null), optionally with the portal's
    /// language cookie; over the MessagePack protocol alone when <paramref name="messagePack"/> (JSON otherwise).
    /// </summary>
    public async Task<HubConnection> ConnectAsync(string? email, string? language = null, bool messagePack = false)
    {
        var cookie = email is null ? null : await CookieAsync(email);
        if (language is not null)
        {
            cookie = (cookie is null ? "" : cookie + "; ") + ".AspNetCore.Culture=" + Uri.EscapeDataString($"c={language}|uic={language}");
        }

        var server = Server;
        var builder = new HubConnectionBuilder();
        if (messagePack)
        {
            builder.AddMessagePackProtocol();
        }

        var connection = builder
            .WithUrl(new Uri(server.BaseAddress, ChatHub.Path), o =>
            {
                // The test server has no sockets: long polling through its in-memory handler.
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                if (cookie is not null)
                {
                    o.Headers["Cookie"] = cookie;
                }
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }
}

/// <summary>Collects what a connection receives, and waits for a condition on it without sleeping.</summary>
public sealed class Inbox<T>
{
    private readonly List<T> items = [];
    private readonly List<(Func<IReadOnlyList<T>, bool> Condition, TaskCompletionSource Done)> waiters = [];

    public Inbox(HubConnection connection, string method) => connection.On<T>(method, Add);

    public IReadOnlyList<T> Items
    {
        get
        {
            lock (items)
            {
                return items.ToList();
            }
        }
    }

    private void Add(T item)
    {
        lock (items)
        {
            items.Add(item);
            foreach (var waiter in waiters.Where(w => w.Condition(items)).ToList())
            {
                waiters.Remove(waiter);
                waiter.Done.TrySetResult();
            }
        }
    }

    public async Task WaitForAsync(Func<IReadOnlyList<T>, bool> condition, string what)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (items)
        {
            if (condition(items))
            {
                return;
            }

            waiters.Add((condition, done));
        }

        try
        {
            await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Waited 30 s for {what}; received {Items.Count} item(s).");
        }
    }
}
