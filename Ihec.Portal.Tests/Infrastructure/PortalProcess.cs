using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Ihec.Portal.Tests.Infrastructure;

/// <summary>
/// The built portal (<c>dotnet Ihec.Portal.dll</c> from the portal project's own build output) as a separate process on
/// its own data folder, for what an in-process host cannot show: a second process on a locked folder, the backup and
/// restore commands, a kill in the middle of writes. Its content root is the portal project (wwwroot, the bundled map).
/// </summary>
public sealed partial class PortalProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource<string> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PortalProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Received(e.Data);
        process.ErrorDataReceived += (_, e) => Received(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The portal process exited:\n" + Output));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The portal's build output, next to this test assembly's (same configuration and framework).</summary>
    public static string PortalDll
    {
        get
        {
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            return Path.Combine(SourceTree.Portal, "bin", testOutput.Parent!.Name, testOutput.Name, "Ihec.Portal.dll");
        }
    }

    /// <summary>Everything the process wrote (stdout and stderr, line by line, interleaved as received).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public int Id => process.Id;

    /// <summary>Starts the portal (or one of its commands, with <paramref name="arguments"/>) on <paramref name="dataFolder"/>.</summary>
    public static PortalProcess Start(string dataFolder, IEnumerable<string>? arguments = null, IDictionary<string, string>? settings = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = SourceTree.Portal,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(PortalDll);
        foreach (var argument in arguments ?? ["--urls", "http://127.0.0.1:0"])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DataFolder"] = dataFolder;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        // Production refuses to start without a public address of its own; the child's links are never followed.
        start.Environment["Portal__PublicBaseUrl"] = "http://127.0.0.1";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.Start();
        return new PortalProcess(process);
    }

    /// <summary>Runs a command (<c>backup</c>, <c>restore</c>) to its end; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(string dataFolder, params string[] arguments)
    {
        using var command = Start(dataFolder, arguments);
        var code = await command.WaitForExitAsync();
        return (code, command.Output);
    }

    /// <summary>The address the portal listens on, once it does (throws with its output if it exits first).</summary>
    public Task<string> ListeningAsync() => listening.Task.WaitAsync(TimeSpan.FromMinutes(3));

    public async Task<int> WaitForExitAsync()
    {
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>SIGKILL: the process ends at once, nothing of it runs again (no stop, no flush, no dispose).</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: false);
        }

        process.WaitForExit();
    }

    private void Received(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            listening.TrySetResult(match.Groups[1].Value);
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();

    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        process.Dispose();
    }
}
