using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Shared.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Announcements;

/// <summary>
/// Two demo announcements: one to every accredited organisation (read by the Tammuz member), and an urgent one to the
/// organisations working in Kirkuk or Sulaymaniyah (Kirkuk Women and Erbil Access, not Tammuz).
/// </summary>
internal static class AnnouncementDemo
{
    public const int ToAllNumber = 1;
    public const int ToGovernoratesNumber = 2;

    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var dbFactory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<Announcement>().AnyAsync(cancellationToken))
        {
            return;
        }

        var accredited = await db.Organisations.Where(o => o.Status == OrganisationStatus.Accredited && o.Reference.StartsWith("CSO-DEMO-"))
            .ToListAsync(cancellationToken);
        var media = await db.Users.FirstOrDefaultAsync(u => u.Email == "media@demo.ihec.iq", cancellationToken);
        var reader = await db.Users.FirstOrDefaultAsync(u => u.Email == "member@tammuz.demo", cancellationToken);
        if (accredited.Count == 0 || media is null)
        {
            return;
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        int Members(IEnumerable<Organisation> organisations)
        {
            var ids = organisations.Select(o => (Guid?)o.Id).ToList();
            return db.Users.Count(u => ids.Contains(u.OrganisationId) && !u.IsDeactivated && u.PasswordHash != null);
        }

        var toAll = new Announcement
        {
            Number = ToAllNumber,
            Title = "مواعيد تسليم قوائم المراقبين المعتمدين",
            Body = "تذكّر المفوضية المنظمات المعتمدة بأن آخر موعد لتسليم قوائم المراقبين هو **نهاية الأسبوع القادم**.\n\n- تُرفع القوائم من صفحة المنظمة.\n- تُطبع الباجات بعد التدقيق خلال ثلاثة أيام عمل.",
            Language = "ar",
            Importance = AnnouncementImportance.Normal,
            Audience = AnnouncementAudience.All,
            SentAt = now - TimeSpan.FromDays(3),
            SentByUserId = media.Id,
            SentByName = media.DisplayName,
            SubmissionKey = "de000000000000000000000000000001",
            MemberCount = Members(accredited),
            IsDemo = true,
            Recipients = accredited.Select(o => new AnnouncementRecipient { OrganisationId = o.Id }).ToList(),
        };
        string[] governorates = ["IQ-KI", "IQ-SU"];
        var inGovernorates = accredited.Where(o => o.Governorates.Any(governorates.Contains)).ToList();
        var urgent = new Announcement
        {
            Number = ToGovernoratesNumber,
            Title = "گۆڕانی شوێنی ڕاهێنانی چاودێران لە کەرکووک و سلێمانی",
            Body = "ڕاهێنانی چاودێرانی ڕێکخراوەکان ڕۆژی شەممە لە هۆڵی نووسینگەی پارێزگا دەبێت، نەک لە هۆڵی پێشوو.\n\nتکایە ئەم ئاگادارکردنەوەیە بە ئەندامانی تیمەکەتان بگەیەنن.",
            Language = "ckb",
            Importance = AnnouncementImportance.Urgent,
            Audience = AnnouncementAudience.Governorates,
            Governorates = [.. governorates],
            SentAt = now - TimeSpan.FromHours(5),
            SentByUserId = media.Id,
            SentByName = media.DisplayName,
            SubmissionKey = "de000000000000000000000000000002",
            MemberCount = Members(inGovernorates),
            IsDemo = true,
            Recipients = inGovernorates.Select(o => new AnnouncementRecipient { OrganisationId = o.Id }).ToList(),
        };
        db.AddRange(toAll, urgent);
        if (reader?.OrganisationId is { } readerOrganisation)
        {
            db.Add(new AnnouncementRead { AnnouncementId = toAll.Id, UserId = reader.Id, OrganisationId = readerOrganisation, ReadAt = now - TimeSpan.FromDays(2) });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
