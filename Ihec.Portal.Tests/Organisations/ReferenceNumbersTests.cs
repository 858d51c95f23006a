using Ihec.Portal.Shared.Organisations;

namespace Ihec.Portal.Tests.Organisations;

public sealed class ReferenceNumbersTests
{
    [Fact]
    public void Reference_has_the_prefix_the_year_and_a_five_digit_sequence()
    {
        Assert.Equal("CSO-2026-00042", ReferenceNumbers.Format(2026, 42));
        Assert.Equal("CSO-2026-00001", ReferenceNumbers.Format(2026, 1));
    }

    [Fact]
    public void Sequence_grows_past_five_digits_without_losing_order()
    {
        Assert.Equal("CSO-2026-100000", ReferenceNumbers.Format(2026, 100_000));
        Assert.Equal("CSO-2026-100001", ReferenceNumbers.Next(2026, ["CSO-2026-100000", "CSO-2026-99999"]));
    }

    [Theory]
    [InlineData("CSO-2026-00042", true)]
    [InlineData("CSO-2026-123456", true)]
    [InlineData("CSO-DEMO-0001", false)]
    [InlineData("cso-2026-00042", false)]
    [InlineData("CSO-2026-42", false)]
    [InlineData("CSO-2026-00000", false)]
    [InlineData(" CSO-2026-00042", false)]
    [InlineData("CSO-2026-00042/../x", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_well_formed_references_parse(string? reference, bool wellFormed)
    {
        Assert.Equal(wellFormed, ReferenceNumbers.IsWellFormed(reference));
    }

    [Fact]
    public void Next_reference_follows_the_highest_of_the_same_year_and_ignores_other_years_and_demo_references()
    {
        string[] issued = ["CSO-2026-00003", "CSO-2026-00011", "CSO-2025-00500", "CSO-DEMO-0001", "CSO-2026-00007"];

        Assert.Equal("CSO-2026-00012", ReferenceNumbers.Next(2026, issued));
        Assert.Equal("CSO-2027-00001", ReferenceNumbers.Next(2027, issued));
    }

    [Fact]
    public void Next_reference_is_never_one_already_issued()
    {
        var issued = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            var next = ReferenceNumbers.Next(2026, issued);
            Assert.DoesNotContain(next, issued);
            issued.Add(next);
        }

        Assert.Equal(50, issued.Distinct().Count());
        Assert.Equal("CSO-2026-00050", issued[^1]);
    }

    [Fact]
    public void Year_prefix_matches_only_that_year()
    {
        Assert.StartsWith(ReferenceNumbers.YearPrefix(2026), ReferenceNumbers.Format(2026, 9));
        Assert.False(ReferenceNumbers.Format(2027, 9).StartsWith(ReferenceNumbers.YearPrefix(2026), StringComparison.Ordinal));
    }
}
