using Ihec.Portal.Tests.Infrastructure;
using static Ihec.Portal.Tests.Rumours.RumourFlows;

namespace Ihec.Portal.Tests.Rumours;

/// <summary>With a high-priority time target of one minute, the demo's high-priority case (first reported hours ago) is overdue.</summary>
public sealed class RumourOverdueTests(RumourOverdueTests.ShortTargets factory) : IClassFixture<RumourOverdueTests.ShortTargets>
{
    public sealed class ShortTargets : PortalFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Rumours:CriticalTarget"] = "00:01:00",
            ["Rumours:HighTarget"] = "00:01:00",
        };
    }

    [Fact]
    public async Task Cases_past_their_time_target_are_highlighted_counted_and_can_be_listed_alone()
    {
        var analyst = await factory.SignedInClientAsync(Analyst);

        var queue = await analyst.GetDocumentAsync("/ihec/rumours?culture=en");
        var overdueRows = queue.QuerySelectorAll("tbody tr.is-overdue");
        Assert.Contains(overdueRows, tr => tr.QuerySelector("th a")!.TextContent == "R-000001");
        Assert.All(overdueRows, tr => Assert.Contains("Overdue", tr.TextContent));
        Assert.DoesNotContain(queue.QuerySelectorAll("tbody tr:not(.is-overdue) th a"), a => a.TextContent == "R-000001");

        var onlyOverdue = await analyst.GetDocumentAsync("/ihec/rumours?culture=en&overdue=true");
        Assert.Equal(overdueRows.Length, onlyOverdue.QuerySelectorAll("tbody tr").Length);
        Assert.Empty(onlyOverdue.QuerySelectorAll("tbody tr:not(.is-overdue)"));
        Assert.Contains($"Overdue: {overdueRows.Length}", queue.QuerySelector(".count-list")!.TextContent);
    }
}
