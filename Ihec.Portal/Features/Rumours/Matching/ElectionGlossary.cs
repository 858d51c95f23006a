namespace Ihec.Portal.Features.Rumours.Matching;

/// <summary>
/// Words of election rumours that mean the same thing in Arabic, Sorani and English (and the usual synonyms within one
/// language), each group a concept. A claim's analysed terms that belong to a concept are compared as that concept, so
/// a Sorani report of a rumour already reported in Arabic shares most of its features with the Arabic case and is
/// suggested to the analyst; and "hacked" meets "penetrated". The words are analysed with the same analyzers as claims
/// when the table is built, so each entry may be written in any inflected form. Kept to the vocabulary of elections:
/// a general dictionary would merge claims that only share common words.
/// </summary>
public static class ElectionGlossary
{
    /// <summary>Concept, then its words in Arabic, Sorani and English (space-separated; several forms allowed).</summary>
    public static readonly IReadOnlyList<(string Concept, string Ar, string Ckb, string En)> Entries =
    [
        ("ihec", "المفوضية مفوضية المفوضيه", "کۆمسیۆن کۆمسیۆنی کۆمیسیۆن", "ihec commission commissioner"),
        ("election", "الانتخابات انتخابات الانتخاب انتخابية", "هەڵبژاردن هەڵبژاردنەکان هەڵبژاردنی", "election elections electoral"),
        ("vote", "التصويت تصويت الاقتراع اقتراع أصوات اصوات", "دەنگدان دەنگدانی دەنگ", "vote voting votes poll polling"),
        ("voter", "الناخبين الناخبون ناخب ناخبين", "دەنگدەر دەنگدەران دەنگدەرەکان", "voter voters electorate"),
        ("box", "صناديق صندوق الصناديق", "سندوق سندوقەکان سندووق سندوقەکاندا", "box boxes ballot"),
        ("station", "محطة محطات المحطات", "وێستگە وێستگەی وێستگەکان", "station stations"),
        ("centre", "مركز مراكز", "بنکە بنکەکان سەنتەر", "centre center centres"),
        ("result", "نتائج النتائج نتيجة", "ئەنجام ئەنجامی ئەنجامەکان", "result results outcome"),
        ("count", "العد فرز عد الفرز", "ژماردن ژمارتن", "count counting tally recount"),
        ("fraud", "تزوير التزوير مزورة تلاعب", "ساختەکاری ساختە تەزویر فێڵ", "fraud rigged forged forgery manipulation"),
        ("cancel", "ألغت الغاء إلغاء ألغى ابطال", "هەڵوەشاندەوە هەڵوەشاندنەوە پووچەڵکردەوە", "cancelled canceled cancel annulled voided"),
        ("postpone", "تأجيل أجلت اجلت تأجل", "دواخستن دواخرا دوا خرا", "postponed postpone delayed"),
        ("extend", "مددت تمديد مدد", "درێژکردەوە درێژکردنەوە درێژکرایەوە", "extended extend extension"),
        ("candidate", "مرشح المرشح مرشحين المرشحين مرشحة", "کاندید کاندیدەکان پاڵێوراو", "candidate candidates"),
        ("woman", "النساء امرأة المرأة نساء المرشحات", "ئافرەت ئافرەتان ژن ژنان", "woman women female"),
        ("minority", "الأقليات أقليات المسيحيين الإيزيديين الأيزيديين", "کەمینە کەمینەکان مەسیحی ئێزیدی", "minority minorities christian christians yazidi yazidis"),
        ("party", "حزب الحزب قائمة تحالف", "پارت پارتی حیزب لیست هاوپەیمانی", "party list coalition alliance"),
        ("withdraw", "انسحب انسحبت انسحاب", "کشایەوە کشانەوە", "withdrew withdraw withdrawn"),
        ("arrest", "اعتقال اعتقل القبض", "دەستگیرکرا دەستگیرکردن", "arrested arrest detained"),
        ("burn", "حرق احراق احترق أحرقت", "سووتان سووتاندن سووتێنران سووتا", "burned burnt burn fire"),
        ("hack", "اختراق اخترق تهكير مخترقة", "هاک هاککرا هاککران دزەکرایە", "hacked hack hacking penetrated"),
        ("device", "جهاز أجهزة اجهزة", "ئامێر ئامێرەکان", "device devices machine machines"),
        ("card", "بطاقة بطاقات", "کارت کارتی کارتەکان", "card cards"),
        ("biometric", "البايومترية بايومتري البايومتري", "بایۆمەتری", "biometric"),
        ("observer", "مراقب مراقبين المراقبين مراقبون", "چاودێر چاودێران چاودێرەکان", "observer observers monitor monitors"),
        ("leak", "تسريب تسربت مسربة", "دزەیکرد دزەکرد دزەکردن", "leaked leak"),
        ("buy", "شراء بيع", "کڕین فرۆشتن", "buying bought selling"),
        ("tomorrow", "غدا الغد", "سبەی سبەینێ", "tomorrow"),
        ("day", "يوم اليوم أيام", "ڕۆژ ڕۆژی", "day days"),
        ("IQ-BG", "بغداد", "بەغدا", "baghdad"),
        ("IQ-BA", "البصرة بصرة", "بەسرە", "basra basrah"),
        ("IQ-NI", "نينوى", "نەینەوا", "nineveh ninawa"),
        ("IQ-AR", "أربيل اربيل", "هەولێر", "erbil arbil irbil"),
        ("IQ-SU", "السليمانية سليمانية", "سلێمانی", "sulaymaniyah sulaimani"),
        ("IQ-DA", "دهوك", "دهۆک", "duhok dohuk"),
        ("IQ-KI", "كركوك", "کەرکووک کەرکوک", "kirkuk"),
        ("IQ-AN", "الأنبار انبار", "ئەنبار", "anbar"),
        ("IQ-BB", "بابل", "بابل", "babil babylon"),
        ("IQ-KA", "كربلاء", "کەربەلا", "karbala"),
        ("IQ-NA", "النجف نجف", "نەجەف", "najaf"),
        ("IQ-WA", "واسط", "واست", "wasit"),
        ("IQ-DI", "ديالى", "دیالە", "diyala"),
        ("IQ-SD", "صلاح الدين", "سەڵاحەدین", "salahuddin saladin"),
        ("IQ-QA", "القادسية", "قادسیە", "qadisiyah"),
        ("IQ-MA", "ميسان", "میسان", "maysan"),
        ("IQ-DQ", "ذي قار", "زیقار", "dhi qar"),
        ("IQ-MU", "المثنى", "موسەننا", "muthanna"),
        // Cities that are not their governorate: a claim about Mosul and one about Nineveh are two claims (an analyst
        // may merge them), so each city is a concept of its own, in the three languages.
        ("mosul", "الموصل", "موسڵ", "mosul"),
        ("diwaniyah", "الديوانية", "دیوانیە", "diwaniyah"),
        ("amarah", "العمارة", "عەمارە", "amarah"),
        ("nasiriyah", "الناصرية", "ناسریە", "nasiriyah"),
        ("samawah", "السماوة", "سەماوە", "samawah"),
    ];
}
