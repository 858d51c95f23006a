using Ihec.Portal.Features.Statistics;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Shared.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Violations;

/// <summary>An election a report may belong to: from the tally engine's list, or (name unknown) one already used by reports.</summary>
public sealed record ElectionChoice(string Id, LocalisedName? Name, DateOnly? PollingDate, ElectionStatus? Status)
{
    /// <summary>The engine's name in <paramref name="language"/>, or the id when the engine's list does not name it.</summary>
    public string DisplayName(string language) => Name?.In(language) ?? Id;
}

/// <summary>
/// The elections of the report form and of the filters. <see cref="ForReports"/> are those a new report may name;
/// <see cref="ForFilters"/> adds any election that reports already carry, so that old reports stay reachable.
/// </summary>
public sealed record ElectionChoices(IReadOnlyList<ElectionChoice> ForReports, IReadOnlyList<ElectionChoice> ForFilters, string? DefaultId, bool FromEngine)
{
    public static readonly ElectionChoices None = new([], [], null, false);

    public bool AcceptsForReport(string? id) => !string.IsNullOrEmpty(id) && ForReports.Any(e => e.Id == id);

    /// <summary>The name of an election for display, the id itself when unknown, "" for none.</summary>
    public string NameOf(string? id, string language) =>
        string.IsNullOrEmpty(id) ? "" : ForFilters.FirstOrDefault(e => e.Id == id)?.DisplayName(language) ?? id;
}

/// <summary>
/// Which elections violation reports may name. The list is the tally engine's, as last fetched and checked by the
/// statistics module (<see cref="StatisticsService"/> reads its last good snapshot, never a live call), so a
/// momentarily unreachable engine changes nothing. When the portal has never received the list, the elections already
/// used by reports are accepted instead. The default for a new report is the election in progress (campaign, polling
/// or counting) whose polling date is nearest today; when none is in progress, the election whose polling date is
/// nearest today (on a tie, the coming one).
/// </summary>
public sealed class ViolationElections(StatisticsService statistics, IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock,
    ILogger<ViolationElections> logger)
{
    private static readonly TimeSpan IraqOffset = TimeSpan.FromHours(3);

    public async Task<ElectionChoices> GetAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<Election> fromEngine = [];
        try
        {
            fromEngine = (await statistics.GetOverviewAsync(null, cancellationToken)).Elections;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The report form must work whatever the statistics module's state: fall back to the elections in use.
            logger.LogWarning(ex, "The election list could not be read; falling back to the elections reports already carry");
        }

        List<string> used;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            used = await db.Set<ViolationReport>().AsNoTracking().Where(r => r.ElectionId != "").Select(r => r.ElectionId).Distinct()
                .ToListAsync(cancellationToken);
        }

        var engineChoices = fromEngine.OrderByDescending(e => e.PollingDate).Select(e => new ElectionChoice(e.Id, e.Name, e.PollingDate, e.Status)).ToList();
        var others = used.Where(id => engineChoices.All(e => e.Id != id)).Order(StringComparer.Ordinal)
            .Select(id => new ElectionChoice(id, null, null, null)).ToList();
        var forFilters = engineChoices.Concat(others).ToList();
        var forReports = engineChoices.Count > 0 ? engineChoices : others;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(IraqOffset).DateTime);
        return new ElectionChoices(forReports, forFilters, DefaultOf(forReports, today), engineChoices.Count > 0);
    }

    /// <summary>The election in progress nearest today, else the one whose polling date is nearest today (the coming one on a tie).</summary>
    public static string? DefaultOf(IReadOnlyList<ElectionChoice> elections, DateOnly today)
    {
        static bool InProgress(ElectionChoice e) => e.Status is ElectionStatus.Campaign or ElectionStatus.Polling or ElectionStatus.Counting;
        var dated = elections.Where(e => e.PollingDate is not null).ToList();
        var pool = dated.Any(InProgress) ? dated.Where(InProgress).ToList() : dated;
        return pool.OrderBy(e => Math.Abs(e.PollingDate!.Value.DayNumber - today.DayNumber))
                   .ThenByDescending(e => e.PollingDate)
                   .Select(e => e.Id).FirstOrDefault()
               ?? elections.FirstOrDefault()?.Id;
    }
}
