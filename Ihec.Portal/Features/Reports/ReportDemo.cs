using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Infrastructure.Search;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Reports;

/// <summary>
/// Demo reports so every reports page can be tried (and scanned) on a fresh start: one endorsed for the public (with an
/// erratum), one published to CSOs with a pending listing request, one draft, one withdrawn.
/// </summary>
internal static class ReportDemo
{
    public const string PublicSlug = "r-de0000000001";
    public const string CsoOnlySlug = "r-de0000000002";
    public const string DraftSlug = "r-de0000000003";
    public const string WithdrawnSlug = "r-de0000000004";

    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var dbFactory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<CsoReport>().AnyAsync(cancellationToken))
        {
            return;
        }

        var organisations = await db.Organisations.Where(o => o.Reference.StartsWith("CSO-DEMO-")).ToDictionaryAsync(o => o.Reference, cancellationToken);
        var authors = await db.Users.Where(u => u.Email!.StartsWith("member@")).ToDictionaryAsync(u => u.Email!, u => u.Id, cancellationToken);
        if (!organisations.TryGetValue("CSO-DEMO-0001", out var tammuz) || !organisations.TryGetValue("CSO-DEMO-0002", out var kirkuk)
            || !organisations.TryGetValue("CSO-DEMO-0003", out var erbil))
        {
            return;
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        CsoReport Report(string slug, Guid organisation, string author, string title, string summary, string body, string language, string[] topics,
            string[] governorates, TimeSpan ago) => new()
        {
            Slug = slug, OrganisationId = organisation, AuthorUserId = authors.GetValueOrDefault(author) ?? "", Title = title, Summary = summary, Body = body,
            Language = language, Topics = [.. topics], Governorates = [.. governorates], Election = "cor-2025",
            PeriodFrom = new DateOnly(2025, 11, 11), PeriodTo = new DateOnly(2025, 11, 11), CreatedAt = now - ago, UpdatedAt = now - ago, IsDemo = true,
        };

        var endorsed = Report(PublicSlug, tammuz.Id, "member@tammuz.demo", "تقرير مراقبة يوم الاقتراع في بغداد",
            "ملاحظات فرق شبكة تموز في ١٢٠ مركز اقتراع ببغداد يوم الاقتراع العام.",
            "## ما لاحظناه\n\nفتحت أغلب المراكز في موعدها، وتأخر **ستة** مراكز أكثر من نصف ساعة.\n\n## التوصيات\n\n- تدريب إضافي لموظفي المحطات على أجهزة التحقق.\n- ممرات أوسع للناخبين ذوي الإعاقة.",
            "ar", ["polling", "observation", "accessibility"], ["IQ-BG"], TimeSpan.FromDays(9));
        endorsed.State = ReportState.Published;
        endorsed.PublishedAt = now - TimeSpan.FromDays(8);
        endorsed.Listing = PublicListing.Endorsed;
        endorsed.ListingRequestedAt = now - TimeSpan.FromDays(8);
        endorsed.EndorsedAt = now - TimeSpan.FromDays(7);
        endorsed.CurrentVersion = 1;
        endorsed.Versions.Add(ReportVersion.Snapshot(endorsed, now - TimeSpan.FromDays(8)));
        endorsed.Body = endorsed.Body.Replace("**ستة**", "**سبعة**", StringComparison.Ordinal);
        endorsed.CurrentVersion = 2;
        endorsed.UpdatedAt = now - TimeSpan.FromDays(6);
        endorsed.Versions.Add(ReportVersion.Snapshot(endorsed, now - TimeSpan.FromDays(6)));
        endorsed.Errata.Add(new ReportErratum { CreatedAt = now - TimeSpan.FromDays(6), Text = "صُحّح عدد المراكز المتأخرة من ستة إلى سبعة.", VersionNumber = 2 });

        var csoOnly = Report(CsoOnlySlug, kirkuk.Id, "member@kirkuk-women.demo", "مشاركة النساء في الحملات الانتخابية في كركوك",
            "رصد أولي لحملات المرشحات وما تعرضن له من خطاب مسيء على الإنترنت.",
            "## الملخص\n\nرصدنا ٤٣ منشوراً مسيئاً استهدف مرشحات في كركوك خلال أسبوعي الحملة.",
            "ar", ["women", "campaigning"], ["IQ-KI"], TimeSpan.FromDays(4));
        csoOnly.State = ReportState.Published;
        csoOnly.PublishedAt = now - TimeSpan.FromDays(3);
        csoOnly.Listing = PublicListing.Requested;
        csoOnly.ListingRequestedAt = now - TimeSpan.FromDays(3);
        csoOnly.CurrentVersion = 1;
        csoOnly.Versions.Add(ReportVersion.Snapshot(csoOnly, now - TimeSpan.FromDays(3)));

        var draft = Report(DraftSlug, tammuz.Id, "member@tammuz.demo", "ڕاپۆرتی چاودێری ژماردنی دەنگەکان (ڕەشنووس)",
            "ڕەشنووسێکی ناتەواو.", "## تێبینییەکان\n\nهێشتا تەواو نەبووە.", "ckb", ["counting"], ["IQ-SU"], TimeSpan.FromDays(1));

        var withdrawn = Report(WithdrawnSlug, erbil.Id, "member@erbil-access.demo", "Accessible polling stations in Erbil",
            "A survey of step-free access at polling stations.", "## Findings\n\nEarly figures, since withdrawn.", "en", ["accessibility"], ["IQ-AR"],
            TimeSpan.FromDays(12));
        withdrawn.State = ReportState.Withdrawn;
        withdrawn.PublishedAt = now - TimeSpan.FromDays(11);
        withdrawn.WithdrawnAt = now - TimeSpan.FromDays(10);
        withdrawn.WithdrawalReason = "The survey sample was incomplete; a corrected report will follow.";
        withdrawn.CurrentVersion = 1;
        withdrawn.Versions.Add(ReportVersion.Snapshot(withdrawn, now - TimeSpan.FromDays(11)));

        db.AddRange(endorsed, csoOnly, draft, withdrawn);
        await db.SaveChangesAsync(cancellationToken);

        // The index may already have been built at this start: add the public report to it.
        var index = services.GetRequiredService<ISearchIndex>();
        var source = services.GetRequiredService<ReportSearchSource>();
        await index.UpsertAsync(source.ToSearchDocument(endorsed, tammuz.Reference, tammuz.NameAr, tammuz.NameCkb, tammuz.NameEn), cancellationToken);
    }
}
