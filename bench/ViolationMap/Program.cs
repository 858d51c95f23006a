// Violations map benchmark: N seeded reports (default 100,000) in the portal's SQLite database, the portal on real
// Kestrel, headless Chromium. For the whole country and for one filtered view, as IHEC monitoring and as the public:
// the map data endpoint's time and bytes, against a baseline in the same run (a bare query reading the same rows and
// serialising them as JSON, what a map without server-side clustering would have to send). Then the full CSV export
// (streamed, uncapped) and the time for Chromium to draw the whole-country map.
// Usage: dotnet run -c Release --project bench/ViolationMap -- [reports] [repetitions]
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Ihec.Portal.Features.Violations;
using Ihec.Portal.Infrastructure.Geography;
using Ihec.Portal.Shared.Violations;
using Ihec.Portal.Tests.EndToEnd;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

var reportCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var repetitions = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
Console.WriteLine($"reports={reportCount:N0} repetitions={repetitions}; {Environment.ProcessorCount} logical processors, .NET {Environment.Version}, load average at start: {LoadAverage()}");

var portal = new PlaywrightPortal();
await portal.InitializeAsync();
var factory = portal.Portal;

// ---- Seed ------------------------------------------------------------------------------------------------------
var started = Stopwatch.GetTimestamp();
var boundaries = factory.Services.GetRequiredService<GovernorateBoundaries>();
Guid[] organisations;
string reporter;
await using (var db = factory.CreateDbContext())
{
    organisations = await db.Organisations.Select(o => o.Id).ToArrayAsync();
    reporter = await db.Users.Select(u => u.Id).FirstAsync();
}

// Reports cluster around towns, one per governorate, spread over ~10 km.
(double Lat, double Lon)[] towns =
[
    (33.315, 44.366), (30.508, 47.780), (36.335, 43.119), (36.191, 44.009), (35.468, 44.392), (32.026, 44.346), (32.616, 44.024),
    (35.557, 45.437), (34.846, 46.986), (33.752, 44.606), (34.608, 43.678), (33.430, 43.300), (32.480, 44.420), (31.990, 44.930),
    (32.510, 45.830), (31.840, 47.140), (31.040, 46.260), (31.320, 45.280),
];
var townGovernorates = towns.Select(t => boundaries.GovernorateAt(t.Lon, t.Lat) ?? "IQ-BG").ToArray();
var random = new Random(2026);
var categories = Enum.GetValues<ViolationCategory>();
var states = Enum.GetValues<ViolationState>();
var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(3));
var seeded = 0;
while (seeded < reportCount)
{
    await using var db = factory.CreateDbContext();
    db.ChangeTracker.AutoDetectChangesEnabled = false;
    var batch = Math.Min(5_000, reportCount - seeded);
    for (var i = 0; i < batch; i++)
    {
        // Point-in-polygon for every report would dominate the seeding: the town's governorate stands for its reports'.
        var town = random.Next(towns.Length);
        var lat = towns[town].Lat + Gaussian(random) * 0.08;
        var lon = towns[town].Lon + Gaussian(random) * 0.08;
        var pin = townGovernorates[town];

        var at = now - TimeSpan.FromMinutes(random.Next(0, 360 * 24 * 60));
        var state = random.NextDouble() < 0.4 ? ViolationState.Verified : states[random.Next(states.Length)];
        db.Add(new ViolationReport
        {
            Number = 1_000 + seeded + i, OrganisationId = organisations[random.Next(organisations.Length)], ReporterUserId = reporter,
            ReporterName = "Bench", Category = categories[random.Next(categories.Length)], OccurredAt = at, Governorate = pin, District = "—",
            Latitude = Math.Round(lat, 6), Longitude = Math.Round(lon, 6), PinGovernorate = pin, Description = "bench",
            Witnessed = true, PublicConsent = random.NextDouble() < 0.7, State = state, SubmittedAt = at, UpdatedAt = at,
            SubmissionKey = Guid.NewGuid().ToString("N"),
        });
    }

    await db.SaveChangesAsync();
    seeded += batch;
}

Console.WriteLine($"seeded {seeded:N0} reports in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");

// ---- Map data vs baseline --------------------------------------------------------------------------------------
// Clients of the real server (CreateClient's default address is the in-memory one's).
var reviewer = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() })
{
    BaseAddress = new Uri(portal.BaseUrl),
};
var signIn = await reviewer.SubmitFormAsync("/account/login", "login", new Dictionary<string, string>
{
    ["Input.Email"] = Principal.IhecMonitoring.Email(), ["Input.Password"] = PortalFactory.DemoPassword,
});
if (signIn.StatusCode != System.Net.HttpStatusCode.Redirect)
{
    throw new InvalidOperationException($"Sign-in failed: {(int)signIn.StatusCode} " + (await signIn.ParseAsync()).QuerySelector("main")?.TextContent);
}

var anonymous = new HttpClient { BaseAddress = new Uri(portal.BaseUrl) };
const string iraq = "38.5,28.8,49.0,37.6";
const string baghdad = "43.9,32.9,44.9,33.7";
var views = new (string Name, HttpClient Client, string Url, Func<IQueryable<ViolationReport>, IQueryable<ViolationReport>> Rows)[]
{
    ("monitoring, whole country (zoom 6)", reviewer, $"/violations/map/clusters.json?zoom=6&bbox={iraq}", q => q),
    ("monitoring, Baghdad vote buying (zoom 10)", reviewer, $"/violations/map/clusters.json?zoom=10&bbox={baghdad}&category=VoteBuying&governorate=IQ-BG",
        q => q.Where(r => r.Category == ViolationCategory.VoteBuying && (r.PinGovernorate ?? r.Governorate) == "IQ-BG")),
    ("public, whole country (zoom 6)", anonymous, $"/map/clusters.json?zoom=6&bbox={iraq}",
        q => q.Where(r => r.State == ViolationState.Verified && r.PublicConsent && r.DuplicateOfId == null)),
    ("public, Baghdad vote buying (zoom 10)", anonymous, $"/map/clusters.json?zoom=10&bbox={baghdad}&category=VoteBuying&governorate=IQ-BG",
        q => q.Where(r => r.State == ViolationState.Verified && r.PublicConsent && r.DuplicateOfId == null
                          && r.Category == ViolationCategory.VoteBuying && (r.PinGovernorate ?? r.Governorate) == "IQ-BG")),
};

Console.WriteLine();
Console.WriteLine("| view | clusters | map data bytes | map data p50 ms | rows | baseline bytes | baseline p50 ms | time ratio |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
foreach (var view in views)
{
    // Warm both once.
    var body = await view.Client.GetByteArrayAsync(view.Url);
    var (baselineBytes, rows) = await BaselineAsync(view.Rows);
    var map = new List<double>();
    var baseline = new List<double>();
    for (var i = 0; i < repetitions; i++)
    {
        var t = Stopwatch.GetTimestamp();
        body = await view.Client.GetByteArrayAsync(view.Url);
        map.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        t = Stopwatch.GetTimestamp();
        (baselineBytes, rows) = await BaselineAsync(view.Rows);
        baseline.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
    }

    using var json = JsonDocument.Parse(body);
    var clusters = json.RootElement.GetProperty("clusters").GetArrayLength();
    Console.WriteLine($"| {view.Name} | {clusters:N0} | {body.Length:N0} | {Median(map):F1} | {rows:N0} | {baselineBytes:N0} | {Median(baseline):F1} | {Median(map) / Median(baseline):F2} |");
    Summary(view.Name, $"{clusters:N0} clusters, {body.Length:N0} B, p50 {Median(map):F1} ms",
        $"bare query of {rows:N0} rows: {baselineBytes:N0} B, p50 {Median(baseline):F1} ms",
        $"time {Median(map) / Median(baseline):F2}x, bytes {(double)body.Length / Math.Max(1, baselineBytes):P2}",
        "≤ a few hundred KB; time ≤ 3x baseline", body.Length <= 300_000 && Median(map) <= 3 * Median(baseline));
}

// ---- Export ----------------------------------------------------------------------------------------------------
{
    var t = Stopwatch.GetTimestamp();
    using var response = await reviewer.GetAsync("/violations/map/violations.csv", HttpCompletionOption.ResponseHeadersRead);
    var firstByte = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
    await using var stream = await response.Content.ReadAsStreamAsync();
    using var reader = new StreamReader(stream);
    long lines = 0, chars = 0;
    while (await reader.ReadLineAsync() is { } line)
    {
        lines++;
        chars += line.Length + 2;
    }

    Console.WriteLine();
    Console.WriteLine($"monitoring CSV export: {lines - 1:N0} rows, {chars:N0} characters, headers after {firstByte:F0} ms, complete in {Stopwatch.GetElapsedTime(t).TotalSeconds:F1} s");
}

// ---- Chromium --------------------------------------------------------------------------------------------------
Console.WriteLine();
foreach (var (who, path) in new[] { (Principal.IhecMonitoring, "/violations/map?culture=en"), (Principal.Anonymous, "/map?culture=en") })
{
    await using var context = await portal.NewContextAsync(who);
    var page = await context.NewPageAsync();
    var times = new List<double>();
    for (var i = 0; i < 4; i++)
    {
        var t = Stopwatch.GetTimestamp();
        await page.GotoAsync(portal.BaseUrl + path, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await page.Locator("[data-violation-map][data-state=ready]").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        var elapsed = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        if (i > 0)
        {
            times.Add(elapsed); // the first load fills the browser's cache of Leaflet and the boundaries
        }
    }

    Console.WriteLine($"Chromium, {path} as {who}: whole-country map drawn (polygons and clusters) {Median(times):F0} ms after navigation (median of {times.Count}; cold first load excluded); clusters {await page.Locator(".map-cluster").CountAsync()}");
    Summary($"Chromium draws {path.Split('?')[0]} ({who}), whole country", $"{Median(times):F0} ms", "—", "—", "≤ 2,000 ms", Median(times) <= 2000);
}

Console.WriteLine($"load average at end: {LoadAverage()}");
await portal.DisposeAsync();

// The machine-readable line bench/run reads into the figures table of bench/README.md.
void Summary(string @case, string measured, string baseline, string ratio, string aim, bool met) =>
    Console.WriteLine("BENCH " + JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["name"] = "ViolationMap", ["case"] = $"{reportCount:N0} reports, {@case}", ["measured"] = measured, ["baseline"] = baseline,
        ["ratio"] = ratio, ["aim"] = aim, ["met"] = met,
    }, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

async Task<(long Bytes, int Rows)> BaselineAsync(Func<IQueryable<ViolationReport>, IQueryable<ViolationReport>> filter)
{
    // The bare query: the same rows, their position, kind and date, serialised as one JSON object each.
    await using var db = factory.CreateDbContext();
    var rows = await filter(db.Set<ViolationReport>().AsNoTracking())
        .Select(r => new { lat = r.Latitude, lon = r.Longitude, category = r.Category, occurredAt = r.OccurredAt }).ToListAsync();
    using var buffer = new MemoryStream();
    await JsonSerializer.SerializeAsync(buffer, rows);
    return (buffer.Length, rows.Count);
}

static double Gaussian(Random random) =>
    Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
