namespace Ihec.Portal.Features.Rumours;

public sealed class RumourOptions
{
    public const string Section = "Rumours";

    /// <summary>How soon a case of each priority should be answered, counted from its first report.</summary>
    public TimeSpan CriticalTarget { get; set; } = TimeSpan.FromHours(2);
    public TimeSpan HighTarget { get; set; } = TimeSpan.FromHours(6);
    public TimeSpan MediumTarget { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan LowTarget { get; set; } = TimeSpan.FromHours(72);

    public long MaxScreenshotBytes { get; set; } = 5 * 1024 * 1024;
    public int MaxScreenshots { get; set; } = 4;

    /// <summary>How long a screenshot uploaded with a form that came back with errors is kept for it.</summary>
    public TimeSpan KeptScreenshotLifetime { get; set; } = TimeSpan.FromHours(12);

    public TimeSpan TargetFor(RumourPriorityLevel level) => level switch
    {
        RumourPriorityLevel.Critical => CriticalTarget,
        RumourPriorityLevel.High => HighTarget,
        RumourPriorityLevel.Medium => MediumTarget,
        _ => LowTarget,
    };
}

/// <summary>
/// A case's priority as a sum of parts the analyst can read: how far the claim reached, how sensitive its target is,
/// how many organisations reported it, how fast reports are arriving, and how long it has waited. Each part is capped,
/// so no single signal decides alone.
/// </summary>
public sealed record RumourPriority(int Reach, int Target, int Organisations, int Velocity, int Age)
{
    public int Score => Reach + Target + Organisations + Velocity + Age;

    public RumourPriorityLevel Level => Score switch
    {
        >= 70 => RumourPriorityLevel.Critical,
        >= 45 => RumourPriorityLevel.High,
        >= 25 => RumourPriorityLevel.Medium,
        _ => RumourPriorityLevel.Low,
    };

    public static int TargetWeight(RumourTarget target) => target switch
    {
        RumourTarget.Ihec => 20,
        RumourTarget.Results => 20,
        RumourTarget.Minorities => 16,
        RumourTarget.WomenCandidates => 16,
        RumourTarget.Voters => 12,
        RumourTarget.Candidate => 8,
        _ => 4,
    };

    /// <summary>The priority of a case with these reports at <paramref name="now"/>.</summary>
    public static RumourPriority Of(IReadOnlyCollection<ReportSignals> reports, DateTimeOffset now, bool open)
    {
        if (reports.Count == 0)
        {
            return new(0, 0, 0, 0, 0);
        }

        var reach = reports.Max(r => (int)r.Reach) * 6;                                   // 0–30
        var target = reports.SelectMany(r => r.Targets).Select(TargetWeight).DefaultIfEmpty(0).Max(); // 0–20
        var organisations = Math.Min(20, (reports.Select(r => r.OrganisationId).Distinct().Count() - 1) * 5); // 0–20
        var velocity = Math.Min(15, reports.Count(r => now - r.ReportedAt <= TimeSpan.FromHours(6)) * 3 - 3); // 0–15
        var first = reports.Min(r => r.ReportedAt);
        var age = open ? Math.Min(15, (int)((now - first).TotalHours / 2)) : 0;             // 0–15
        return new(reach, target, organisations, Math.Max(0, velocity), Math.Max(0, age));
    }
}

/// <summary>The parts of a report that count for its case's priority.</summary>
public sealed record ReportSignals(Guid OrganisationId, ReachBand Reach, IReadOnlyList<RumourTarget> Targets, DateTimeOffset ReportedAt);
