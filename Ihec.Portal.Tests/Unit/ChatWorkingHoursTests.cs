using Ihec.Portal.Features.Chat;

namespace Ihec.Portal.Tests.Unit;

/// <summary>The media unit's working hours, in Baghdad time (UTC+3): Sunday–Thursday 08:00–16:00 unless set otherwise.</summary>
public sealed class ChatWorkingHoursTests
{
    private static readonly TimeSpan Baghdad = TimeSpan.FromHours(3);

    // 2026-12-03 is a Thursday; 2026-12-06 a Sunday.
    private static DateTimeOffset At(int day, int hour, int minute = 0) => new(2026, 12, day, hour, minute, 0, Baghdad);

    private static ChatWorkingHours Default() => new(new ChatWorkingHoursOptions());

    [Fact]
    public void Open_on_a_working_day_inside_the_hours_only()
    {
        var hours = Default();
        Assert.True(hours.IsOpen(At(3, 8)));
        Assert.True(hours.IsOpen(At(3, 15, 59)));
        Assert.False(hours.IsOpen(At(3, 16)));
        Assert.False(hours.IsOpen(At(3, 7, 59)));
        Assert.False(hours.IsOpen(At(4, 10))); // Friday
        Assert.False(hours.IsOpen(At(5, 10))); // Saturday
    }

    [Fact]
    public void After_Thursday_closing_the_next_opening_is_Sunday_morning_across_the_week_boundary()
    {
        var hours = Default();
        Assert.Equal(At(6, 8), hours.NextOpening(At(3, 16, 30)));
        Assert.Equal(At(6, 8), hours.NextOpening(At(5, 23, 59)));
        Assert.Equal(At(6, 8), hours.NextOpening(At(6, 2)));
        Assert.Equal(At(7, 8), hours.NextOpening(At(6, 17)));
    }

    [Fact]
    public void When_open_the_next_opening_is_now()
    {
        var now = At(7, 9, 15);
        Assert.Equal(now, Default().NextOpening(now));
    }

    [Fact]
    public void The_hours_are_in_Baghdad_time_whatever_the_offset_asked_in()
    {
        var hours = Default();
        // 05:30 UTC on Sunday is 08:30 in Baghdad.
        Assert.True(hours.IsOpen(new DateTimeOffset(2026, 12, 6, 5, 30, 0, TimeSpan.Zero)));
        Assert.False(hours.IsOpen(new DateTimeOffset(2026, 12, 6, 4, 30, 0, TimeSpan.Zero)));
        Assert.Equal(Baghdad, hours.NextOpening(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero))!.Value.Offset);
    }

    [Fact]
    public void An_election_day_on_a_Saturday_opens_early_and_closes_late_and_a_closed_holiday_is_skipped()
    {
        var hours = new ChatWorkingHours(new ChatWorkingHoursOptions
        {
            SpecialDays =
            [
                new() { Date = "2026-12-05", Opens = "06:00", Closes = "22:00" },
                new() { Date = "2026-12-06", Closed = true },
            ],
        });

        Assert.True(hours.IsOpen(At(5, 6)));
        Assert.True(hours.IsOpen(At(5, 21, 30)));
        Assert.Equal(At(5, 6), hours.NextOpening(At(4, 20)));
        // After the election day, Sunday is a holiday: Monday.
        Assert.Equal(At(7, 8), hours.NextOpening(At(5, 22)));
        Assert.False(hours.IsOpen(At(6, 10)));
    }

    [Fact]
    public void Days_and_hours_come_from_the_setting_and_a_bad_setting_is_refused()
    {
        var hours = new ChatWorkingHours(new ChatWorkingHoursOptions { Days = ["Saturday", "sunday"], Opens = "09:30", Closes = "13:00" });
        Assert.True(hours.IsOpen(At(5, 9, 30)));
        Assert.False(hours.IsOpen(At(3, 10)));
        Assert.Equal(At(12, 9, 30), hours.NextOpening(At(6, 13)));

        Assert.False(new ChatWorkingHoursOptions { Days = ["Someday"] }.IsValid());
        Assert.False(new ChatWorkingHoursOptions { Opens = "16:00", Closes = "08:00" }.IsValid());
        Assert.False(new ChatWorkingHoursOptions { SpecialDays = [new() { Date = "5/12/2026" }] }.IsValid());
        Assert.True(new ChatWorkingHoursOptions().IsValid());
    }

    [Fact]
    public void A_single_working_day_still_opens_within_the_week()
    {
        var fridays = new ChatWorkingHours(new ChatWorkingHoursOptions { Days = ["Friday"] });
        Assert.Equal(At(4, 8), fridays.NextOpening(At(3, 10)));
    }
}
