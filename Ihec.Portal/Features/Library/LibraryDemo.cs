using Ihec.Portal.Infrastructure.Auditing;
using Ihec.Portal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Library;

/// <summary>A handful of published documents, created through the editors' service as an editor would.</summary>
internal static class LibraryDemo
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var dbFactory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Set<LibraryDocument>().AnyAsync(cancellationToken))
            {
                return;
            }
        }

        var editor = services.GetRequiredService<LibraryEditorService>();
        var actor = AuditActor.System;

        var register = await CreateAsync(editor, actor, new DocumentInput
        {
            Kind = DocumentKind.BoardDecision, Year = 2025, Number = "12", SessionNumber = 8, SessionDate = new DateOnly(2025, 3, 18),
            EffectiveDate = new DateOnly(2025, 3, 20), Election = "cor-2025", Topics = ["voter-registration"],
            TitleAr = "قرار مجلس المفوضين رقم (12) لسنة 2025 بشأن تحديث سجل الناخبين",
            SummaryAr = "فتح مراكز التسجيل لتحديث سجل الناخبين بايومترياً استعداداً لانتخابات مجلس النواب.",
            BodyAr = "## أولاً\n\nتُفتح مراكز التسجيل في جميع المحافظات لتحديث سجل الناخبين بايومترياً اعتباراً من **20 آذار 2025**.\n\n## ثانياً\n\nيلتزم الناخب بإحضار البطاقة الوطنية الموحدة أو هوية الأحوال المدنية وبطاقة السكن.\n\n## ثالثاً\n\nتُنشر قوائم الناخبين الأولية للاطلاع والطعن وفق [نظام سجل الناخبين](https://ihec.iq).",
            TitleCkb = "بڕیاری ئەنجومەنی کۆمیسیاران ژمارە (12)ی ساڵی 2025 دەربارەی نوێکردنەوەی تۆماری دەنگدەران",
            SummaryCkb = "کردنەوەی بنکەکانی تۆمارکردن بۆ نوێکردنەوەی بایۆمەتری تۆماری دەنگدەران بۆ هەڵبژاردنی ئەنجومەنی نوێنەران.",
            BodyCkb = "## یەکەم\n\nبنکەکانی تۆمارکردن لە هەموو پارێزگاکان لە **20ی ئاداری 2025**ەوە دەکرێنەوە بۆ نوێکردنەوەی بایۆمەتری تۆماری دەنگدەران.\n\n## دووەم\n\nدەنگدەر کارتی نیشتمانی یەکگرتوو یان ناسنامەی باری شارستانی و کارتی نیشتەجێبوون لەگەڵ خۆی دەهێنێت.",
            TitleEn = "Board decision No. 12 of 2025 on updating the voter register",
            SummaryEn = "Registration centres open for the biometric update of the voter register ahead of the Council of Representatives election.",
            BodyEn = "## First\n\nRegistration centres in every governorate open for the biometric update of the voter register from **20 March 2025**.\n\n## Second\n\nVoters bring the unified national card or the civil status ID and the residence card.",
        }, cancellationToken);

        var extension = await CreateAsync(editor, actor, new DocumentInput
        {
            Kind = DocumentKind.BoardDecision, Year = 2025, Number = "27", SessionNumber = 15, SessionDate = new DateOnly(2025, 5, 6),
            EffectiveDate = new DateOnly(2025, 5, 7), Election = "cor-2025", Topics = ["voter-registration", "displaced"],
            TitleAr = "قرار مجلس المفوضين رقم (27) لسنة 2025 بتمديد تحديث سجل الناخبين",
            SummaryAr = "تمديد عمل مراكز التسجيل ثلاثين يوماً وفتح مراكز متنقلة في مخيمات النازحين.",
            BodyAr = "يُعدَّل البند (أولاً) من القرار رقم (12) لسنة 2025 ليُمدَّد عمل مراكز التسجيل ثلاثين يوماً، وتُفتح فرق تسجيل متنقلة في مخيمات النازحين.",
            TitleEn = "Board decision No. 27 of 2025 extending the voter register update",
            SummaryEn = "Registration centres stay open thirty more days; mobile teams visit camps for displaced people.",
            BodyEn = "Clause (First) of decision No. 12 of 2025 is amended: registration centres stay open for thirty more days, and mobile registration teams visit camps for displaced people.",
        }, cancellationToken);
        await editor.AddRelationAsync(extension, RelationKind.Amends, register, actor, cancellationToken);

        await CreateAsync(editor, actor, new DocumentInput
        {
            Kind = DocumentKind.Regulation, Year = 2025, Number = "4", EffectiveDate = new DateOnly(2025, 2, 1),
            Election = "cor-2025", Topics = ["observation"],
            TitleAr = "نظام رقم (4) لسنة 2025 — اعتماد المراقبين المحليين ووكلاء الأحزاب",
            SummaryAr = "شروط اعتماد منظمات المجتمع المدني ومراقبيها ووكلاء الأحزاب وحقوقهم وواجباتهم في مراكز الاقتراع.",
            BodyAr = "## المادة 1\n\nتُعتمد منظمات المجتمع المدني المسجلة لدى دائرة المنظمات غير الحكومية لمراقبة عمليات التسجيل والاقتراع والعد والفرز.\n\n## المادة 2\n\nيحق للمراقب المعتمد الحصول على نسخة من **ورقة النتائج** في المحطة بعد انتهاء العد.\n\n## المادة 3\n\nيلتزم المراقب بالحياد وعدم التدخل في عمل موظفي الاقتراع.",
            TitleCkb = "ڕێسای ژمارە (4)ی ساڵی 2025 — پەسەندکردنی چاودێرە ناوخۆییەکان و بریکارانی حیزبەکان",
            SummaryCkb = "مەرجەکانی پەسەندکردنی ڕێکخراوەکانی کۆمەڵگەی مەدەنی و چاودێرەکانیان و بریکارانی حیزبەکان.",
            BodyCkb = "## ماددەی 1\n\nڕێکخراوە تۆمارکراوەکانی کۆمەڵگەی مەدەنی بۆ چاودێریکردنی تۆمارکردن و دەنگدان و ژماردن پەسەند دەکرێن.\n\n## ماددەی 2\n\nچاودێری پەسەندکراو مافی وەرگرتنی کۆپیەکی **پەڕەی ئەنجامەکان**ی هەیە دوای ژماردن.",
            TitleEn = "Regulation No. 4 of 2025 — accrediting domestic observers and party agents",
            SummaryEn = "Conditions for accrediting civil-society organisations, their observers and party agents, and their rights and duties at polling centres.",
            BodyEn = "## Article 1\n\nCivil-society organisations registered with the NGO Directorate are accredited to observe registration, polling and counting.\n\n## Article 2\n\nAn accredited observer may obtain a copy of the station's **results sheet** after the count.",
        }, cancellationToken);

        await CreateAsync(editor, actor, new DocumentInput
        {
            Kind = DocumentKind.Procedure, Year = 2025, Number = "9", EffectiveDate = new DateOnly(2025, 10, 1),
            Election = "cor-2025", Topics = ["polling", "security-forces", "displaced"],
            TitleAr = "إجراءات الاقتراع الخاص للقوات الأمنية والنازحين",
            SummaryAr = "خطوات الاقتراع الخاص قبل يومين من الاقتراع العام.",
            BodyAr = "1. يتحقق موظف المحطة من بطاقة الناخب البايومترية.\n2. يُغمس إصبع الناخب بالحبر الانتخابي.\n3. يُسلَّم الناخب ورقة الاقتراع ويدلي بصوته سراً.\n\nتُنقل صناديق الاقتراع الخاص مختومة إلى مراكز العد.",
            TitleEn = "Special voting procedures for security forces and displaced people",
            BodyEn = "1. Station staff check the voter's biometric card.\n2. The voter's finger is inked.\n3. The voter receives the ballot and votes in secret.\n\nSealed special-voting ballot boxes are taken to counting centres.",
        }, cancellationToken);

        var plan = await CreateAsync(editor, actor, new DocumentInput
        {
            Kind = DocumentKind.Plan, Year = 2025, Number = "1", EffectiveDate = new DateOnly(2025, 1, 15),
            Election = "cor-2025", Topics = ["voter-registration", "candidates", "campaigning", "polling", "results"],
            TitleAr = "الخطة التشغيلية لانتخابات مجلس النواب 2025",
            SummaryAr = "المراحل والمواعيد الرئيسية لانتخابات مجلس النواب العراقي.",
            BodyAr = "تحدد هذه الخطة مراحل العملية الانتخابية ومواعيدها، وتُحدَّث عند صدور قرارات جديدة من مجلس المفوضين.",
            TitleCkb = "پلانی کارپێکردنی هەڵبژاردنی ئەنجومەنی نوێنەران 2025",
            SummaryCkb = "قۆناغ و وادە سەرەکییەکانی هەڵبژاردنی ئەنجومەنی نوێنەرانی عێراق.",
            BodyCkb = "ئەم پلانە قۆناغەکانی پرۆسەی هەڵبژاردن و وادەکانیان دیاری دەکات.",
            TitleEn = "Operational plan for the 2025 Council of Representatives election",
            SummaryEn = "The main stages and dates of the Iraqi Council of Representatives election.",
            BodyEn = "This plan sets out the stages of the electoral process and their dates; it is updated when the Board issues new decisions.",
        }, cancellationToken);
        (DateOnly Date, DateOnly? End, string Ar, string Ckb, string En)[] milestones =
        [
            (new(2025, 3, 20), new(2025, 6, 5), "تحديث سجل الناخبين", "نوێکردنەوەی تۆماری دەنگدەران", "Voter register update"),
            (new(2025, 5, 1), new(2025, 6, 24), "تسجيل المرشحين", "تۆمارکردنی کاندیدەکان", "Candidate registration"),
            (new(2025, 10, 3), new(2025, 11, 8), "الحملة الانتخابية", "بانگەشەی هەڵبژاردن", "Election campaign"),
            (new(2025, 11, 9), null, "الاقتراع الخاص", "دەنگدانی تایبەت", "Special voting"),
            (new(2025, 11, 11), null, "الاقتراع العام", "دەنگدانی گشتی", "General voting"),
        ];
        foreach (var m in milestones)
        {
            await editor.AddMilestoneAsync(plan, new MilestoneInput { Date = m.Date, EndDate = m.End, TitleAr = m.Ar, TitleCkb = m.Ckb, TitleEn = m.En }, actor, cancellationToken);
        }

        await CreateAsync(editor, actor, new DocumentInput
        {
            Kind = DocumentKind.AwarenessMaterial, Year = 2025, Number = "3", Election = "cor-2025", Topics = ["accessibility", "voter-education"],
            TitleAr = "دليل الناخب من الأشخاص ذوي الإعاقة",
            SummaryAr = "كيف تدلي بصوتك باستقلالية وسرية، ومن يمكنه مساعدتك.",
            BodyAr = "- يحق لك أن تصطحب **مرافقاً تختاره** لمساعدتك في الإدلاء بصوتك.\n- تُخصَّص في كل مركز محطة في الطابق الأرضي يسهل الوصول إليها.\n- يمكنك طلب دليل الاقتراع بطريقة برايل من مدير المحطة.",
            TitleCkb = "ڕێبەری دەنگدەرانی خاوەن پێداویستی تایبەت",
            SummaryCkb = "چۆن بە سەربەخۆیی و نهێنی دەنگ بدەیت، و کێ دەتوانێت یارمەتیت بدات.",
            BodyCkb = "- مافی ئەوەت هەیە **یاریدەدەرێک کە خۆت هەڵیدەبژێریت** لەگەڵ خۆت بهێنیت.\n- لە هەر بنکەیەک وێستگەیەک لە نهۆمی خوارەوە تەرخان دەکرێت.",
            TitleEn = "Guide for voters with disabilities",
            SummaryEn = "How to vote independently and in secret, and who may help you.",
            BodyEn = "- You may bring **a companion of your choice** to help you vote.\n- Every centre has an accessible station on the ground floor.\n- Ask the station manager for the Braille ballot guide.",
        }, cancellationToken);
    }

    private static async Task<Guid> CreateAsync(LibraryEditorService editor, AuditActor actor, DocumentInput input, CancellationToken cancellationToken)
    {
        var created = await editor.CreateAsync(input, actor, cancellationToken);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Demo document {input.Kind} {input.Number}/{input.Year} was refused: {created.Error} {created.Field}");
        }

        await editor.SetPublishedAsync(created.Id!.Value, true, actor, cancellationToken);
        return created.Id.Value;
    }
}
