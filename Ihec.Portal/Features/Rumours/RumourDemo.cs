using Ihec.Portal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Rumours;

/// <summary>A few demo cases so the queue, a case page and a published fact-check can be tried on a fresh start.</summary>
internal static class RumourDemo
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var dbFactory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<RumourCase>().AnyAsync(cancellationToken))
        {
            return;
        }

        var organisations = await db.Organisations.Where(o => o.Reference.StartsWith("CSO-DEMO-")).ToDictionaryAsync(o => o.Reference, o => o.Id, cancellationToken);
        var members = await db.Users.Where(u => u.Email!.StartsWith("member@")).ToDictionaryAsync(u => u.Email!, cancellationToken);
        if (!organisations.TryGetValue("CSO-DEMO-0001", out var tammuz) || !organisations.TryGetValue("CSO-DEMO-0002", out var kirkuk)
            || !members.TryGetValue("member@tammuz.demo", out var tammuzMember) || !members.TryGetValue("member@kirkuk-women.demo", out var kirkukMember))
        {
            return;
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var analyst = await db.Users.FirstOrDefaultAsync(u => u.Email == "antirumour@demo.ihec.iq", cancellationToken);

        RumourReport Report(Guid organisation, PortalUser member, string text, string language, TimeSpan ago, ReachBand reach, RumourTarget[] targets,
            RumourPlatform[] platforms, string[] governorates, string[] links) => new()
        {
            OrganisationId = organisation, ReporterUserId = member.Id, ReporterName = member.DisplayName, ClaimText = text, Language = language,
            Platforms = [.. platforms], Links = [.. links], FirstSeen = DateOnly.FromDateTime(now.Subtract(ago).UtcDateTime), Reach = reach,
            Governorates = [.. governorates], Targets = [.. targets], SuspectedKind = SuspectedKind.Disinformation, ReportedAt = now - ago,
            SubmissionKey = Guid.NewGuid().ToString("N"),
        };

        var extension = new RumourCase
        {
            Number = 1, Summary = "المفوضية مددت التصويت يوماً إضافياً في بغداد بسبب ضعف الإقبال", Language = "ar", Status = RumourStatus.New,
            CreatedAt = now.AddHours(-5), UpdatedAt = now.AddHours(-1), IsDemo = true,
        };
        extension.Reports.Add(Report(tammuz, tammuzMember, "المفوضية مددت التصويت يوماً إضافياً في بغداد بسبب ضعف الإقبال", "ar", TimeSpan.FromHours(5),
            ReachBand.UnderHundredThousand, [RumourTarget.Ihec, RumourTarget.Voters], [RumourPlatform.Facebook], ["IQ-BG"], ["https://www.facebook.com/example/posts/1"]));
        extension.Reports.Add(Report(kirkuk, kirkukMember, "المفوضيه مدّدت التصويت يوما اضافيا ببغداد بسبب ضعف الاقبال!!", "ar", TimeSpan.FromHours(1),
            ReachBand.UnderOneMillion, [RumourTarget.Ihec], [RumourPlatform.Telegram, RumourPlatform.WhatsApp], ["IQ-BG"], []));
        extension.Reports[1].Match = MatchOutcome.Grouped;
        extension.Reports[1].Similarity = 0.82;

        var burned = new RumourCase
        {
            Number = 2, Summary = "سندوقەکانی دەنگدان لە کەرکووک سووتێنران پێش ژماردن", Language = "ckb", Status = RumourStatus.Investigating,
            AssignedToUserId = analyst?.Id, AssignedToName = analyst?.DisplayName, CreatedAt = now.AddHours(-20), UpdatedAt = now.AddHours(-3), IsDemo = true,
        };
        burned.Reports.Add(Report(kirkuk, kirkukMember, "سندوقەکانی دەنگدان لە کەرکووک سووتێنران پێش ژماردن", "ckb", TimeSpan.FromHours(20),
            ReachBand.UnderTenThousand, [RumourTarget.Results], [RumourPlatform.TikTok], ["IQ-KI"], []));
        burned.Notes.Add(new RumourNote { AuthorName = analyst?.DisplayName ?? "IHEC", Text = "طلبنا تقرير مكتب كركوك الانتخابي.", CreatedAt = now.AddHours(-3) });

        var leaked = new RumourCase
        {
            Number = 3, Summary = "Results were leaked before counting finished", Language = "en", Status = RumourStatus.Responded,
            Verdict = RumourVerdict.False, VerdictReason = "No results existed at the time; counting was still under way at every station.",
            CreatedAt = now.AddDays(-2), UpdatedAt = now.AddDays(-1), RespondedAt = now.AddDays(-1), IsDemo = true,
        };
        leaked.Reports.Add(Report(tammuz, tammuzMember, "Results were leaked before counting finished", "en", TimeSpan.FromDays(2),
            ReachBand.UnderHundredThousand, [RumourTarget.Results, RumourTarget.Ihec], [RumourPlatform.X], ["IQ-BG", "IQ-NI"], ["https://x.com/example/status/1"]));

        foreach (var c in new[] { extension, burned, leaked })
        {
            c.Events.Add(new RumourEvent { At = c.CreatedAt, ActorName = "demo", Kind = RumourEventKind.Opened });
            foreach (var r in c.Reports)
            {
                r.CaseId = c.Id;
            }
        }

        db.AddRange(extension, burned, leaked);
        db.Add(new FactCheck
        {
            CaseId = leaked.Id, Slug = "r-000003", Verdict = RumourVerdict.False,
            ClaimAr = "تسريب النتائج قبل انتهاء العد", ClaimCkb = "ئەنجامەکان پێش تەواوبوونی ژماردن دزەیان کرد", ClaimEn = "Results were leaked before counting finished",
            ResponseAr = "هذا الادعاء غير صحيح. لم تكن هناك نتائج في ذلك الوقت، وكان العد جارياً في جميع المحطات. تعلن المفوضية النتائج عبر موقعها الرسمي فقط.",
            ResponseCkb = "ئەم بانگەشەیە ڕاست نییە. لەو کاتەدا هیچ ئەنجامێک نەبوو و ژماردن لە هەموو وێستگەکاندا بەردەوام بوو. کۆمسیۆن ئەنجامەکان تەنها لە ماڵپەڕە فەرمییەکەیەوە ڕادەگەیەنێت.",
            ResponseEn = "This claim is false. No results existed at the time; counting was still under way at every station. The commission announces results only on its official website.",
            Appearances = ["https://x.com/example/status/1"], ClaimFirstSeen = DateOnly.FromDateTime(now.AddDays(-2).UtcDateTime),
            PublishedAt = now.AddDays(-1), UpdatedAt = now.AddDays(-1), PublishedBy = analyst?.Email ?? "demo",
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
