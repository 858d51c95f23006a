using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ihec.Portal.Tests.Infrastructure;

namespace Ihec.Portal.Tests.Operations;

/// <summary><c>/readyz</c> with <c>Redis:ConnectionString</c> set, against Debian's <c>redis-server</c> on loopback.</summary>
public sealed class RedisReadinessTests
{
    [Fact]
    public async Task Readiness_reports_redis_and_turns_unhealthy_when_it_stops()
    {
        await using var redis = await LoopbackRedis.StartAsync();
        await using var portal = new RedisPortal(redis.ConnectionString);
        var client = portal.CreateClient();

        var ready = await Readiness.GetAsync(client);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", ready.Checks["redis"]);

        await redis.StopAsync();
        var down = await Readiness.GetAsync(client);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("Unhealthy", down.Checks["redis"]);
        Assert.Equal("Healthy", down.Checks["database"]);
        Assert.DoesNotContain(redis.ConnectionString, down.Body);
    }

    private sealed class RedisPortal(string connectionString) : PortalFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Redis:ConnectionString"] = connectionString,
        };
    }

    /// <summary>A throw-away <c>redis-server</c> on a free loopback port, without persistence.</summary>
    private sealed class LoopbackRedis : IAsyncDisposable
    {
        private readonly Process process;

        private LoopbackRedis(Process process, int port)
        {
            this.process = process;
            ConnectionString = $"127.0.0.1:{port},connectTimeout=2000,syncTimeout=2000,asyncTimeout=2000";
        }

        public string ConnectionString { get; }

        public static async Task<LoopbackRedis> StartAsync()
        {
            const string server = "/usr/bin/redis-server";
            Assert.True(File.Exists(server), "redis-server is missing: apt-get install redis-server (.ci/run installs it).");
            var port = FreePort();
            var process = Process.Start(new ProcessStartInfo(server)
            {
                ArgumentList = { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--protected-mode", "yes" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var redis = new LoopbackRedis(process, port);

            // Ready when it accepts a connection (no sleeping: each attempt waits on the socket).
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (true)
            {
                try
                {
                    using var socket = new TcpClient();
                    await socket.ConnectAsync(IPAddress.Loopback, port);
                    return redis;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
                {
                    await Task.Yield();
                }
            }
        }

        public async Task StopAsync()
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            process.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
