using System.Text.RegularExpressions;
using Ihec.Portal.Tests.Infrastructure;

namespace Ihec.Portal.Tests.Security;

/// <summary>
/// #20 item 10: every route that sends a user's file answers with the sandbox policy. Each module's own download test
/// checks the headers on a real file (<see cref="UploadedFileAssert.IsSandboxed"/>: evidence, application documents,
/// report, chat and library files, rumour screenshots); this one keeps any new download from bypassing the one response.
/// </summary>
public sealed class UploadedFileResponseTests
{
    [Fact]
    public void Every_file_the_portal_sends_goes_through_the_sandboxed_uploaded_file_response()
    {
        // Stored files are sent as streams or files; generated downloads (the statistics CSVs, feeds as bytes) are the portal's own text.
        var direct = new Regex(@"\b(Typed)?Results\.(Stream|File)\(");
        var offenders = SourceTree.PortalFiles(".cs", ".razor")
            .Where(f => !f.EndsWith("UploadedFileResponse.cs", StringComparison.Ordinal) && !f.EndsWith("StatisticsEndpoints.cs", StringComparison.Ordinal))
            .Where(f => direct.IsMatch(File.ReadAllText(f)))
            .Select(SourceTree.Relative)
            .ToList();

        Assert.Empty(offenders);
    }
}
