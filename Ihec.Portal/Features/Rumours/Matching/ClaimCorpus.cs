using System.Globalization;
using System.Text;

namespace Ihec.Portal.Features.Rumours.Matching;

/// <summary>One generated report: its claim (all variants of one claim share <see cref="CaseId"/>) and its text.</summary>
public sealed record LabelledClaim(Guid ReportId, Guid CaseId, int Claim, int Variant, string Language, string Text);

/// <summary>
/// A labelled set of election rumours for calibrating and testing near-duplicate matching (tests and
/// bench/RumourMatching use the same one). Not used by the portal at run time.
/// <para>
/// Distinct claims are the hard case on purpose: most come from the same dozen sentence patterns ("ballot boxes
/// burned in X in favour of Y") and differ only in the place or the party, so they share most of their words.
/// Variants of one claim are what reporters send: other spellings (hamza, taa marbuta, alef maqsura, Kurdish or
/// Arabic keyboard letters, Arabic-Indic digits), diacritics, tatweel, another word order, "urgent"/"share" wrappers,
/// emoji, links, punctuation, a dropped word or a synonym. The place, party and number are kept: a report with
/// another place is another claim.
/// </para>
/// </summary>
public static class ClaimCorpus
{
    /// <summary>
    /// <paramref name="distinctClaims"/> claims with <paramref name="variantsPerClaim"/> reports each, in claim order;
    /// the same seed gives the same set. Languages are mixed, about 45% Arabic, 35% Sorani, 20% English.
    /// </summary>
    public static IReadOnlyList<LabelledClaim> Generate(int distinctClaims, int variantsPerClaim, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(distinctClaims);
        ArgumentOutOfRangeException.ThrowIfLessThan(variantsPerClaim, 1);
        var random = new Random(seed);
        var used = new HashSet<(string, int, int, int)>();
        var result = new List<LabelledClaim>(distinctClaims * variantsPerClaim);
        for (var claim = 0; claim < distinctClaims; claim++)
        {
            var roll = random.NextDouble();
            var language = roll < 0.45 ? "ar" : roll < 0.8 ? "ckb" : "en";
            var vocabulary = Vocabularies[language];
            int template, place, who;
            var attempts = 0;
            do
            {
                template = random.Next(vocabulary.Templates.Length);
                place = random.Next(Places.Length);
                who = random.Next(Parties.Length + CandidateFirstNames.Length * CandidateLastNames.Length);
                if (++attempts > 10_000)
                {
                    throw new ArgumentOutOfRangeException(nameof(distinctClaims), "More claims than the vocabulary can make distinct.");
                }
            }
            while (!used.Add((language, template, place, who)));

            var number = (random.Next(2, 60) * 5).ToString(CultureInfo.InvariantCulture);
            var caseId = NewGuid(random);
            var words = Fill(vocabulary.Templates[template], Pick(Places[place], language), Who(who, language), number);
            for (var variant = 0; variant < variantsPerClaim; variant++)
            {
                var text = variant == 0 ? string.Join(' ', words.Select(w => w.Text)) : Vary(words, language, random);
                result.Add(new LabelledClaim(NewGuid(random), caseId, claim, variant, language, text));
            }
        }

        return result;
    }

    private sealed record Word(string Text, bool Slot);

    private sealed record Vocabulary(string[] Templates, string[] Prefixes, string[] Suffixes, (string From, string To)[] Synonyms);

    private static string Pick((string Ar, string Ckb, string En) names, string language) =>
        language switch { "ckb" => names.Ckb, "en" => names.En, _ => names.Ar };

    // A party, or a candidate: "candidate Ali Hassan" (candidates share first names and family names, as they do).
    private static string Who(int who, string language)
    {
        if (who < Parties.Length)
        {
            return Pick(Parties[who], language);
        }

        who -= Parties.Length;
        var title = language switch { "ckb" => "کاندید", "en" => "candidate", _ => "المرشح" };
        return $"{title} {Pick(CandidateFirstNames[who % CandidateFirstNames.Length], language)} {Pick(CandidateLastNames[who / CandidateFirstNames.Length], language)}";
    }

    private static List<Word> Fill(string template, string place, string who, string number)
    {
        var words = new List<Word>();
        foreach (var token in template.Split(' '))
        {
            var slot = token switch { "{place}" => place, "{who}" => who, "{n}" => number, _ => null };
            if (slot is null)
            {
                words.Add(new Word(token, false));
            }
            else
            {
                words.AddRange(slot.Split(' ').Select(w => new Word(w, true)));
            }
        }

        return words;
    }

    private static string Vary(List<Word> original, string language, Random random)
    {
        var vocabulary = Vocabularies[language];
        var words = original.Select(w => w.Text).ToList();
        var slots = original.Select(w => w.Slot).ToList();

        // A synonym or another form of a word (never of the place, party or number).
        if (random.NextDouble() < 0.4)
        {
            var (from, to) = vocabulary.Synonyms[random.Next(vocabulary.Synonyms.Length)];
            var at = words.IndexOf(from);
            if (at >= 0 && !slots[at])
            {
                words[at] = to;
            }
        }

        // One word left out.
        if (random.NextDouble() < 0.3)
        {
            var candidates = Enumerable.Range(0, words.Count).Where(i => !slots[i] && words[i].Length > 2).ToList();
            if (candidates.Count > 0)
            {
                var at = candidates[random.Next(candidates.Count)];
                words.RemoveAt(at);
                slots.RemoveAt(at);
            }
        }

        // Another word order: a full shuffle, or the second half first.
        var order = random.NextDouble();
        if (order < 0.3)
        {
            words = [.. words.OrderBy(_ => random.Next())];
        }
        else if (order < 0.6)
        {
            var half = words.Count / 2;
            words = [.. words.Skip(half), .. words.Take(half)];
        }

        // Spelling: each word may get another spelling the portal folds.
        for (var i = 0; i < words.Count; i++)
        {
            words[i] = Respell(words[i], language, random);
        }

        var text = new StringBuilder();
        if (random.NextDouble() < 0.5)
        {
            text.Append(vocabulary.Prefixes[random.Next(vocabulary.Prefixes.Length)]).Append(' ');
        }

        for (var i = 0; i < words.Count; i++)
        {
            text.Append(words[i]);
            var punctuation = random.NextDouble();
            text.Append(punctuation < 0.08 ? (language == "en" ? ", " : "، ") : punctuation < 0.12 ? "... " : " ");
        }

        text.Append(random.Next(6) switch { 0 => "!!", 1 => language == "en" ? "?" : "؟", 2 => "؛", 3 => "!؟", _ => "." });
        if (random.NextDouble() < 0.4)
        {
            text.Append(' ').Append(vocabulary.Suffixes[random.Next(vocabulary.Suffixes.Length)]);
        }

        if (random.NextDouble() < 0.4)
        {
            text.Append(' ').Append(Emoji[random.Next(Emoji.Length)]);
        }

        if (random.NextDouble() < 0.3)
        {
            text.Append(random.Next(3) switch
            {
                0 => " https://t.me/iraq_news_" + random.Next(1000, 9999).ToString(CultureInfo.InvariantCulture),
                1 => " https://www.facebook.com/share/p/" + random.Next(100000, 999999).ToString(CultureInfo.InvariantCulture),
                _ => " bit.ly/3x" + random.Next(1000, 9999).ToString(CultureInfo.InvariantCulture),
            });
        }

        return text.ToString().Trim();
    }

    private static string Respell(string word, string language, Random random)
    {
        var chars = new StringBuilder(word);
        if (language == "en")
        {
            return random.Next(8) switch
            {
                0 => word.ToUpperInvariant(),
                1 => word.ToLowerInvariant(),
                2 when word.Length > 0 => char.ToUpperInvariant(word[0]) + word[1..],
                _ => word,
            };
        }

        if (word.All(char.IsAsciiDigit))
        {
            var zero = random.Next(3) switch { 0 => '\u0660', 1 => '\u06F0', _ => '0' };
            return new string([.. word.Select(c => (char)(zero + (c - '0')))]);
        }

        if (language == "ar")
        {
            // Alef with or without hamza, at the start or after the article.
            var alef = chars.Length > 2 && chars[0] == 'ا' && chars[1] == 'ل' ? 2 : 0;
            if (alef < chars.Length && random.NextDouble() < 0.4)
            {
                chars[alef] = chars[alef] switch
                {
                    'أ' or 'إ' or 'آ' => 'ا',
                    'ا' => random.Next(2) == 0 ? 'أ' : 'إ',
                    _ => chars[alef],
                };
            }

            var last = chars.Length - 1;
            if (last > 0 && random.NextDouble() < 0.4)
            {
                chars[last] = chars[last] switch { 'ة' => 'ه', 'ى' => 'ي', 'ي' => 'ى', _ => chars[last] };
            }

            if (random.NextDouble() < 0.05)
            {
                chars.Replace('ي', 'ی').Replace('ك', 'ک'); // typed on a Kurdish keyboard
            }
        }
        else
        {
            if (random.NextDouble() < 0.3)
            {
                chars.Replace('ک', 'ك').Replace('ی', random.Next(2) == 0 ? 'ي' : 'ى'); // typed on an Arabic keyboard
            }

            if (chars.Length > 1 && chars[^1] == 'ە' && random.NextDouble() < 0.3)
            {
                chars[^1] = 'ه';
            }

            if (chars.Length > 1 && chars[0] == 'ڕ' && random.NextDouble() < 0.3)
            {
                chars[0] = 'ر';
            }
        }

        // Diacritics on some letters, or a tatweel stretching the word.
        if (random.NextDouble() < 0.15)
        {
            for (var i = chars.Length - 1; i > 0; i--)
            {
                if (random.NextDouble() < 0.5)
                {
                    chars.Insert(i, Diacritics[random.Next(Diacritics.Length)]);
                }
            }
        }
        else if (chars.Length > 3 && random.NextDouble() < 0.08)
        {
            chars.Insert(chars.Length / 2, "ـــ");
        }

        return chars.ToString();
    }

    private static Guid NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static readonly string[] Diacritics = ["\u064E", "\u064F", "\u0650", "\u0651", "\u0652", "\u064B"];

    private static readonly string[] Emoji = ["🚨", "‼️", "😱😡", "🔥🔥", "🗳️", "👇👇", "❗"];

    private static readonly (string Ar, string Ckb, string En)[] Places =
    [
        ("بغداد", "بەغدا", "Baghdad"), ("البصرة", "بەسرە", "Basra"), ("نينوى", "نەینەوا", "Nineveh"),
        ("أربيل", "هەولێر", "Erbil"), ("السليمانية", "سلێمانی", "Sulaymaniyah"), ("دهوك", "دهۆک", "Duhok"),
        ("كركوك", "کەرکووک", "Kirkuk"), ("الأنبار", "ئەنبار", "Anbar"), ("ديالى", "دیالە", "Diyala"),
        ("صلاح الدين", "سەلاحەدین", "Salahuddin"), ("بابل", "بابل", "Babil"), ("كربلاء", "کەربەلا", "Karbala"),
        ("النجف", "نەجەف", "Najaf"), ("واسط", "واست", "Wasit"), ("ميسان", "مەیسان", "Maysan"),
        ("ذي قار", "زیقار", "Dhi Qar"), ("المثنى", "موسەننا", "Muthanna"), ("القادسية", "قادسیە", "Qadisiyah"),
        ("حلبجة", "هەڵەبجە", "Halabja"), ("الموصل", "مووسڵ", "Mosul"), ("الفلوجة", "فەللووجە", "Fallujah"),
        ("الرمادي", "ڕەمادی", "Ramadi"), ("سامراء", "سامەڕا", "Samarra"), ("تكريت", "تکریت", "Tikrit"),
        ("الحلة", "حیلە", "Hillah"), ("الناصرية", "ناسریە", "Nasiriyah"), ("العمارة", "عەمارە", "Amarah"),
        ("الكوت", "کووت", "Kut"), ("الديوانية", "دیوانیە", "Diwaniyah"), ("السماوة", "سەماوە", "Samawah"),
        ("زاخو", "زاخۆ", "Zakho"), ("رانية", "ڕانیە", "Ranya"), ("كويه", "کۆیە", "Koya"), ("سوران", "سۆران", "Soran"),
        ("خانقين", "خانەقین", "Khanaqin"), ("بعقوبة", "بەعقووبە", "Baqubah"), ("الزبير", "زوبەیر", "Zubair"),
        ("طوزخورماتو", "دووزخورماتوو", "Tuz Khurmatu"), ("سنجار", "شنگال", "Sinjar"), ("تلعفر", "تەلەعفەر", "Tal Afar"),
    ];

    // Invented party names: a test corpus should not put rumours in real parties' mouths.
    private static readonly (string Ar, string Ckb, string En)[] Parties =
    [
        ("تحالف الفجر", "هاوپەیمانی بەرەبەیان", "Dawn Alliance"), ("حزب النهضة", "پارتی ڕاپەڕین", "Renaissance Party"),
        ("قائمة الوفاق", "لیستی ڕێککەوتن", "Accord List"), ("حركة الغد", "بزووتنەوەی سبەی", "Tomorrow Movement"),
        ("تيار الوسط", "ڕەوتی ناوەند", "Centre Current"), ("ائتلاف البناء", "هاوپەیمانی بنیات", "Building Coalition"),
        ("جبهة الأحرار", "بەرەی ئازادان", "Free Front"), ("حزب الرافدين", "پارتی دوو ڕووبار", "Two Rivers Party"),
        ("كتلة السلام", "فراکسیۆنی ئاشتی", "Peace Bloc"), ("قائمة المستقبل", "لیستی داهاتوو", "Future List"),
        ("تحالف العزم", "هاوپەیمانی ئیرادە", "Resolve Alliance"), ("حزب الكرامة", "پارتی کەرامەت", "Dignity Party"),
        ("حركة التجديد", "بزووتنەوەی نوێبوونەوە", "Renewal Movement"), ("ائتلاف الوطن", "هاوپەیمانی نیشتمان", "Homeland Coalition"),
        ("قائمة العدالة", "لیستی دادپەروەری", "Justice List"),
    ];

    private static readonly (string Ar, string Ckb, string En)[] CandidateFirstNames =
    [
        ("علي", "عەلی", "Ali"), ("محمد", "محەمەد", "Mohammed"), ("أحمد", "ئەحمەد", "Ahmed"),
        ("حسين", "حوسێن", "Hussein"), ("عمر", "عومەر", "Omar"), ("كريم", "کەریم", "Karim"),
    ];

    private static readonly (string Ar, string Ckb, string En)[] CandidateLastNames =
    [
        ("حسن", "حەسەن", "Hassan"), ("جاسم", "جاسم", "Jassim"), ("صالح", "ساڵح", "Salih"),
        ("عبدالله", "عەبدوڵڵا", "Abdullah"), ("كاظم", "کازم", "Kadhim"),
    ];

    private static readonly Dictionary<string, Vocabulary> Vocabularies = new()
    {
        ["ar"] = new Vocabulary(
            [
                "حرق صناديق الاقتراع في {place} بعد إغلاق المحطات لصالح {who}",
                "المفوضية تمدد التصويت في {place} ساعتين إضافيتين بطلب من {who}",
                "تسريب نتائج الانتخابات في {place} قبل إعلانها وفوز {who} ب {n} مقعدا",
                "انسحاب {who} من السباق الانتخابي في {place}",
                "اختراق أجهزة التحقق الإلكترونية في {place} وتغيير الأصوات لصالح {who}",
                "شراء البطاقات الانتخابية في {place} بمبلغ {n} ألف دينار من قبل {who}",
                "منع المراقبين من دخول مراكز الاقتراع في {place} بأمر من {who}",
                "إلغاء {n} محطة اقتراع في {place} بسبب تزوير لصالح {who}",
                "توزيع بطاقات ناخبين مزورة في {place} من مكتب {who}",
                "تعطل أجهزة العد والفرز في {place} وإعادة العد يدويا لصالح {who}",
                "نقل صناديق الاقتراع ليلا في {place} بسيارات تابعة إلى {who}",
                "إعلان فوز {who} في {place} قبل انتهاء التصويت",
            ],
            ["عاجل:", "منقول", "#عاجل", "يقال إن", "مصادر تؤكد", "انتشر الآن"],
            ["انشروا قبل الحذف", "انشر", "للأمانة منقول", "الله يستر"],
            [
                ("حرق", "إحراق"), ("تمدد", "مددت"), ("تسريب", "تسرب"), ("انسحاب", "انسحب"), ("اختراق", "تهكير"),
                ("شراء", "بيع"), ("منع", "طرد"), ("إلغاء", "الغاء"), ("المفوضية", "مفوضية"), ("مزورة", "مزوره"),
                ("التصويت", "الاقتراع"), ("ليلا", "ليلاً"),
            ]),
        ["ckb"] = new Vocabulary(
            [
                "سووتاندنی سندوقەکانی دەنگدان لە {place} دوای داخستنی بنکەکان بۆ بەرژەوەندی {who}",
                "کۆمیسیۆن دەنگدانی لە {place} دوو کاتژمێر درێژکردەوە بە داوای {who}",
                "ئەنجامەکانی هەڵبژاردن لە {place} پێش ڕاگەیاندن دزەیان کرد و {who} {n} کورسی بردەوە",
                "{who} لە {place} لە کێبڕکێی هەڵبژاردن کشایەوە",
                "ئامێرە ئەلیکترۆنییەکانی دەنگدان لە {place} هاک کران و دەنگەکان بۆ {who} گۆڕدران",
                "کڕینی کارتی دەنگدان لە {place} بە {n} هەزار دینار لەلایەن {who}",
                "ڕێگری لە چاودێران کرا بچنە ناو بنکەکانی دەنگدان لە {place} بە فەرمانی {who}",
                "هەڵوەشاندنەوەی {n} وێستگەی دەنگدان لە {place} بەهۆی ساختەکاری بۆ {who}",
                "دابەشکردنی کارتی دەنگدەری ساختە لە {place} لە بارەگای {who}",
                "ئامێرەکانی ژماردن لە {place} تێکچوون و دەنگەکان بە دەست ژمێردرانەوە بۆ {who}",
                "گواستنەوەی سندوقەکانی دەنگدان بە شەو لە {place} بە ئۆتۆمبێلی {who}",
                "ڕاگەیاندنی سەرکەوتنی {who} لە {place} پێش کۆتایی دەنگدان",
            ],
            ["بەپەلە:", "#بەپەلە", "دەڵێن", "سەرچاوەکان دەڵێن", "ئێستا بڵاو بووەتەوە"],
            ["بڵاوی بکەنەوە", "پێش سڕینەوە بڵاوی بکەنەوە", "خوا بپارێزێت"],
            [
                ("سووتاندنی", "سووتانی"), ("سندوقەکانی", "سندووقەکانی"), ("کۆمیسیۆن", "کۆمسیۆن"), ("کاتژمێر", "سەعات"),
                ("کشایەوە", "کشاوەتەوە"), ("هاک", "هەک"), ("کڕینی", "کڕین"), ("ساختەکاری", "ساختەکارییەوە"),
                ("بە شەو", "شەوانە"), ("ئۆتۆمبێلی", "ئۆتۆمبیلی"),
            ]),
        ["en"] = new Vocabulary(
            [
                "Ballot boxes burned in {place} after polling stations closed to favour {who}",
                "IHEC extended voting in {place} by two hours at the request of {who}",
                "Election results in {place} leaked before the announcement and {who} wins {n} seats",
                "{who} in {place} withdrew from the race",
                "Electronic voting devices hacked in {place} and votes changed for {who}",
                "Voter cards bought in {place} for {n} thousand dinars by {who}",
                "Observers barred from polling centres in {place} on orders of {who}",
                "{n} polling stations cancelled in {place} over fraud favouring {who}",
                "Fake voter cards handed out in {place} from the office of {who}",
                "Counting machines broke down in {place} and votes recounted by hand for {who}",
                "Ballot boxes moved at night in {place} in cars belonging to {who}",
                "{who} declared winner in {place} before voting ended",
            ],
            ["BREAKING:", "Urgent!", "Forwarded:", "People are saying", "Sources confirm"],
            ["Share before they delete it", "share share share", "pass it on"],
            [
                ("burned", "burnt"), ("favour", "favor"), ("IHEC", "Commission"), ("leaked", "leak"), ("withdrew", "withdraws"),
                ("hacked", "hijacked"), ("bought", "purchased"), ("centres", "centers"), ("cancelled", "canceled"),
                ("Fake", "Forged"), ("moved", "transported"), ("declared", "announced"),
            ]),
    };
}
