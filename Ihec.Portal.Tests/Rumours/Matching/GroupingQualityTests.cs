using Ihec.Portal.Features.Rumours.Matching;
using Xunit.Abstractions;

namespace Ihec.Portal.Tests.Rumours.Matching;

/// <summary>
/// Grouping on a labelled set (<see cref="ClaimCorpus"/>): reports of claims already known must be suggested their case
/// (recall at <see cref="NearDuplicateIndex.SuggestThreshold"/>), and no more than 1% of new reports may be grouped
/// under a wrong case automatically (false merges at <see cref="NearDuplicateIndex.AutoGroupThreshold"/>). Most
/// distinct claims share their sentence with others and differ in the place or the party only: the hard case.
/// </summary>
public sealed class GroupingQualityTests(ITestOutputHelper output)
{
    private const int KnownClaims = 1500;
    private const int NewClaims = 750;
    private const int IndexedVariants = 3;

    [Theory]
    [InlineData(20261123)]
    [InlineData(7)]
    [InlineData(42)]
    public void Known_claims_are_suggested_and_new_claims_are_rarely_merged(int seed)
    {
        var corpus = ClaimCorpus.Generate(KnownClaims + NewClaims, IndexedVariants + 1, seed);
        var index = new NearDuplicateIndex();
        foreach (var report in corpus.Where(r => r.Claim < KnownClaims && r.Variant < IndexedVariants))
        {
            index.Add(report.ReportId, report.CaseId, report.Text, report.Language);
        }

        // A further report of each known claim, and one report of each new claim (never indexed).
        var random = new Random(seed);
        var known = corpus.Where(r => r.Claim < KnownClaims && r.Variant == IndexedVariants).ToList();
        var fresh = corpus.Where(r => r.Claim >= KnownClaims).GroupBy(r => r.Claim).Select(g => g.ElementAt(random.Next(g.Count()))).ToList();

        int suggested = 0, inList = 0, groupedRight = 0, falseMerges = 0;
        var missed = new List<string>();
        foreach (var report in known)
        {
            var all = index.Find(report.Text, report.Language, max: int.MaxValue);
            var shown = all.Take(5).ToList();
            suggested += all.Any(m => m.CaseId == report.CaseId) ? 1 : 0;
            inList += shown.Any(m => m.CaseId == report.CaseId) ? 1 : 0;
            if (all.Count > 0 && all[0].Similarity >= NearDuplicateIndex.AutoGroupThreshold)
            {
                if (all[0].CaseId == report.CaseId)
                {
                    groupedRight++;
                }
                else
                {
                    falseMerges++;
                    missed.Add($"merged wrongly: {report.Text}");
                }
            }

            if (!all.Any(m => m.CaseId == report.CaseId) && missed.Count < 10)
            {
                missed.Add($"not suggested: {report.Text} | original: {corpus[report.Claim * (IndexedVariants + 1)].Text}");
            }
        }

        foreach (var report in fresh)
        {
            var matches = index.Find(report.Text, report.Language);
            if (matches.Count > 0 && matches[0].Similarity >= NearDuplicateIndex.AutoGroupThreshold)
            {
                falseMerges++;
                missed.Add($"new claim merged: {report.Text}");
            }
        }

        var recall = (double)suggested / known.Count;
        var recallInList = (double)inList / known.Count;
        var falseMergeRate = (double)falseMerges / (known.Count + fresh.Count);
        output.WriteLine($"seed {seed}: {index.Count} reports indexed; {known.Count} reports of known claims, {fresh.Count} of new claims");
        output.WriteLine($"recall at suggest {NearDuplicateIndex.SuggestThreshold}: {recall:P2}; in the first 5: {recallInList:P2}");
        output.WriteLine($"grouped automatically and right: {(double)groupedRight / known.Count:P2}; false merges: {falseMerges} ({falseMergeRate:P2})");
        missed.ForEach(output.WriteLine);

        Assert.True(recall >= 0.95, $"recall {recall:P2}");
        Assert.True(recallInList >= 0.95, $"recall in the first 5 {recallInList:P2}");
        Assert.True(falseMergeRate <= 0.01, $"false merges {falseMergeRate:P2}");
    }

    [Fact]
    public void The_corpus_is_deterministic_and_its_claims_are_distinct()
    {
        var first = ClaimCorpus.Generate(500, 3, seed: 1);
        var again = ClaimCorpus.Generate(500, 3, seed: 1);

        Assert.Equal(first, again);
        Assert.Equal(1500, first.Count);
        Assert.Equal(500, first.Select(r => r.CaseId).Distinct().Count());
        Assert.Equal(1500, first.Select(r => r.ReportId).Distinct().Count());
        // The first variant of each claim is its plain text; no two claims have the same one.
        Assert.Equal(500, first.Where(r => r.Variant == 0).Select(r => r.Text).Distinct().Count());
        Assert.All(new[] { "ar", "ckb", "en" }, language => Assert.Contains(first, r => r.Language == language));
    }
}
