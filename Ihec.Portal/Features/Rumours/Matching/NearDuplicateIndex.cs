namespace Ihec.Portal.Features.Rumours.Matching;

// Placeholder until the MinHash/LSH index lands from its branch (same API); replaced on merge.
public sealed record CaseMatch(Guid CaseId, double Similarity);

public static class ClaimFeatures
{
    public static string Normalise(string text) => text.ToLowerInvariant();

    public static string GuessLanguage(string text) => "ar";

    public static IReadOnlySet<string> Extract(string text, string language) =>
        Normalise(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
}

public sealed class NearDuplicateIndex
{
    public const double AutoGroupThreshold = 0.6;
    public const double SuggestThreshold = 0.3;
    private readonly Dictionary<Guid, (Guid Case, IReadOnlySet<string> Features)> reports = [];
    private readonly Lock gate = new();

    public int Count { get { lock (gate) { return reports.Count; } } }

    public void Add(Guid reportId, Guid caseId, string text, string language)
    {
        lock (gate) { reports[reportId] = (caseId, ClaimFeatures.Extract(text, language)); }
    }

    public void Remove(Guid reportId)
    {
        lock (gate) { reports.Remove(reportId); }
    }

    public void MoveToCase(Guid reportId, Guid caseId)
    {
        lock (gate)
        {
            if (reports.TryGetValue(reportId, out var r)) { reports[reportId] = (caseId, r.Features); }
        }
    }

    public IReadOnlyList<CaseMatch> Find(string text, string language, int max = 5, Guid? excludeReport = null)
    {
        var features = ClaimFeatures.Extract(text, language);
        lock (gate)
        {
            return reports.Where(r => r.Key != excludeReport)
                .Select(r => new CaseMatch(r.Value.Case, (double)r.Value.Features.Intersect(features).Count() / Math.Max(1, r.Value.Features.Union(features).Count())))
                .Where(m => m.Similarity >= SuggestThreshold)
                .GroupBy(m => m.CaseId).Select(g => g.MaxBy(m => m.Similarity)!)
                .OrderByDescending(m => m.Similarity).Take(max).ToList();
        }
    }
}
