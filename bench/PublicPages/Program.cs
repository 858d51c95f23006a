// Public pages benchmark: requests per second and latency of a published report page of the real portal (anonymous,
// server-rendered, SQLite, every middleware), under load from a loopback load generator (wrk when installed, else an
// HttpClient generator in this process), against a bare Kestrel endpoint returning the same bytes, in the same run.
// Usage: dotnet run -c Release --project bench/PublicPages -- [--seconds 15] [--rounds 2] [--connections 32] [--path /reports/r-de0000000001] [--client wrk|dotnet]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Ihec.Portal.Features.Reports;
using Ihec.Portal.Infrastructure.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ihec.Bench.PublicPages;

public static partial class PublicPagesProgram
{
    public static async Task<int> Main(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var seconds = 15;
        var rounds = 2;
        var connections = 32;
        // The demo endorsed report (ReportDemo.PublicSlug), published to everyone.
        var path = "/reports/r-de0000000001";
        var client = File.Exists("/usr/bin/wrk") ? "wrk" : "dotnet";
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seconds": seconds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--rounds": rounds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--connections": connections = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--path": path = args[++i]; break;
                case "--client": client = args[++i]; break;
                default: throw new ArgumentException($"Unknown argument {args[i]}");
            }
        }

        Console.WriteLine($"path={path} seconds={seconds} rounds={rounds} connections={connections} client={client}");
        Console.WriteLine($"{Environment.ProcessorCount} logical processors, .NET {Environment.Version}, load average at start: {BenchReport.LoadAverage()}");

        await using var portal = new BenchPortal();
        var portalBase = portal.Start();
        using var http = new HttpClient { BaseAddress = portalBase };
        using var page = await http.GetAsync(path);
        var body = await page.Content.ReadAsByteArrayAsync();
        var contentType = page.Content.Headers.ContentType?.ToString() ?? "text/html; charset=utf-8";
        if (page.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{path} answered {(int)page.StatusCode}");
        }

        Console.WriteLine($"{path}: {body.Length:N0} bytes of {contentType}");
        if (path.StartsWith("/reports/r-", StringComparison.Ordinal))
        {
            await PartsAsync(portal.Services, path["/reports/".Length..]);
        }

        // The baseline: Kestrel in this process, one endpoint that writes the page's bytes, nothing else in the pipeline.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        await using var bare = builder.Build();
        bare.MapGet(path, () => Results.Bytes(body, contentType));
        await bare.StartAsync();
        var bareBase = new Uri(bare.Urls.First(u => u.StartsWith("http://", StringComparison.Ordinal)));
        var bareBody = await http.GetByteArrayAsync(new Uri(bareBase, path));
        if (!bareBody.AsSpan().SequenceEqual(body))
        {
            throw new InvalidOperationException("The bare endpoint does not return the same bytes.");
        }

        // Warm-up of both (JIT, caches) as long as a round: on a loaded machine the runtime's second-tier compilation of
        // the page's code takes several seconds to catch up (a 3 s warm-up left the first portal round 5x slower).
        var warmup = await LoadAsync(client, new Uri(portalBase, path), connections, seconds);
        Console.WriteLine($"warm-up portal: {warmup.PerSecond:F0} requests/s");
        warmup = await LoadAsync(client, new Uri(bareBase, path), connections, seconds);
        Console.WriteLine($"warm-up bare: {warmup.PerSecond:F0} requests/s");
        var results = new List<(string Target, Run Run)>();
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var (target, uri) in new[] { ("bare", new Uri(bareBase, path)), ("portal", new Uri(portalBase, path)) })
            {
                var run = await LoadAsync(client, uri, connections, seconds);
                results.Add((target, run));
                Console.WriteLine($"round {round} {target}: {run.PerSecond:F0} requests/s, p50 {run.P50:F2} ms, p99 {run.P99:F2} ms, errors {run.Errors}, load average {BenchReport.LoadAverage()}");
            }
        }

        // Where the time goes, roughly: the portal's pipeline alone (its health endpoint: every middleware, no page, no database).
        var health = await LoadAsync(client, new Uri(portalBase, "/healthz"), connections, seconds);
        Console.WriteLine($"portal /healthz (the middleware pipeline without a page): {health.PerSecond:F0} requests/s, p50 {health.P50:F2} ms, p99 {health.P99:F2} ms, errors {health.Errors}");

        var portalRuns = results.Where(r => r.Target == "portal").Select(r => r.Run).ToList();
        var bareRuns = results.Where(r => r.Target == "bare").Select(r => r.Run).ToList();
        var portalRps = portalRuns.Average(r => r.PerSecond);
        var bareRps = bareRuns.Average(r => r.PerSecond);
        var portalP99 = portalRuns.Average(r => r.P99);
        var bareP99 = bareRuns.Average(r => r.P99);
        var errors = portalRuns.Sum(r => r.Errors) + bareRuns.Sum(r => r.Errors);
        var share = portalRps / bareRps;
        Console.WriteLine();
        Console.WriteLine("| endpoint | requests/s | p50 ms | p99 ms | errors |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine($"| portal {path} | {portalRps:F0} | {portalRuns.Average(r => r.P50):F2} | {portalP99:F2} | {portalRuns.Sum(r => r.Errors)} |");
        Console.WriteLine($"| bare Kestrel, same bytes | {bareRps:F0} | {bareRuns.Average(r => r.P50):F2} | {bareP99:F2} | {bareRuns.Sum(r => r.Errors)} |");
        Console.WriteLine($"portal throughput = {share * 100:F1}% of the bare endpoint's; load average after: {BenchReport.LoadAverage()}");
        BenchReport.Summary("PublicPages", $"{path}, {connections} connections ({client})",
            $"{portalRps:F0} req/s, p99 {portalP99:F1} ms (portal /healthz: {health.PerSecond:F0} req/s)",
            $"bare Kestrel: {bareRps:F0} req/s, p99 {bareP99:F1} ms",
            $"{share * 100:F1}% of bare throughput",
            "≥ 40% of the bare endpoint's throughput",
            share >= 0.4 && errors == 0);
        await bare.StopAsync();
        return errors == 0 ? 0 : 1;
    }

    /// <summary>Two parts of the page's work timed alone, one call after the other (no load): reading the report, and rendering its Markdown body.</summary>
    private static async Task PartsAsync(IServiceProvider services, string slug)
    {
        await using var scope = services.CreateAsyncScope();
        var reports = scope.ServiceProvider.GetRequiredService<ReportService>();
        var markdown = scope.ServiceProvider.GetRequiredService<MarkdownRenderer>();
        var reader = await reports.ReaderAsync(new ClaimsPrincipal(new ClaimsIdentity()));
        var view = await reports.FindAsync(reader, slug) ?? throw new InvalidOperationException($"No report {slug}.");
        double Time(int n, Action action)
        {
            action();
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < n; i++)
            {
                action();
            }

            return Stopwatch.GetElapsedTime(started).TotalMilliseconds / n;
        }

        var find = Time(100, () => reports.FindAsync(reader, slug).GetAwaiter().GetResult());
        var render = Time(100, () => markdown.ToHtml(view.Report.Body, _ => null));
        Console.WriteLine($"alone, per call: ReportService.FindAsync {find:F2} ms; MarkdownRenderer.ToHtml of the body ({view.Report.Body.Length:N0} characters) {render:F2} ms");
    }

    private sealed record Run(double PerSecond, double P50, double P99, long Errors);

    private static Task<Run> LoadAsync(string client, Uri uri, int connections, int seconds) =>
        client == "wrk" ? WrkAsync(uri, connections, seconds) : DotnetAsync(uri, connections, seconds);

    /// <summary>wrk from Debian: two threads, keep-alive connections, latency percentiles from its --latency report.</summary>
    private static async Task<Run> WrkAsync(Uri uri, int connections, int seconds)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-t2", $"-c{connections}", $"-d{seconds}s", "--latency", "--timeout", "10s", uri.ToString() })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var perSecond = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        long errors = 0;
        if (Non2xx().Match(output) is { Success: true } non2xx)
        {
            errors += long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        if (SocketErrors().Match(output) is { Success: true } socket)
        {
            errors += socket.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture));
        }

        return new Run(perSecond, Percent(output, "50"), Percent(output, "99"), errors);
    }

    private static double Percent(string output, string percent)
    {
        var match = Regex.Match(output, @"^\s+" + percent + @"%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();

    /// <summary>Without wrk: N keep-alive connections in this process, each sending one request after the other for the duration.</summary>
    private static async Task<Run> DotnetAsync(Uri uri, int connections, int seconds)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler);
        var until = Stopwatch.GetTimestamp() + seconds * Stopwatch.Frequency;
        var times = new List<double>[connections];
        long errors = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async c =>
        {
            var mine = times[c] = [];
            while (Stopwatch.GetTimestamp() < until)
            {
                var sent = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseContentRead);
                mine.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var all = times.SelectMany(t => t).Order().ToList();
        return new Run(all.Count / elapsed, BenchReport.Percentile(all, 50), BenchReport.Percentile(all, 99), errors);
    }
}
