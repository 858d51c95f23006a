using System.Globalization;
using System.Net;
using System.Text;
using Ihec.Portal.Features.Violations;
using Ihec.Portal.Shared.Violations;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Tests.Violations;

/// <summary>The steps people take, through HTTP, to report and review violations in a test.</summary>
internal static class ViolationFlows
{
    public const string Reviewer = "monitoring@demo.ihec.iq";
    public const string TammuzMember = "member@tammuz.demo";
    public const string KirkukMember = "member@kirkuk-women.demo";

    /// <summary>The embedded demo tally engine's elections: the current one (the form's default) and an earlier one.</summary>
    public const string CurrentElection = Ihec.Portal.Features.Statistics.DemoTallyData.CouncilOfRepresentatives;
    public const string EarlierElection = Ihec.Portal.Features.Statistics.DemoTallyData.ProvincialCouncils;

    /// <summary>A report from central Baghdad (inside IQ-BG), yesterday, Iraq time.</summary>
    public static List<KeyValuePair<string, string>> Report(string description, string governorate = "IQ-BG", string latitude = "33.3152",
        string longitude = "44.3661", bool consent = true, string? key = null, string election = CurrentElection)
    {
        var yesterday = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(3)).AddDays(-1);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.ElectionId", election),
            new("Input.Category", nameof(ViolationCategory.VoteBuying)),
            new("Input.OccurredAt", yesterday.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)),
            new("Input.Governorate", governorate),
            new("Input.District", "الكرخ"),
            new("Input.PollingStationCode", "110203-04"),
            new("Input.Latitude", latitude),
            new("Input.Longitude", longitude),
            new("Input.Description", description),
            new("Input.PeopleInvolved", "وكلاء مرشح"),
            new("Input.Witnessed", "True"),
        };
        if (consent)
        {
            fields.Add(new("Input.PublicConsent", "True"));
        }

        if (key is not null)
        {
            fields.Add(new("Input.SubmissionKey", key));
        }

        return fields;
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient member, List<KeyValuePair<string, string>> fields,
        IEnumerable<(string Name, string FileName, byte[] Content)>? files = null) =>
        member.SubmitFormAsync("/violations/new?culture=en", "report-violation", fields, files);

    /// <summary>Files a report and returns its reference from the confirmation redirect.</summary>
    public static async Task<string> FileAsync(HttpClient member, List<KeyValuePair<string, string>> fields,
        IEnumerable<(string Name, string FileName, byte[] Content)>? files = null)
    {
        var response = await PostAsync(member, fields, files);
        await response.AssertRedirectAsync();
        var location = response.RedirectPath()!;
        Assert.Contains("/violations?filed=", location);
        return Uri.UnescapeDataString(location[(location.IndexOf("filed=", StringComparison.Ordinal) + 6)..]);
    }

    public static async Task<ViolationReport> ReportAsync(PortalFactory factory, string reference)
    {
        var number = int.Parse(reference[2..], CultureInfo.InvariantCulture);
        await using var db = factory.CreateDbContext();
        return await db.Set<ViolationReport>().AsNoTracking().AsSplitQuery().Include(r => r.Evidence).Include(r => r.Events).Include(r => r.Comments)
            .SingleAsync(r => r.Number == number);
    }

    public static Task<HttpResponseMessage> ReviewAsync(HttpClient reviewer, Guid id, string formName, Dictionary<string, string> fields) =>
        reviewer.SubmitFormAsync($"/ihec/violations/{id}?culture=en", formName, fields);

    /// <summary>A small JPEG whose EXIF segment carries a GPS position and a phone model.</summary>
    public static byte[] JpegWithGps()
    {
        byte[] jfif = [0xFF, 0xE0, 0x00, 0x07, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00];
        var payload = Encoding.ASCII.GetBytes("Exif\0\0GPSLatitude 33.3152 GPSLongitude 44.3661 Model PhoneX");
        var exif = new byte[4 + payload.Length];
        exif[0] = 0xFF;
        exif[1] = 0xE1;
        exif[2] = (byte)((payload.Length + 2) >> 8);
        exif[3] = (byte)((payload.Length + 2) & 0xFF);
        payload.CopyTo(exif, 4);
        byte[] scan = [0xFF, 0xDA, 0x00, 0x02, 0x12, 0x34, 0x56, 0xFF, 0xD9];
        return [0xFF, 0xD8, .. jfif, .. exif, .. scan];
    }
}
