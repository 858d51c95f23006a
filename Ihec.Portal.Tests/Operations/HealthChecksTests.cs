using System.Net;
using Ihec.Portal.Tests.Infrastructure;

namespace Ihec.Portal.Tests.Operations;

public sealed class HealthChecksTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Liveness_answers_without_asking_any_dependency()
    {
        var live = await Readiness.GetAsync(portal.CreateClient(), "/healthz");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", live.Status);
        Assert.Empty(live.Checks);
    }

    [Fact]
    public async Task Readiness_lists_the_database_and_the_embedded_tally_engine_as_healthy()
    {
        var ready = await Readiness.GetAsync(portal.CreateClient());

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", ready.Status);
        Assert.Equal("Healthy", ready.Checks["database"]);
        Assert.Equal("Healthy", ready.Checks["tally-engine"]);
        Assert.False(ready.Checks.ContainsKey("redis"), "Redis is not configured: it is not a dependency.");
        Assert.DoesNotContain(portal.DataFolder, ready.Body);
        Assert.DoesNotContain("Data Source", ready.Body);
    }

    [Fact]
    public async Task A_database_that_cannot_be_opened_makes_the_portal_not_ready()
    {
        await using var broken = new PortalFactory();
        var client = broken.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await Readiness.GetAsync(client)).StatusCode);

        // Close the pooled connections, then put a folder where the database file was: SQLite cannot open it.
        // The portal's background services (checkpointer, indexers) may open the database again between the delete and
        // the folder, making a new file: try again until the folder is in place.
        var file = Path.Combine(broken.DataFolder, "portal.db");
        for (var attempt = 1; !Directory.Exists(file); attempt++)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var path in new[] { file, file + "-wal", file + "-shm" }.Where(File.Exists))
            {
                File.Delete(path);
            }

            try
            {
                Directory.CreateDirectory(file);
            }
            catch (IOException) when (attempt < 20)
            {
                // A background service made the file again.
            }
        }

        var ready = await Readiness.GetAsync(client);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", ready.Status);
        Assert.Equal("Unhealthy", ready.Checks["database"]);
        Assert.Equal("Healthy", ready.Checks["tally-engine"]);
        Assert.DoesNotContain(file, ready.Body);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }
}

/// <summary>An HTTP tally engine at an address where nothing listens.</summary>
public sealed class UnreachableTallyEngineReadinessTests
{
    [Fact]
    public async Task An_unreachable_tally_engine_is_reported_unhealthy_with_503()
    {
        await using var portal = new UnreachableEngine(null);

        var ready = await Readiness.GetAsync(portal.CreateClient());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", ready.Status);
        Assert.Equal("Unhealthy", ready.Checks["tally-engine"]);
        Assert.Equal("Healthy", ready.Checks["database"]);
        Assert.DoesNotContain("127.0.0.1", ready.Body);
        Assert.DoesNotContain(UnreachableEngine.ApiKey, ready.Body);
    }

    [Fact]
    public async Task An_unreachable_tally_engine_can_be_reported_degraded_so_the_instance_keeps_serving()
    {
        await using var portal = new UnreachableEngine("Degraded");

        var ready = await Readiness.GetAsync(portal.CreateClient());

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Degraded", ready.Status);
        Assert.Equal("Degraded", ready.Checks["tally-engine"]);
    }

    private sealed class UnreachableEngine(string? failureStatus) : PortalFactory
    {
        public const string ApiKey = "readiness-test-key";

        protected override IDictionary<string, string?> Settings
        {
            get
            {
                var settings = Engine();
                if (failureStatus is not null)
                {
                    settings["TallyEngine:ReadinessFailureStatus"] = failureStatus;
                }

                return settings;
            }
        }

        private static Dictionary<string, string?> Engine() => new()
        {
            ["TallyEngine:Mode"] = "Http",
            ["TallyEngine:BaseUrl"] = "http://127.0.0.1:9/",
            ["TallyEngine:ApiKey"] = ApiKey,
            ["TallyEngine:RefreshInBackground"] = "false",
            ["TallyEngine:AttemptTimeout"] = "00:00:00.5",
            ["TallyEngine:TotalTimeout"] = "00:00:02",
            ["TallyEngine:MaxRetries"] = "1",
        };
    }
}
