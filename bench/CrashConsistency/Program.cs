using System.Diagnostics;
using System.Text.Json;
using Ihec.Bench;

namespace Ihec.Bench.CrashConsistency;

/// <summary>
/// The crash-consistency harness with many cycles: Ihec.Portal.Tests' CrashConsistencyTests (the built portal as a
/// separate process, SIGKILLed at random moments under report, chat, tape and rumour writes, checked after each restart) run with
/// CRASH_CYCLES set. The suite runs the same test with two cycles; this runs as many as asked (bench-args: 20).
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var cycles = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 20;
        var root = Directory.GetCurrentDirectory();
        while (!File.Exists(Path.Combine(root, "Ihec.Portal.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Run from inside the repository.");
        }

        var summary = Path.Combine(Path.GetTempPath(), $"crash-summary-{Guid.NewGuid():N}.json");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root };
        foreach (var argument in new[] { "test", "Ihec.Portal.Tests", "--filter", "FullyQualifiedName~Ihec.Portal.Tests.Operations.CrashConsistencyTests", "--logger", "console;verbosity=normal" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CRASH_CYCLES"] = cycles.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["CRASH_SUMMARY"] = summary;
        Console.WriteLine($"{cycles} SIGKILL cycles, load average at start: {BenchReport.LoadAverage()}");
        var started = Stopwatch.StartNew();
        using var test = Process.Start(start)!;
        await test.WaitForExitAsync();
        var passed = test.ExitCode == 0 && File.Exists(summary);
        var measured = passed
            ? JsonDocument.Parse(File.ReadAllText(summary)).RootElement is var r
                ? $"{r.GetProperty("cycles")} cycles, {r.GetProperty("reports")} reports, {r.GetProperty("messages")} messages, {r.GetProperty("tapes")} tapes and {r.GetProperty("rumours")} rumour reports acknowledged; none lost or duplicated, every file present, resends stored once, transcript and rumour indexes = database ({started.Elapsed.TotalMinutes:F1} min)"
                : ""
            : $"FAILED (dotnet test exit {test.ExitCode}; see its output above)";
        if (File.Exists(summary))
        {
            File.Delete(summary);
        }

        BenchReport.Summary("CrashConsistency", $"{cycles} SIGKILL cycles under report, chat, tape and rumour writes", measured, "—", "—",
            "every acknowledged write exactly once after each restart; files present, none shared; resends once", passed);
        return passed ? 0 : 1;
    }
}
