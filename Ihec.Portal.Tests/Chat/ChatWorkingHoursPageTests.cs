using System.Globalization;
using Ihec.Portal.Features.Chat;
using Ihec.Portal.Tests.Infrastructure;
using static Ihec.Portal.Tests.Chat.ChatPortal;

namespace Ihec.Portal.Tests.Chat;

/// <summary>The portal with today (in Baghdad) set as a day the media unit does not work.</summary>
public sealed class ClosedTodayPortal : PortalFactory
{
    public static readonly string Today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(3)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Chat:WorkingHours:SpecialDays:0:Date"] = Today,
        ["Chat:WorkingHours:SpecialDays:0:Closed"] = "true",
    };
}

public sealed class ChatWorkingHoursPageTests(ClosedTodayPortal portal) : IClassFixture<ClosedTodayPortal>
{
    [Fact]
    public async Task Outside_working_hours_a_member_sees_when_to_expect_an_answer()
    {
        var member = await portal.SignedInClientAsync(TammuzMember);

        var page = await member.GetDocumentAsync("/chat");

        Assert.NotNull(page.QuerySelector("#away-notice[role=status]"));
        var time = page.QuerySelector("#away-next-opening")!;
        var next = DateTimeOffset.Parse(time.GetAttribute("datetime")!, CultureInfo.InvariantCulture);
        Assert.True(next > DateTimeOffset.UtcNow);
        Assert.Equal(TimeSpan.FromHours(3), next.Offset);
        Assert.NotEqual(ClosedTodayPortal.Today, next.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        // In Arabic (the default), the day's name is the Arabic one.
        Assert.Contains(CultureInfo.GetCultureInfo("ar-IQ").DateTimeFormat.GetDayName(next.DayOfWeek), time.TextContent, StringComparison.Ordinal);
    }
}
