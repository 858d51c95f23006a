// Shared by the benchmarks that host the real portal (linked into their projects; not a benchmark itself).
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ihec.Bench;

/// <summary>
/// The real portal (its own <c>Program</c>, every module and middleware) on Kestrel on a loopback port, in the
/// Production environment, over its embedded defaults: SQLite in a fresh temporary data folder, demo data seeded.
/// Only logging is quietened (warnings and errors) and the extra settings given are applied.
/// </summary>
public sealed class BenchPortal : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> settings;

    public BenchPortal(IReadOnlyDictionary<string, string?>? settings = null)
    {
        this.settings = settings ?? new Dictionary<string, string?>();
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "ihec-portal-bench", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseStaticWebAssets();
        builder.UseSetting("DataFolder", DataFolder);
        builder.UseSetting("Demo:Enabled", "true");
        // Production settings with the demo data: refused unless named as unsafe (ProductionSafety).
        builder.UseSetting("Demo:UnsafeAllowInProduction", "true");
        builder.UseSetting("Portal:PublicBaseUrl", "http://127.0.0.1");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Starts Kestrel and returns its address (http://127.0.0.1:port).</summary>
    public Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(DataFolder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean up.
            }
        }
    }
}

/// <summary>Helpers every benchmark uses for its summary line and the machine's state.</summary>
public static class BenchReport
{
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    /// <summary>
    /// The line <c>bench/run</c> reads: <c>BENCH {json}</c> with name, case, measured, baseline, ratio, aim and met.
    /// </summary>
    public static void Summary(string name, string @case, string measured, string baseline, string ratio, string aim, bool? met)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["name"] = name,
            ["case"] = @case,
            ["measured"] = measured,
            ["baseline"] = baseline,
            ["ratio"] = ratio,
            ["aim"] = aim,
            ["met"] = met,
        }, new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Console.WriteLine("BENCH " + json);
    }
}
