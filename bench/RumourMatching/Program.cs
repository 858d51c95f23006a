// Rumour matching benchmark: one new report matched against N existing ones (default 100,000).
// Measures the portal's NearDuplicateIndex (MinHash/LSH, exact Jaccard on candidates) against a baseline in the same
// run: exact Jaccard of the same feature sets against every existing report, a straight loop.
// Usage: dotnet run -c Release --project bench/RumourMatching -- [existing] [queries] [seed]
using System.Diagnostics;
using System.Globalization;
using Ihec.Portal.Features.Rumours.Matching;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var existing = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var queryCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 400;
var seed = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2026;
const int indexedVariants = 4;
Console.WriteLine($"existing={existing:N0} queries={queryCount} seed={seed}");
Console.WriteLine($"{Environment.ProcessorCount} logical processors, .NET {Environment.Version}, load average at start: {LoadAverage()}");

// Claims 0..indexedClaims-1 have 4 reports indexed and a 5th held out (a new report of a known claim);
// the claims after them are never indexed (a new report of a new claim: any automatic grouping is a false merge).
var indexedClaims = existing / indexedVariants;
var newClaims = queryCount / 2;
var started = Stopwatch.GetTimestamp();
var corpus = ClaimCorpus.Generate(indexedClaims + newClaims, indexedVariants + 1, seed);
Console.WriteLine($"generated {corpus.Count:N0} reports of {indexedClaims + newClaims:N0} claims in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");

var toIndex = corpus.Where(r => r.Claim < indexedClaims && r.Variant < indexedVariants).ToList();
var random = new Random(seed + 1);
var queries = new List<(LabelledClaim Report, bool Known)>();
foreach (var claim in Enumerable.Range(0, indexedClaims).OrderBy(_ => random.Next()).Take(queryCount - newClaims))
{
    queries.Add((corpus[claim * (indexedVariants + 1) + indexedVariants], true));
}

for (var claim = indexedClaims; claim < indexedClaims + newClaims; claim++)
{
    queries.Add((corpus[claim * (indexedVariants + 1) + random.Next(indexedVariants + 1)], false));
}

queries = [.. queries.OrderBy(_ => random.Next())];

var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
started = Stopwatch.GetTimestamp();
var index = new NearDuplicateIndex();
foreach (var report in toIndex)
{
    index.Add(report.ReportId, report.CaseId, report.Text, report.Language);
}

var build = Stopwatch.GetElapsedTime(started);
var memoryIndex = GC.GetTotalMemory(forceFullCollection: true) - memoryBefore;
Console.WriteLine($"index: {index.Count:N0} reports in {build.TotalSeconds:F1} s ({build.TotalMicroseconds / index.Count:F0} µs each), ~{memoryIndex / 1e6:F0} MB");

// Baseline data: the same feature sets, hashed and sorted the same way, in a flat array.
started = Stopwatch.GetTimestamp();
var baseline = toIndex.Select(r => (r.CaseId, Features: FeatureHash.Of(ClaimFeatures.Extract(r.Text, r.Language)))).ToArray();
Console.WriteLine($"baseline feature sets: {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");

// Warm-up (JIT, analyzer components).
foreach (var (report, _) in queries.Take(20))
{
    index.Find(report.Text, report.Language);
    Scan(report.Text, report.Language, NearDuplicateIndex.SuggestThreshold);
}

var lshTimes = new List<double>();
var scanTimes = new List<double>();
var extractTimes = new List<double>();
var candidateCounts = new List<double>();
var lsh = new Tally();
var scan = new Tally();
var sweep = new List<(bool Known, double TrueBest, double WrongBest)>();
var lshFoundScanTop = 0;
var lshTopTied = 0;
var scanTopsAboveSuggest = 0;
foreach (var (report, known) in queries)
{
    var t0 = Stopwatch.GetTimestamp();
    var found = index.Find(report.Text, report.Language);
    lshTimes.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
    candidateCounts.Add(NearDuplicateIndex.LastCandidates);

    t0 = Stopwatch.GetTimestamp();
    var exhaustive = Scan(report.Text, report.Language, NearDuplicateIndex.SuggestThreshold);
    scanTimes.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);

    t0 = Stopwatch.GetTimestamp();
    ClaimFeatures.Extract(report.Text, report.Language);
    extractTimes.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);

    // For the threshold sweep, untimed: every case's best similarity.
    var all = new Dictionary<Guid, double>();
    var queryFeatures = FeatureHash.Of(ClaimFeatures.Extract(report.Text, report.Language));
    foreach (var (caseId, other) in baseline)
    {
        var similarity = FeatureHash.Jaccard(queryFeatures, other);
        if (similarity > all.GetValueOrDefault(caseId))
        {
            all[caseId] = similarity;
        }
    }

    lsh.Add(found, report.CaseId, known);
    scan.Add(exhaustive, report.CaseId, known);
    sweep.Add((known, all.GetValueOrDefault(report.CaseId), all.Where(p => p.Key != report.CaseId).Select(p => p.Value).DefaultIfEmpty(0).Max()));
    if (exhaustive.Count > 0)
    {
        scanTopsAboveSuggest++;
        if (found.Count > 0 && found[0].CaseId == exhaustive[0].CaseId)
        {
            lshFoundScanTop++;
        }
        else if (found.Count > 0 && found[0].Similarity == exhaustive[0].Similarity)
        {
            lshTopTied++;
        }
    }
}

Console.WriteLine($"load average after the queries: {LoadAverage()}");
Console.WriteLine();
Console.WriteLine($"| method | p50 ms | p99 ms | mean ms | recall @ suggest {NearDuplicateIndex.SuggestThreshold} | auto-grouped right | false merges @ auto {NearDuplicateIndex.AutoGroupThreshold} | false suggestions on new claims |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
Row("MinHash/LSH (NearDuplicateIndex)", lshTimes, lsh);
Row($"exact Jaccard scan of {baseline.Length:N0}", scanTimes, scan);
Console.WriteLine();
Console.WriteLine($"speed-up: p50 {Percentile(scanTimes, 50) / Percentile(lshTimes, 50):F0}x, p99 {Percentile(scanTimes, 99) / Percentile(lshTimes, 99):F0}x, mean {scanTimes.Average() / lshTimes.Average():F0}x");
Console.WriteLine($"feature extraction of the query (Lucene analysis), part of both: p50 {Percentile(extractTimes, 50):F3} ms, p99 {Percentile(extractTimes, 99):F3} ms");
Console.WriteLine($"LSH candidates scored per query: p50 {Percentile(candidateCounts, 50):F0}, p99 {Percentile(candidateCounts, 99):F0}, mean {candidateCounts.Average():F0} (of {baseline.Length:N0} the scan scores)");
Console.WriteLine($"LSH returned the scan's best case first for {lshFoundScanTop} of {scanTopsAboveSuggest} queries where the scan had one; for {lshTopTied} others a case of the same similarity (a tie the scan broke with a case LSH did not find)");
Console.WriteLine($"queries: {lsh.Known} of known claims (a 5th report of an indexed claim), {lsh.New} of new claims");
Console.WriteLine();
Console.WriteLine("Threshold sweep (exact similarities from the scan): recall = known queries whose true case reaches the threshold;");
Console.WriteLine("false merges = queries whose best case at or above the threshold is a wrong one, over all queries.");
Console.WriteLine("| threshold | recall | false merges |");
Console.WriteLine("|---:|---:|---:|");
foreach (var threshold in new[] { 0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.82, 0.84, 0.86, 0.88, 0.9, 0.92, 0.95 })
{
    var recall = sweep.Count(s => s.Known && s.TrueBest >= threshold) / (double)Math.Max(1, sweep.Count(s => s.Known));
    var falseMerges = sweep.Count(s => s.WrongBest >= threshold && s.WrongBest > s.TrueBest) / (double)sweep.Count;
    Console.WriteLine($"| {threshold:F2} | {recall:P1} | {falseMerges:P1} |");
}

// The machine-readable line bench/run reads into the figures table of bench/README.md.
Console.WriteLine("BENCH " + System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
{
    ["name"] = "RumourMatching",
    ["case"] = $"{index.Count:N0} reports, {queries.Count} queries",
    ["measured"] = $"LSH p50 {Percentile(lshTimes, 50):F3} ms, p99 {Percentile(lshTimes, 99):F3} ms; recall {lsh.Recall:P1}, false merges {lsh.FalseMergeRate:P1}",
    ["baseline"] = $"exact scan p50 {Percentile(scanTimes, 50):F2} ms, p99 {Percentile(scanTimes, 99):F2} ms",
    ["ratio"] = $"{Percentile(scanTimes, 50) / Percentile(lshTimes, 50):F0}x at p50, {Percentile(scanTimes, 99) / Percentile(lshTimes, 99):F0}x at p99",
    ["aim"] = "≥ 50x at p50; recall ≥ 95%; false merges ≤ 1%",
    ["met"] = Percentile(scanTimes, 50) / Percentile(lshTimes, 50) >= 50 && lsh.Recall >= 0.95 && lsh.FalseMergeRate <= 0.01,
}, new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

// The baseline: what Find returns, computed by scoring every report (a straight loop over flat arrays).
List<CaseMatch> Scan(string text, string language, double threshold)
{
    var features = FeatureHash.Of(ClaimFeatures.Extract(text, language));
    var best = new Dictionary<Guid, double>();
    foreach (var (caseId, other) in baseline)
    {
        var similarity = FeatureHash.Jaccard(features, other);
        if (similarity >= threshold && similarity > best.GetValueOrDefault(caseId))
        {
            best[caseId] = similarity;
        }
    }

    return [.. best.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Take(5).Select(p => new CaseMatch(p.Key, p.Value))];
}

void Row(string name, List<double> times, Tally tally) =>
    Console.WriteLine($"| {name} | {Percentile(times, 50):F3} | {Percentile(times, 99):F3} | {times.Average():F3} | "
        + $"{tally.Recall:P1} ({tally.Found}/{tally.Known}) | {tally.RightAuto}/{tally.Known} | "
        + $"{tally.FalseMergeRate:P1} ({tally.FalseMerges}/{tally.Known + tally.New}) | {tally.NewSuggested}/{tally.New} |");

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
    return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
}

/// <summary>Outcomes of one method over the labelled queries.</summary>
internal sealed class Tally
{
    public int Known { get; private set; }
    public int New { get; private set; }
    public int Found { get; private set; }
    public int RightAuto { get; private set; }
    public int FalseMerges { get; private set; }
    public int NewSuggested { get; private set; }

    public double Recall => Known == 0 ? 0 : (double)Found / Known;

    public double FalseMergeRate => Known + New == 0 ? 0 : (double)FalseMerges / (Known + New);

    public void Add(IReadOnlyList<CaseMatch> matches, Guid trueCase, bool known)
    {
        if (known)
        {
            Known++;
            Found += matches.Any(m => m.CaseId == trueCase) ? 1 : 0;
        }
        else
        {
            New++;
            NewSuggested += matches.Count > 0 ? 1 : 0;
        }

        if (matches.Count > 0 && matches[0].Similarity >= NearDuplicateIndex.AutoGroupThreshold)
        {
            if (known && matches[0].CaseId == trueCase)
            {
                RightAuto++;
            }
            else
            {
                FalseMerges++;
            }
        }
    }
}
