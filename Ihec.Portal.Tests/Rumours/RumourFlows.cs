using System.Net;
using Ihec.Portal.Features.Rumours;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Tests.Rumours;

/// <summary>The steps people take, through HTTP, to report and work rumours in a test.</summary>
internal static class RumourFlows
{
    public const string Analyst = "antirumour@demo.ihec.iq";
    public const string TammuzMember = "member@tammuz.demo";
    public const string KirkukMember = "member@kirkuk-women.demo";
    public const string ErbilMember = "member@erbil-access.demo";

    public static List<KeyValuePair<string, string>> Report(string claim, string language = "ar", ReachBand reach = ReachBand.UnderHundredThousand,
        string? links = null, params RumourTarget[] targets) =>
    [
        new("Input.ClaimText", claim),
        new("Input.Platforms", nameof(RumourPlatform.Facebook)),
        new("Input.Platforms", nameof(RumourPlatform.Telegram)),
        new("Input.Reach", reach.ToString()),
        new("Input.Language", language),
        .. (targets.Length == 0 ? [RumourTarget.Ihec] : targets).Select(t => new KeyValuePair<string, string>("Input.Targets", t.ToString())),
        new("Input.SuspectedKind", nameof(SuspectedKind.Disinformation)),
        new("Input.Governorates", "IQ-KI"),
        new("Input.Links", links ?? ""),
    ];

    /// <summary>Files a report and returns the case reference from the confirmation redirect.</summary>
    public static async Task<string> FileAsync(HttpClient member, List<KeyValuePair<string, string>> fields,
        IEnumerable<(string Name, string FileName, byte[] Content)>? files = null)
    {
        var response = await member.SubmitFormAsync("/rumours/new?culture=en", "report-rumour", fields, files);
        await response.AssertRedirectAsync();
        var location = response.RedirectPath()!;
        Assert.Contains("/rumours?filed=", location);
        return Uri.UnescapeDataString(location[(location.IndexOf("filed=", StringComparison.Ordinal) + 6)..]);
    }

    public static async Task<RumourCase> CaseAsync(PortalFactory factory, string reference)
    {
        var number = int.Parse(reference[2..], System.Globalization.CultureInfo.InvariantCulture);
        await using var db = factory.CreateDbContext();
        return await db.Set<RumourCase>().AsNoTracking().Include(c => c.Reports).SingleAsync(c => c.Number == number);
    }

    public static Task<HttpResponseMessage> ActAsync(HttpClient analyst, Guid caseId, string formName, Dictionary<string, string> fields) =>
        analyst.SubmitFormAsync($"/ihec/rumours/{caseId}?culture=en", formName, fields);
}
