namespace Ihec.Portal.Tests.Infrastructure;

/// <summary>The repository the tests were built from, found from the test assembly's folder.</summary>
public static class SourceTree
{
    public static string Root { get; } = FindRoot();

    public static string Portal => Path.Combine(Root, "Ihec.Portal");

    /// <summary>Source files of the portal project (not build output).</summary>
    public static IEnumerable<string> PortalFiles(params string[] extensions) =>
        extensions.SelectMany(e => Directory.EnumerateFiles(Portal, "*" + e, SearchOption.AllDirectories))
            .Where(f => !IsBuildOutput(f))
            .Order(StringComparer.Ordinal);

    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static bool IsBuildOutput(string path)
    {
        var relative = Path.GetRelativePath(Portal, path).Replace('\\', '/');
        return relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal)
               || relative.StartsWith("data/", StringComparison.Ordinal);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ihec.Portal.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Ihec.Portal.sln above {AppContext.BaseDirectory}.");
    }
}
