using Ihec.Portal.Features.Rumours;

namespace Ihec.Portal.Tests.Rumours;

public sealed class RumourPriorityTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 11, 12, 0, 0, TimeSpan.Zero);

    private static ReportSignals Signal(int organisation, ReachBand reach, TimeSpan ago, params RumourTarget[] targets) =>
        new(new Guid(organisation, 0, 0, new byte[8]), reach, targets, Now - ago);

    [Fact]
    public void One_small_report_about_a_candidate_is_low()
    {
        var priority = RumourPriority.Of([Signal(1, ReachBand.UnderOneThousand, TimeSpan.FromMinutes(10), RumourTarget.Candidate)], Now, open: true);

        Assert.Equal(new RumourPriority(Reach: 6, Target: 8, Organisations: 0, Velocity: 0, Age: 0), priority);
        Assert.Equal(RumourPriorityLevel.Low, priority.Level);
    }

    [Fact]
    public void Wide_reach_about_the_results_from_many_organisations_arriving_fast_is_critical()
    {
        var reports = Enumerable.Range(1, 4)
            .Select(i => Signal(i, ReachBand.OneMillionOrMore, TimeSpan.FromMinutes(20 * i), RumourTarget.Results)).ToList();

        var priority = RumourPriority.Of(reports, Now, open: true);

        Assert.Equal(30, priority.Reach);
        Assert.Equal(20, priority.Target);
        Assert.Equal(15, priority.Organisations);
        Assert.Equal(9, priority.Velocity);
        Assert.Equal(RumourPriorityLevel.Critical, priority.Level);
    }

    [Theory]
    [InlineData(RumourTarget.Ihec, 20)]
    [InlineData(RumourTarget.Results, 20)]
    [InlineData(RumourTarget.Minorities, 16)]
    [InlineData(RumourTarget.WomenCandidates, 16)]
    [InlineData(RumourTarget.Voters, 12)]
    [InlineData(RumourTarget.Candidate, 8)]
    [InlineData(RumourTarget.Other, 4)]
    public void The_most_sensitive_target_counts(RumourTarget target, int weight)
    {
        var priority = RumourPriority.Of([Signal(1, ReachBand.Unknown, TimeSpan.Zero, RumourTarget.Other, target)], Now, open: true);

        Assert.Equal(weight, priority.Target);
    }

    [Fact]
    public void A_report_from_the_same_organisation_twice_does_not_count_as_two_organisations()
    {
        var priority = RumourPriority.Of([Signal(1, ReachBand.Unknown, TimeSpan.Zero), Signal(1, ReachBand.Unknown, TimeSpan.Zero)], Now, open: true);

        Assert.Equal(0, priority.Organisations);
    }

    [Fact]
    public void Waiting_raises_an_open_case_and_is_capped_but_an_answered_case_does_not_age()
    {
        var old = new[] { Signal(1, ReachBand.Unknown, TimeSpan.FromHours(50)) };

        Assert.Equal(15, RumourPriority.Of(old, Now, open: true).Age);
        Assert.Equal(0, RumourPriority.Of(old, Now, open: false).Age);
        Assert.Equal(3, RumourPriority.Of([Signal(1, ReachBand.Unknown, TimeSpan.FromHours(7))], Now, open: true).Age);
    }

    [Theory]
    [InlineData(RumourPriorityLevel.Critical, 2)]
    [InlineData(RumourPriorityLevel.High, 6)]
    [InlineData(RumourPriorityLevel.Medium, 24)]
    [InlineData(RumourPriorityLevel.Low, 72)]
    public void Each_priority_has_its_time_target(RumourPriorityLevel level, int hours)
    {
        Assert.Equal(TimeSpan.FromHours(hours), new RumourOptions().TargetFor(level));
    }
}
