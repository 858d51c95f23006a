using Ihec.Portal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Chat;

/// <summary>
/// With <c>Demo:Enabled</c>: two canned responses when there are none, and, with no conversations yet, one conversation
/// between Tammuz's member and the media unit (a question, an answer, a private note), so the pages have something to show.
/// </summary>
internal sealed class ChatDemo(IServiceProvider services, IConfiguration configuration) : IHostedService
{
    /// <summary>The demo conversation's topic; the authorisation matrix finds it by this.</summary>
    public const string Topic = "بطاقات المراقبين ليوم الاقتراع";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue<bool>("Demo:Enabled"))
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var dbFactory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Set<CannedResponse>().AnyAsync(cancellationToken))
        {
            var at = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
            db.AddRange(
                new CannedResponse
                {
                    Title = "Accreditation badges / باجات الاعتماد", UpdatedAt = at, UpdatedByName = "IHEC",
                    TextAr = "تُسلَّم باجات المراقبين في مكتب المحافظة قبل يوم الاقتراع بأسبوع، مع كتاب الاعتماد.",
                    TextCkb = "باجی چاودێران هەفتەیەک پێش ڕۆژی دەنگدان لە نووسینگەی پارێزگا دەدرێت، لەگەڵ نووسراوی پەسەندکردن.",
                    TextEn = "Observer badges are handed out at the governorate office a week before polling day, with the accreditation letter.",
                },
                new CannedResponse
                {
                    Title = "We are checking / قيد المتابعة", UpdatedAt = at, UpdatedByName = "IHEC",
                    TextAr = "شكراً لتواصلكم. نتابع الموضوع مع القسم المختص ونعود إليكم قريباً.",
                    TextCkb = "سوپاس بۆ پەیوەندیکردنتان. بابەتەکە لەگەڵ بەشی پەیوەندیدار بەدواداچوونی بۆ دەکەین و بەم زووانە وەڵامتان دەدەینەوە.",
                    TextEn = "Thank you for getting in touch. We are following this up with the department concerned and will reply shortly.",
                });
            await db.SaveChangesAsync(cancellationToken);
        }

        if (await db.Set<Conversation>().AnyAsync(cancellationToken))
        {
            return;
        }

        var tammuz = await db.Organisations.Where(o => o.Reference == "CSO-DEMO-0001").Select(o => (Guid?)o.Id).SingleOrDefaultAsync(cancellationToken);
        var member = await db.Users.SingleOrDefaultAsync(u => u.Email == "member@tammuz.demo", cancellationToken);
        var agent = await db.Users.SingleOrDefaultAsync(u => u.Email == "media@demo.ihec.iq", cancellationToken);
        if (tammuz is null || member is null || agent is null)
        {
            return;
        }

        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var conversation = new Conversation
        {
            OrganisationId = tammuz.Value, Topic = Topic, Language = "ar", State = ConversationState.Open,
            StartedByUserId = member.Id, StartedByName = member.DisplayName, AssignedToUserId = agent.Id, AssignedToName = agent.DisplayName,
            CreatedAt = now.AddHours(-2), UpdatedAt = now.AddHours(-1), LastSequence = 3,
        };
        ChatMessage Message(long sequence, PortalUser author, bool fromIhec, ChatMessageKind kind, string text, int minutesAgo) => new()
        {
            ConversationId = conversation.Id, Sequence = sequence, ClientMessageId = $"demo-{sequence}", AuthorUserId = author.Id,
            AuthorName = author.DisplayName, FromIhec = fromIhec, Kind = kind, Text = text, CreatedAt = now.AddMinutes(-minutesAgo),
        };
        conversation.Messages.Add(Message(1, member, false, ChatMessageKind.Message,
            "متى تُسلَّم بطاقات المراقبين لمنظمتنا؟ نحتاج إليها لـ ٤٠ مراقباً في بغداد.", 120));
        conversation.Messages.Add(Message(2, agent, true, ChatMessageKind.PrivateNote,
            "سألتُ قسم الاعتماد؛ البطاقات جاهزة للطباعة.", 90));
        conversation.Messages.Add(Message(3, agent, true, ChatMessageKind.Message,
            "تُسلَّم البطاقات في مكتب بغداد/الرصافة قبل يوم الاقتراع بأسبوع. التفاصيل: https://ihec.iq", 60));
        db.Add(conversation);
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
