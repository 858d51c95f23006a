using Ihec.Portal.Features.Rumours.Matching;

namespace Ihec.Portal.Tests.Rumours.Matching;

/// <summary>
/// What two reports of one claim may differ in and still be compared as one text: one row per normalisation rule, in
/// Arabic and in Sorani, then the feature sets built from the normalised text.
/// </summary>
public sealed class ClaimFeaturesTests
{
    public static TheoryData<string, string, string> ArabicRules => new()
    {
        { "diacritics", "الانْتِخَابَاتُ", "الانتخابات" },
        { "shadda and tanween", "صوَّتَ سِرًّا", "صوت سرا" },
        { "alef with hamza above", "أصوات", "اصوات" },
        { "alef with hamza below", "إلغاء", "الغاء" },
        { "alef with madda", "آلاف", "الاف" },
        { "alef wasla", "ٱلناخبين", "الناخبين" },
        { "hamza on waw and on yeh seats meet", "مسؤول مسئول", "مسءول مسءول" },
        { "taa marbuta", "البصرة", "البصره" },
        { "alef maqsura", "المثنى", "المثني" },
        { "tatweel", "الانتخـــابات", "الانتخابات" },
        { "Arabic comma, semicolon and question mark", "عاجل، هل صحيح؟ نعم؛ لا!", "عاجل هل صحيح نعم لا" },
        { "other punctuation", "«خبر» (مؤكد) - \"منقول\"...", "خبر مءكد منقول" },
        { "emoji, with variation selector and joiner", "🚨 حرق الصناديق ‼️ 👨‍👩‍👧 🔥🔥", "حرق الصناديق" },
        { "links with a scheme", "التفاصيل https://t.me/iraq_news/123 هنا", "التفاصيل هنا" },
        { "links without a scheme", "شاهد bit.ly/3xYz1 و www.example.com/a/b الآن", "شاهد و الان" },
        { "Arabic-Indic digits", "٣٥ صندوقا", "35 صندوقا" },
        { "Eastern Arabic-Indic digits", "۱۲۵ محطة", "125 محطه" },
        { "Farsi yeh and keheh from a Kurdish keyboard", "الناخبین فی کركوك", "الناخبين في كركوك" },
        { "spaces collapse", "  حرق \n\t الصناديق  ", "حرق الصناديق" },
    };

    public static TheoryData<string, string, string> SoraniRules => new()
    {
        { "Arabic kaf becomes keheh", "كۆمیسیۆن", "کۆمیسیۆن" },
        { "Arabic yeh becomes Farsi yeh", "دەنگداني", "دەنگدانی" },
        { "alef maqsura becomes Farsi yeh", "سلێمانى", "سلێمانی" },
        { "word-final heh becomes ae", "هەڵەبجه", "هەڵەبجە" },
        { "heh before punctuation is word-final", "بەسره، هەولێر", "بەسرە هەولێر" },
        { "heh with zero-width non-joiner becomes ae", "سندوقه\u200Cکانی دەنگدان", "سندوقەکانی دەنگدان" },
        { "taa marbuta becomes ae", "هەڵەبجة", "هەڵەبجە" },
        { "heh doachashmee becomes heh", "ھەڵبژاردن", "هەڵبژاردن" },
        { "Sorani ئ is kept", "ئەنجامەکانی هەڵبژاردن", "ئەنجامەکانی هەڵبژاردن" },
        { "diacritics", "دەنگَدانُ لە بەسرە", "دەنگدان لە بەسرە" },
        { "tatweel", "هەڵبژاردنـــەکان", "هەڵبژاردنەکان" },
        { "Arabic-Indic digits", "٣٥ سندوق لە بەسرە", "35 سندوق لە بەسرە" },
        { "Eastern Arabic-Indic digits", "۲۰ کورسی بۆ لیستی داهاتوو", "20 کورسی بۆ لیستی داهاتوو" },
        { "punctuation, emoji and links", "بەپەلە، سندوقەکان سووتێنران؟ 🔥 https://t.me/a_b", "بەپەلە سندوقەکان سووتێنران" },
    };

    [Theory]
    [MemberData(nameof(ArabicRules))]
    public void Arabic_normalisation_folds_what_readers_consider_the_same(string rule, string text, string expected)
    {
        Assert.True(ClaimFeatures.Normalise(text) == expected, $"{rule}: '{ClaimFeatures.Normalise(text)}', expected '{expected}'");
    }

    [Theory]
    [MemberData(nameof(SoraniRules))]
    public void Sorani_normalisation_folds_what_readers_consider_the_same(string rule, string text, string expected)
    {
        Assert.Equal("ckb", ClaimFeatures.GuessLanguage(text));
        Assert.True(ClaimFeatures.Normalise(text) == expected, $"{rule}: '{ClaimFeatures.Normalise(text)}', expected '{expected}'");
    }

    [Theory]
    [InlineData("IHEC Extended VOTING in Basra", "ihec extended voting in basra")]
    [InlineData("BREAKING: ballot-boxes burned!!! 😱 https://x.com/a/status/1", "breaking ballot boxes burned")]
    [InlineData("Results leaked, candidate withdrew (Ali's list)", "results leaked candidate withdrew ali s list")]
    public void English_normalisation_lowers_case_and_drops_punctuation_emoji_and_links(string text, string expected)
    {
        Assert.Equal(expected, ClaimFeatures.Normalise(text));
    }

    [Fact]
    public void Normalising_with_a_known_language_uses_that_languages_foldings()
    {
        // Without a Sorani-only letter the guess is Arabic (Farsi yeh becomes Arabic yeh); the reporter said Sorani
        // (Arabic kaf becomes keheh, Farsi yeh stays).
        Assert.Equal("كارتي", ClaimFeatures.Normalise("كارتی"));
        Assert.Equal("کارتی", ClaimFeatures.Normalise("كارتی", "ckb"));
    }

    [Theory]
    [InlineData("سندوقەکانی دەنگدان سووتێنران", "ckb")]
    [InlineData("چاودێران", "ckb")]
    [InlineData("ڕاگەیاندن", "ckb")]
    [InlineData("حرق صناديق الاقتراع في البصرة", "ar")]
    [InlineData("چان الناخبين هواي", "ar")] // Iraqi چ is not Sorani-only
    [InlineData("IHEC مفوضية الانتخابات", "ar")]
    [InlineData("Ballot boxes burned in Basra https://t.me/قناة", "en")]
    [InlineData("", "en")]
    [InlineData("🔥🔥", "en")]
    public void Language_is_guessed_from_the_script(string text, string expected)
    {
        Assert.Equal(expected, ClaimFeatures.GuessLanguage(text));
    }

    [Theory]
    [InlineData("ar", "حرق صناديق الاقتراع في البصرة بعد إغلاق المحطات", "بعد إغلاق المحطات في البصرة حرق صناديق الاقتراع")]
    [InlineData("ckb", "سندوقەکانی دەنگدان لە هەڵەبجە سووتێنران", "لە هەڵەبجە سووتێنران سندوقەکانی دەنگدان")]
    [InlineData("en", "Ballot boxes burned in Basra after polls closed", "after polls closed in Basra ballot boxes burned")]
    public void Features_do_not_depend_on_word_order(string language, string text, string reordered)
    {
        Assert.Equal(ClaimFeatures.Extract(text, language).Order(), ClaimFeatures.Extract(reordered, language).Order());
    }

    [Theory]
    [InlineData("ar", "إلغاء نتائج المحطة الانتخابية في نينوى بسبب التزوير", "الغاء نتائج المحطه الإنتخابيه فى نينوي بسبب التّزويـــر !!")]
    [InlineData("ar", "منع المراقبين من دخول مراكز الاقتراع", "منع المراقبین من دخول مراکز الإقتراع")]
    [InlineData("ckb", "سندوقەکانی دەنگدان لە هەڵەبجە سووتێنران", "سندوقەكانى دەنگدان لە هەڵەبجه سووتێنران")]
    [InlineData("ckb", "کۆمیسیۆن دەنگدانی لە بەسرە درێژکردەوە", "كۆمیسیۆن دەنگداني لە بەسره درێژكردەوە؟")]
    [InlineData("en", "IHEC extended voting in Kirkuk", "ihec EXTENDED voting in kirkuk!!! 🗳️")]
    public void Features_do_not_depend_on_spelling_variants(string language, string text, string respelled)
    {
        Assert.Equal(ClaimFeatures.Extract(text, language).Order(), ClaimFeatures.Extract(respelled, language).Order());
    }

    [Theory]
    [InlineData("ar", "حرق صناديق الاقتراع في البصرة", "عاجل: حرق صناديق الاقتراع في البصرة، انشروا قبل الحذف. للأمانة منقول")]
    [InlineData("ckb", "سندوقەکانی دەنگدان لە هەڵەبجە سووتێنران", "بەپەلە: سندوقەکانی دەنگدان لە هەڵەبجە سووتێنران، بڵاوی بکەنەوە")]
    [InlineData("en", "Ballot boxes burned in Basra", "URGENT: ballot boxes burned in Basra. Share before they delete it!")]
    public void Features_leave_out_the_wrappers_of_forwarded_messages(string language, string text, string wrapped)
    {
        var plain = ClaimFeatures.Extract(text, language);
        var forwarded = ClaimFeatures.Extract(wrapped, language);
        Assert.Superset(plain.ToHashSet(), forwarded.ToHashSet());
        Assert.True(forwarded.Count - plain.Count <= 2, $"wrapper left {string.Join(' ', forwarded.Except(plain))}");
    }

    [Fact]
    public void Features_are_the_stemmed_terms_of_the_claim_language()
    {
        var features = ClaimFeatures.Extract("شاهدنا حرق صناديق الاقتراع في البصرة", "ar");
        Assert.Contains("شاهدنا", features); // not an election word: the analysed term itself
        Assert.DoesNotContain("في", features); // stop word
        // Election words are compared as their glossary concept.
        Assert.Contains("#burn", features);
        Assert.Contains("#box", features);
        Assert.Contains("#vote", features);
        Assert.Contains("#IQ-BA", features);
    }

    [Theory]
    [InlineData("ar", "المفوضية ألغت نتائج 30 محطة اقتراع في كركوك بسبب تزوير في صناديق الاقتراع")]
    [InlineData("ckb", "کۆمسیۆن ئەنجامی ٣٠ وێستگەی دەنگدانی لە کەرکووک هەڵوەشاندەوە بەهۆی ساختەکاری لە سندوقەکاندا")]
    [InlineData("en", "IHEC cancelled the results of 30 polling stations in Kirkuk because of fraud in the ballot boxes")]
    public void The_same_claim_in_each_language_shares_its_election_concepts(string language, string claim)
    {
        var features = ClaimFeatures.Extract(claim, language);

        Assert.Superset(new HashSet<string> { "#ihec", "#cancel", "#result", "30", "#station", "#IQ-KI", "#fraud", "#box" }, features.ToHashSet());
    }

    [Fact]
    public void A_sorani_report_of_an_arabic_claim_is_similar_enough_to_be_suggested_but_not_grouped()
    {
        var index = new NearDuplicateIndex();
        var arabicCase = Guid.NewGuid();
        index.Add(Guid.NewGuid(), arabicCase, "المفوضية ألغت نتائج 30 محطة اقتراع في كركوك بعد اكتشاف تزوير واسع في صناديق الاقتراع", "ar");
        index.Add(Guid.NewGuid(), Guid.NewGuid(), "انسحاب مرشحة من السباق في البصرة", "ar");

        var match = Assert.Single(index.Find("کۆمسیۆن ئەنجامی ٣٠ وێستگەی دەنگدانی لە کەرکووک هەڵوەشاندەوە بەهۆی ساختەکاری لە سندوقەکاندا", "ckb"));

        Assert.Equal(arabicCase, match.CaseId);
        Assert.InRange(match.Similarity, NearDuplicateIndex.SuggestThreshold, NearDuplicateIndex.AutoGroupThreshold - 0.0001);
    }

    [Fact]
    public void Unknown_language_is_guessed()
    {
        Assert.Equal(
            ClaimFeatures.Extract("سندوقەکانی دەنگدان لە هەڵەبجە سووتێنران", "ckb").Order(),
            ClaimFeatures.Extract("سندوقەکانی دەنگدان لە هەڵەبجە سووتێنران", "").Order());
    }

    [Fact]
    public void Text_without_words_has_no_features()
    {
        Assert.Empty(ClaimFeatures.Extract("🔥🔥 !!! https://t.me/x", "ar"));
        Assert.Equal("", ClaimFeatures.Normalise("🔥🔥 ‼️ https://t.me/x"));
    }

    [Fact]
    public void Features_are_the_same_when_extracted_from_several_threads_at_once()
    {
        // The shared Lucene analyzer keeps its token stream components per thread; this pins that it is safe.
        var claims = ClaimCorpus.Generate(300, 2, seed: 5);
        var sequential = claims.Select(c => string.Join(' ', ClaimFeatures.Extract(c.Text, c.Language).Order())).ToArray();
        var parallel = new string[claims.Count];
        Parallel.For(0, claims.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 },
            i => parallel[i] = string.Join(' ', ClaimFeatures.Extract(claims[i].Text, claims[i].Language).Order()));
        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void Word_by_word_analysis_gives_the_features_of_the_whole_text()
    {
        // Extract analyses each normalised word once and keeps its features; that must equal Lucene's analysis of the
        // whole text, on every generated report (all three languages, every kind of variation) and on awkward input.
        // Each text twice: the first time a word may be analysed, the second time it is known.
        string[] awkward =
        [
            "IHEC's results: 12seats for the list's candidates, 3rd recount in Kirkuk (CNN), e-mail bit.ly/x 🔥",
            "Ballot-boxes burned — ١٢ box's at station#5; don't share!!",
            "المفوضية ألغت نتائج ٣٠ محطة اقتراع في كركوك Kirkuk2025 بسبب التزوير",
            "کۆمسیۆن ئەنجامی ٣٠ وێستگەی دەنگدانی لە کەرکووک هەڵوەشاندەوە بەهۆی ساختەکاری، لە سندوقەکاندا",
            "نیوه‌ی دەنگەکان ئەنجامه‌کان ھەڵبژاردن Duhok",
            "日本 选举 ภาษาไทย 한국어 mixed with عربي",
            "",
            "   ",
        ];
        var corpus = ClaimCorpus.Generate(1500, 5, seed: 11).Select(c => (c.Text, c.Language));
        var texts = corpus.Concat(awkward.SelectMany(t => new[] { (t, "ar"), (t, "ckb"), (t, "en"), (t, "") })).ToList();
        foreach (var (text, language) in texts.Concat(texts))
        {
            Assert.Equal(ClaimFeatures.ExtractWhole(text, language).Order(), ClaimFeatures.Extract(text, language).Order());
        }
    }
}
