using Ihec.Portal.Infrastructure.Localisation;
using Ihec.Portal.Shared.Statistics;

namespace Ihec.Portal.Tests.Unit;

/// <summary>One number, date and unit policy per language (issue #19 item 8), in <see cref="DisplayFormat"/> and <see cref="Cultures"/>.</summary>
public sealed class DisplayFormatTests
{
    private static readonly DateOnly Monday = new(2026, 12, 7);

    [Theory]
    // Day, month, year in order, the weekday first with the language's comma; never ICU's "2026 کانونی یەکەم 7, دووشەممە".
    [InlineData("ckb", "دووشەممە، 7 کانونی یەکەم 2026", "7/12/2026")]
    [InlineData("ar", "الاثنين، 7 كانون الأول 2026", null)]
    [InlineData("en", "Monday, December 7, 2026", "12/7/2026")]
    public void Long_and_short_dates_read_day_month_year(string language, string longDate, string? shortDate)
    {
        using var _ = Cultures.Use(language);
        Assert.Equal(longDate, DisplayFormat.LongDate(Monday));
        Assert.Equal(longDate, Monday.ToString("D", System.Globalization.CultureInfo.CurrentCulture));
        if (shortDate is not null)
        {
            Assert.Equal(shortDate, Monday.ToString("d", System.Globalization.CultureInfo.CurrentCulture));
        }
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("ckb")]
    [InlineData("en")]
    public void Numbers_are_latin_digits_with_latin_separators_in_every_language(string language)
    {
        using var _ = Cultures.Use(language);
        Assert.Equal("1,234,567", DisplayFormat.Number(1234567));
        Assert.Equal("2.5", 2.5.ToString("0.0", System.Globalization.CultureInfo.CurrentCulture));
    }

    [Fact]
    public void Names_from_the_engine_follow_the_digit_policy()
    {
        var name = new LocalisedName { Ar = "انتخابات ٢٠٢٥", Ckb = "هەڵبژاردنی ٢٠٢٥", En = "Elections 2025" };
        Assert.Equal("هەڵبژاردنی 2025", name.In("ckb"));
        Assert.Equal("انتخابات 2025", name.In("ar"));
    }

    [Theory]
    [InlineData(10 * 1024, "10 KB")]
    [InlineData(100, "1 KB")]
    [InlineData(5 * 1024 * 1024 / 2, "2.5 MB")]
    public void A_size_with_its_unit_is_a_left_to_right_isolate(long bytes, string shown)
    {
        using var _ = Cultures.Use("ar");
        // LRI … PDI: inside right-to-left text it still reads "10 KB", not "KB 10".
        Assert.Equal("\u2066" + shown + "\u2069", DisplayFormat.FileSize(bytes));
    }
}
