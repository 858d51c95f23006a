using System.Globalization;
using Ihec.Portal.Infrastructure.Localisation;

namespace Ihec.Portal.Tests.Unit;

public sealed class CultureTests
{
    [Theory]
    [InlineData("ckb", "ckb")]
    [InlineData("ckb-IQ", "ckb")]
    [InlineData("en-GB", "en")]
    [InlineData("ar-IQ", "ar")]
    [InlineData("fr", "ar")]
    [InlineData(null, "ar")]
    public void Any_culture_maps_to_one_of_the_three_languages_with_arabic_as_default(string? name, string expected) =>
        Assert.Equal(expected, Cultures.Normalise(name));

    [Fact]
    public void Sorani_uses_the_ckb_IQ_culture_that_mudblazor_strings_are_published_for() =>
        Assert.Equal("ckb-IQ", Cultures.CultureFor(Cultures.Sorani).Name);

    [Theory]
    [InlineData("ar", true)]
    [InlineData("ckb", true)]
    [InlineData("en", false)]
    public void Arabic_and_sorani_are_right_to_left(string language, bool rtl) =>
        Assert.Equal(rtl, Cultures.IsRightToLeft(language));

    [Fact]
    public void Use_switches_culture_for_a_block_and_restores_it()
    {
        var before = CultureInfo.CurrentUICulture;
        using (Cultures.Use("en"))
        {
            Assert.Equal("en", Cultures.Current);
        }

        Assert.Equal(before, CultureInfo.CurrentUICulture);
    }

    [Fact]
    public void Numbers_are_formatted_by_the_culture()
    {
        using (Cultures.Use("en"))
        {
            Assert.Equal("1,234,567", 1234567.ToString("N0", CultureInfo.CurrentCulture));
        }
    }
}
