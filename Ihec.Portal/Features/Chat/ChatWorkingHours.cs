using System.Globalization;
using Microsoft.Extensions.Options;

namespace Ihec.Portal.Features.Chat;

/// <summary>
/// <c>Chat:WorkingHours</c>: when the media unit answers, in its own time zone (Asia/Baghdad). Days are day names
/// (<c>Sunday</c>…); hours are <c>HH:mm</c>, <see cref="Closes"/> after <see cref="Opens"/>. A special day
/// (an election day, a holiday) replaces the week's hours for that date: other hours, or closed.
/// </summary>
public sealed class ChatWorkingHoursOptions
{
    public const string Section = "Chat:WorkingHours";

    public string TimeZone { get; set; } = "Asia/Baghdad";

    /// <summary>The working days; when not set, Sunday to Thursday.</summary>
    public string[]? Days { get; set; }

    public string Opens { get; set; } = "08:00";

    public string Closes { get; set; } = "16:00";

    /// <summary>Dates with their own hours (an election day, when the unit works longer) or closed.</summary>
    public SpecialDay[]? SpecialDays { get; set; }

    public sealed class SpecialDay
    {
        /// <summary><c>yyyy-MM-dd</c>, in the unit's time zone.</summary>
        public string Date { get; set; } = "";

        public string? Opens { get; set; }

        public string? Closes { get; set; }

        public bool Closed { get; set; }
    }

    public static readonly IReadOnlyList<DayOfWeek> DefaultDays =
        [DayOfWeek.Sunday, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday];

    public bool IsValid()
    {
        try
        {
            _ = new ChatWorkingHours(this);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }
}

/// <summary>Answers "is the media unit working now?" and "when does it open next?".</summary>
public sealed class ChatWorkingHours
{
    private readonly TimeZoneInfo zone;
    private readonly HashSet<DayOfWeek> days;
    private readonly (TimeOnly Opens, TimeOnly Closes) week;
    private readonly Dictionary<DateOnly, (TimeOnly Opens, TimeOnly Closes)?> special = [];

    public ChatWorkingHours(IOptions<ChatWorkingHoursOptions> options) : this(options.Value)
    {
    }

    public ChatWorkingHours(ChatWorkingHoursOptions options)
    {
        zone = ZoneOf(options.TimeZone);
        days = (options.Days is { Length: > 0 } named ? named.Select(d => Enum.Parse<DayOfWeek>(d.Trim(), ignoreCase: true)) : ChatWorkingHoursOptions.DefaultDays).ToHashSet();
        week = Hours(options.Opens, options.Closes);
        foreach (var day in options.SpecialDays ?? [])
        {
            var date = DateOnly.ParseExact(day.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            special[date] = day.Closed ? null : Hours(day.Opens ?? options.Opens, day.Closes ?? options.Closes);
        }
    }

    public TimeZoneInfo TimeZone => zone;

    public bool IsOpen(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return HoursOn(DateOnly.FromDateTime(local.DateTime)) is { } hours && time >= hours.Opens && time < hours.Closes;
    }

    /// <summary>When the unit opens next after <paramref name="at"/> (<paramref name="at"/> itself when open); null when no working day comes within two months.</summary>
    public DateTimeOffset? NextOpening(DateTimeOffset at)
    {
        if (IsOpen(at))
        {
            return at;
        }

        var local = TimeZoneInfo.ConvertTime(at, zone);
        var today = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        for (var offset = 0; offset <= 62; offset++)
        {
            var date = today.AddDays(offset);
            if (HoursOn(date) is not { } hours || (offset == 0 && time >= hours.Opens))
            {
                continue;
            }

            var opening = date.ToDateTime(hours.Opens);
            return new DateTimeOffset(opening, zone.GetUtcOffset(opening));
        }

        return null;
    }

    private (TimeOnly Opens, TimeOnly Closes)? HoursOn(DateOnly date) =>
        special.TryGetValue(date, out var hours) ? hours : days.Contains(date.DayOfWeek) ? week : null;

    private static (TimeOnly, TimeOnly) Hours(string opens, string closes)
    {
        var o = TimeOnly.ParseExact(opens, "HH:mm", CultureInfo.InvariantCulture);
        var c = TimeOnly.ParseExact(closes, "HH:mm", CultureInfo.InvariantCulture);
        return c > o ? (o, c) : throw new ArgumentException("Closes must be after Opens.");
    }

    /// <summary>The time zone, or Iraq's fixed UTC+3 (no daylight saving since 2008) where the system has no time zone data.</summary>
    private static TimeZoneInfo ZoneOf(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException) when (id == "Asia/Baghdad")
        {
            return TimeZoneInfo.CreateCustomTimeZone(id, TimeSpan.FromHours(3), id, id);
        }
    }
}
