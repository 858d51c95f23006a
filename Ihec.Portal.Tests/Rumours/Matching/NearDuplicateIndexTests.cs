using Ihec.Portal.Features.Rumours.Matching;

namespace Ihec.Portal.Tests.Rumours.Matching;

/// <summary>The index's contract as the rumours feature uses it: find, group, suggest, keep up with case changes.</summary>
public sealed class NearDuplicateIndexTests
{
    private static readonly Guid BasraFire = Guid.Parse("00000000-0000-0000-0000-0000000000b1");
    private static readonly Guid MosulFire = Guid.Parse("00000000-0000-0000-0000-0000000000b2");
    private static readonly Guid Extension = Guid.Parse("00000000-0000-0000-0000-0000000000b3");
    private static readonly Guid HalabjaFire = Guid.Parse("00000000-0000-0000-0000-0000000000b4");
    private static readonly Guid Leak = Guid.Parse("00000000-0000-0000-0000-0000000000b5");

    private static NearDuplicateIndex Sample()
    {
        var index = new NearDuplicateIndex();
        index.Add(Guid.NewGuid(), BasraFire, "حرق صناديق الاقتراع في البصرة بعد إغلاق المحطات لصالح تحالف الفجر", "ar");
        index.Add(Guid.NewGuid(), MosulFire, "حرق صناديق الاقتراع في الموصل بعد إغلاق المحطات لصالح تحالف الفجر", "ar");
        index.Add(Guid.NewGuid(), Extension, "المفوضية تمدد التصويت في كركوك ساعتين إضافيتين بطلب من حزب النهضة", "ar");
        index.Add(Guid.NewGuid(), HalabjaFire, "سندوقەکانی دەنگدان لە هەڵەبجە دوای داخستنی بنکەکان بۆ بەرژەوەندی لیستی داهاتوو سووتێنران", "ckb");
        index.Add(Guid.NewGuid(), Leak, "Election results in Duhok leaked before the announcement and the Future List wins 12 seats", "en");
        return index;
    }

    [Fact]
    public void Thresholds_suggest_before_they_group()
    {
        Assert.InRange(NearDuplicateIndex.SuggestThreshold, 0.0, NearDuplicateIndex.AutoGroupThreshold);
        Assert.InRange(NearDuplicateIndex.AutoGroupThreshold, NearDuplicateIndex.SuggestThreshold, 1.0);
    }

    [Fact]
    public void Arabic_report_with_other_spelling_order_and_wrappers_is_grouped_with_its_case()
    {
        var matches = Sample().Find(
            "عاجل‼️ بعد اغلاق المحطـــات لصالح تحالف الفجر حُرِقَت... حرق صناديق الإقتراع فى البصره؟ https://t.me/news/1", "ar");

        Assert.Equal(BasraFire, matches[0].CaseId);
        Assert.True(matches[0].Similarity >= NearDuplicateIndex.AutoGroupThreshold, $"{matches[0].Similarity}");
    }

    [Fact]
    public void Claim_in_another_place_is_suggested_at_most_never_grouped()
    {
        var matches = Sample().Find("حرق صناديق الاقتراع في البصرة بعد إغلاق المحطات لصالح تحالف الفجر", "ar");

        Assert.Equal(BasraFire, matches[0].CaseId);
        Assert.Equal(1.0, matches[0].Similarity, 6);
        var mosul = Assert.Single(matches, m => m.CaseId == MosulFire);
        Assert.True(mosul.Similarity < NearDuplicateIndex.AutoGroupThreshold, $"{mosul.Similarity}");
    }

    [Fact]
    public void Sorani_rewording_matches_the_Sorani_claim()
    {
        // Other word order, Arabic-keyboard letters, a word left out ("دوای داخستنی بنکەکان" → "دوای داخستن"), a wrapper.
        var matches = Sample().Find("بەپەلە: لە هەڵەبجە سندوقەكانى دەنگدان سووتێنران دوای داخستنی بنکەکان بۆ بەرژەوەندی لیستی داهاتو 🔥", "ckb");

        Assert.Equal(HalabjaFire, matches[0].CaseId);
        Assert.True(matches[0].Similarity >= NearDuplicateIndex.SuggestThreshold, $"{matches[0].Similarity}");
    }

    [Fact]
    public void Sorani_report_differing_only_in_spelling_is_grouped()
    {
        var matches = Sample().Find("سندوقەكانى دەنگدان لە هەڵەبجه دوای داخستنى بنکەکان بۆ بەرژەوەندى لیستى داهاتوو سووتێنران!!", language: "");

        Assert.Equal(HalabjaFire, matches[0].CaseId);
        Assert.True(matches[0].Similarity >= NearDuplicateIndex.AutoGroupThreshold, $"{matches[0].Similarity}");
    }

    [Fact]
    public void English_report_with_other_case_and_order_is_grouped()
    {
        var matches = Sample().Find("BREAKING: the Future List wins 12 seats, election results in DUHOK leaked before the announcement!!", "en");

        Assert.Equal(Leak, matches[0].CaseId);
        Assert.True(matches[0].Similarity >= NearDuplicateIndex.AutoGroupThreshold, $"{matches[0].Similarity}");
    }

    [Theory]
    [InlineData("المفوضية تعلن موعد تحديث سجل الناخبين في بغداد", "ar")]
    [InlineData("کۆمیسیۆن کاتی نوێکردنەوەی تۆماری دەنگدەران ڕاگەیاند", "ckb")]
    [InlineData("Observers barred from polling centres in Najaf", "en")]
    [InlineData("🔥🔥 !!!", "ar")]
    public void Unrelated_claims_match_nothing(string text, string language)
    {
        Assert.Empty(Sample().Find(text, language));
    }

    [Fact]
    public void Excluded_report_does_not_match_itself()
    {
        var index = new NearDuplicateIndex();
        var report = Guid.NewGuid();
        index.Add(report, BasraFire, "حرق صناديق الاقتراع في البصرة", "ar");

        Assert.Single(index.Find("حرق صناديق الاقتراع في البصرة", "ar"));
        Assert.Empty(index.Find("حرق صناديق الاقتراع في البصرة", "ar", excludeReport: report));
    }

    [Fact]
    public void Removed_report_is_no_longer_found_and_adding_again_replaces()
    {
        var index = new NearDuplicateIndex();
        var report = Guid.NewGuid();
        index.Add(report, BasraFire, "حرق صناديق الاقتراع في البصرة", "ar");
        index.Add(report, BasraFire, "حرق صناديق الاقتراع في الموصل", "ar");
        Assert.Equal(1, index.Count);
        Assert.Empty(index.Find("حرق صناديق الاقتراع في البصرة بعد الإغلاق مباشرة", "ar"));

        index.Remove(report);
        index.Remove(Guid.NewGuid()); // unknown: nothing happens

        Assert.Equal(0, index.Count);
        Assert.Empty(index.Find("حرق صناديق الاقتراع في الموصل", "ar"));
    }

    [Fact]
    public void Moved_report_is_found_under_its_new_case()
    {
        var index = Sample();
        var report = Guid.NewGuid();
        var merged = Guid.NewGuid();
        index.Add(report, Guid.NewGuid(), "نقل صناديق الاقتراع ليلا في الأنبار بسيارات حكومية", "ar");

        index.MoveToCase(report, merged);

        Assert.Equal(merged, index.Find("نقل صناديق الاقتراع ليلا في الانبار بسيارات حكوميه", "ar")[0].CaseId);
    }

    [Fact]
    public void Each_case_appears_once_best_first_and_at_most_max()
    {
        var index = new NearDuplicateIndex();
        var cases = Enumerable.Range(0, 8).Select(_ => Guid.NewGuid()).ToArray();
        string[] places = ["البصرة", "الموصل", "كركوك", "النجف", "كربلاء", "بابل", "ديالى", "واسط"];
        for (var i = 0; i < cases.Length; i++)
        {
            // Two reports per case: the case's similarity is its best report's.
            index.Add(Guid.NewGuid(), cases[i], $"حرق صناديق الاقتراع في {places[i]} بعد إغلاق المحطات لصالح تحالف الفجر مساء الأحد", "ar");
            index.Add(Guid.NewGuid(), cases[i], $"حرق صناديق في {places[i]}", "ar");
        }

        var matches = index.Find("حرق صناديق الاقتراع في البصرة بعد إغلاق المحطات لصالح تحالف الفجر مساء الأحد", "ar", max: 3);

        Assert.Equal(3, matches.Count);
        Assert.Equal(cases[0], matches[0].CaseId);
        Assert.Equal(1.0, matches[0].Similarity, 6);
        Assert.Equal(matches.Count, matches.Select(m => m.CaseId).Distinct().Count());
        Assert.True(matches.Zip(matches.Skip(1)).All(p => p.First.Similarity >= p.Second.Similarity));
        Assert.All(matches, m => Assert.InRange(m.Similarity, NearDuplicateIndex.SuggestThreshold, 1.0));
    }

    [Fact]
    public void Concurrent_adds_finds_and_removes_keep_the_index_consistent()
    {
        var claims = ClaimCorpus.Generate(400, 3, seed: 9);
        var index = new NearDuplicateIndex();
        Parallel.ForEach(claims, new ParallelOptions { MaxDegreeOfParallelism = 4 }, claim =>
        {
            index.Add(claim.ReportId, claim.CaseId, claim.Text, claim.Language);
            index.Find(claim.Text, claim.Language);
            if (claim.Variant == 2)
            {
                index.Remove(claim.ReportId);
            }
        });

        Assert.Equal(claims.Count(c => c.Variant != 2), index.Count);
        foreach (var claim in claims.Where(c => c.Variant == 0))
        {
            Assert.Equal(1.0, index.Find(claim.Text, claim.Language).Single(m => m.CaseId == claim.CaseId).Similarity, 6);
        }
    }

    [Fact]
    public void After_growth_removals_and_reuse_of_slots_the_index_finds_what_a_fresh_one_finds()
    {
        // Enough reports to grow the slot arrays and bucket tables several times, and enough removals to rebuild the
        // tables from their tombstones; slots freed by removals are reused by the reports added after them.
        var claims = ClaimCorpus.Generate(1500, 3, seed: 21);
        var index = new NearDuplicateIndex();
        foreach (var claim in claims)
        {
            index.Add(claim.ReportId, claim.CaseId, claim.Text, claim.Language);
        }

        var removed = claims.Where(c => c.Claim % 3 != 0).ToList();
        removed.ForEach(c => index.Remove(c.ReportId));
        var readded = removed.Where(c => c.Variant == 0).ToList();
        readded.ForEach(c => index.Add(c.ReportId, c.CaseId, c.Text, c.Language));

        var fresh = new NearDuplicateIndex();
        foreach (var claim in claims.Where(c => c.Claim % 3 == 0).Concat(readded))
        {
            fresh.Add(claim.ReportId, claim.CaseId, claim.Text, claim.Language);
        }

        Assert.Equal(fresh.Count, index.Count);
        foreach (var claim in claims.Where(c => c.Variant == 1))
        {
            Assert.Equal(fresh.Find(claim.Text, claim.Language, max: 20), index.Find(claim.Text, claim.Language, max: 20));
        }
    }
}
