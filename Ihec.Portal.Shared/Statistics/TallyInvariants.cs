using System.Globalization;
using System.Text.RegularExpressions;
using Ihec.Portal.Shared.Organisations;

namespace Ihec.Portal.Shared.Statistics;

public enum ViolationKind
{
    /// <summary>A count below zero.</summary>
    NegativeCount,
    /// <summary>A governorate code that is not one of Iraq's 18 ISO 3166-2 codes.</summary>
    UnknownGovernorate,
    /// <summary>The same governorate (and office) twice in one payload.</summary>
    DuplicateGovernorate,
    /// <summary>A station code not in the form <c>NNNNNN-NN</c>, or a centre code not in the form <c>NNNNNN</c>.</summary>
    BadCode,
    /// <summary>A station whose centre code is not the first part of its station code.</summary>
    CentreCodeMismatch,
    /// <summary>Valid plus invalid votes differ from ballots cast.</summary>
    ValidPlusInvalidNotCast,
    /// <summary>More ballots cast than registered (or eligible) voters.</summary>
    CastExceedsRegistered,
    /// <summary>The entities' votes do not add up to the valid votes.</summary>
    EntitySumNotValid,
    /// <summary>Cards distributed differ from general + special + displaced.</summary>
    CardsSplitMismatch,
    /// <summary>The payload is for another election than the one asked for.</summary>
    ElectionMismatch,
    /// <summary>Votes for an entity the election's entity list does not have.</summary>
    UnknownEntity,
    /// <summary>The same entity twice in one list of votes.</summary>
    DuplicateEntity,
    /// <summary>A governorate's results differ from the sum of its non-excluded stations.</summary>
    GovernorateDiffersFromStations,
    /// <summary>A text the contract requires is empty.</summary>
    EmptyText,
    /// <summary>The same election twice in the election list.</summary>
    DuplicateElection,
    /// <summary>The same polling centre or station code twice in the registry.</summary>
    DuplicateCode,
    /// <summary>A polling centre without latitude or longitude.</summary>
    MissingCoordinates,
    /// <summary>A polling centre whose coordinates are not inside its governorate.</summary>
    OutsideGovernorate,
}

/// <summary>One broken invariant: what, where (a station or governorate), which figure, and the numbers involved.</summary>
public sealed record InvariantViolation(ViolationKind Kind, string Subject, string Field, long? Expected = null, long? Actual = null)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Kind} at {Subject} ({Field}): expected {Expected?.ToString(CultureInfo.InvariantCulture) ?? "-"}, got {Actual?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
}

/// <summary>
/// The invariants the contract asks the portal to check on what it receives. Each check returns every
/// violation it finds (an empty list when the payload is good), so an alert can say exactly what was wrong.
/// </summary>
public static partial class TallyInvariants
{
    [GeneratedRegex(@"^[0-9]{6}-[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex StationCodePattern();

    [GeneratedRegex(@"^[0-9]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex CentreCodePattern();

    /// <summary>A polling station code: six-digit centre code, a hyphen, two-digit station number (<c>110203-04</c>).</summary>
    public static bool IsStationCode(string? code) => code is not null && StationCodePattern().IsMatch(code);

    public static bool IsCentreCode(string? code) => code is not null && CentreCodePattern().IsMatch(code);

    /// <summary>The key a governorate row is known by: its code, and its office where it has one.</summary>
    public static string AreaKey(string code, string? office) => string.IsNullOrEmpty(office) ? code : code + "/" + office;

    public static IReadOnlyList<InvariantViolation> CheckElections(IReadOnlyList<Election> elections)
    {
        var found = new List<InvariantViolation>();
        foreach (var group in elections.GroupBy(e => e.Id).Where(g => g.Count() > 1))
        {
            found.Add(new(ViolationKind.DuplicateElection, group.Key, "id"));
        }

        foreach (var election in elections)
        {
            RequireText(found, election.Id, "id", election.Id);
            RequireText(found, election.Id, "name.ar", election.Name.Ar);
            RequireText(found, election.Id, "name.en", election.Name.En);
        }

        return found;
    }

    public static IReadOnlyList<InvariantViolation> CheckEntities(IReadOnlyList<ElectoralEntity> entities)
    {
        var found = new List<InvariantViolation>();
        foreach (var group in entities.GroupBy(e => e.Id).Where(g => g.Count() > 1))
        {
            found.Add(new(ViolationKind.DuplicateEntity, group.Key, "id"));
        }

        foreach (var entity in entities)
        {
            RequireText(found, entity.Id, "id", entity.Id);
            RequireText(found, entity.Id, "name.ar", entity.Name.Ar);
            NonNegative(found, entity.Id, "number", entity.Number);
        }

        return found;
    }

    public static IReadOnlyList<InvariantViolation> CheckRegistration(RegistrationReport report, string? electionId = null)
    {
        var found = new List<InvariantViolation>();
        CheckElection(found, report.ElectionId, electionId);
        CheckFigures(found, "totals", report.Totals);
        CheckAreas(found, report.ByGovernorate.Select(r => (r.Code, r.Office)));
        foreach (var row in report.ByGovernorate)
        {
            CheckFigures(found, AreaKey(row.Code, row.Office), row);
        }

        return found;
    }

    public static IReadOnlyList<InvariantViolation> CheckTurnout(TurnoutReport report, string? electionId = null)
    {
        var found = new List<InvariantViolation>();
        CheckElection(found, report.ElectionId, electionId);
        CheckTurnoutFigures(found, "totals", report.EligibleVoters, report.BallotsCast);
        CheckAreas(found, report.ByGovernorate.Select(r => (r.Code, r.Office)));
        foreach (var row in report.ByGovernorate)
        {
            CheckTurnoutFigures(found, AreaKey(row.Code, row.Office), row.EligibleVoters, row.BallotsCast);
        }

        return found;
    }

    /// <param name="entities">The election's entities, when known: votes for any other entity are a violation.</param>
    public static IReadOnlyList<InvariantViolation> CheckResults(ResultsReport report, IReadOnlyList<ElectoralEntity>? entities = null, string? electionId = null)
    {
        var found = new List<InvariantViolation>();
        CheckElection(found, report.ElectionId, electionId);
        CheckAreas(found, report.ByGovernorate.Select(r => (r.Code, r.Office)));
        var known = entities?.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var row in report.ByGovernorate)
        {
            var subject = AreaKey(row.Code, row.Office);
            NonNegative(found, subject, "validVotes", row.ValidVotes);
            NonNegative(found, subject, "invalidVotes", row.InvalidVotes);
            CheckVotes(found, subject, row.ValidVotes, row.Entities, known);
        }

        return found;
    }

    public static IReadOnlyList<InvariantViolation> CheckStation(StationResult station, IReadOnlyList<ElectoralEntity>? entities = null)
    {
        var found = new List<InvariantViolation>();
        var subject = station.StationCode;
        if (!IsStationCode(station.StationCode))
        {
            found.Add(new(ViolationKind.BadCode, subject, "stationCode"));
        }

        if (!IsCentreCode(station.CentreCode))
        {
            found.Add(new(ViolationKind.BadCode, subject, "centreCode"));
        }
        else if (IsStationCode(station.StationCode) && !station.StationCode.StartsWith(station.CentreCode + "-", StringComparison.Ordinal))
        {
            found.Add(new(ViolationKind.CentreCodeMismatch, subject, "centreCode"));
        }

        if (!Governorates.IsKnown(station.Governorate))
        {
            found.Add(new(ViolationKind.UnknownGovernorate, subject, "governorate"));
        }

        NonNegative(found, subject, "registeredVoters", station.RegisteredVoters);
        NonNegative(found, subject, "ballotsCast", station.BallotsCast);
        NonNegative(found, subject, "validVotes", station.ValidVotes);
        NonNegative(found, subject, "invalidVotes", station.InvalidVotes);
        if (station.ValidVotes + station.InvalidVotes != station.BallotsCast)
        {
            found.Add(new(ViolationKind.ValidPlusInvalidNotCast, subject, "ballotsCast", station.BallotsCast, station.ValidVotes + station.InvalidVotes));
        }

        if (station.BallotsCast > station.RegisteredVoters)
        {
            found.Add(new(ViolationKind.CastExceedsRegistered, subject, "ballotsCast", station.RegisteredVoters, station.BallotsCast));
        }

        CheckVotes(found, subject, station.ValidVotes, station.Entities, entities?.Select(e => e.Id).ToHashSet(StringComparer.Ordinal));
        return found;
    }

    /// <summary>
    /// Governorate results against the stations loaded for them: each governorate (office) whose stations are all
    /// loaded must equal the sum of its non-excluded stations, vote for vote.
    /// </summary>
    public static IReadOnlyList<InvariantViolation> CheckResultsAgainstStations(ResultsReport report, IEnumerable<StationResult> stations)
    {
        var found = new List<InvariantViolation>();
        var byArea = stations.Where(s => s.Status != StationStatus.Excluded)
            .GroupBy(s => AreaKey(s.Governorate, s.Office))
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var row in report.ByGovernorate)
        {
            var subject = AreaKey(row.Code, row.Office);
            if (!byArea.TryGetValue(subject, out var loaded))
            {
                continue;
            }

            Compare(found, subject, "validVotes", row.ValidVotes, loaded.Sum(s => s.ValidVotes));
            Compare(found, subject, "invalidVotes", row.InvalidVotes, loaded.Sum(s => s.InvalidVotes));
            var stationVotes = loaded.SelectMany(s => s.Entities).GroupBy(e => e.EntityId)
                .ToDictionary(g => g.Key, g => g.Sum(e => e.Votes), StringComparer.Ordinal);
            var rowVotes = row.Entities.GroupBy(e => e.EntityId)
                .ToDictionary(g => g.Key, g => g.Sum(e => e.Votes), StringComparer.Ordinal);
            foreach (var id in rowVotes.Keys.Union(stationVotes.Keys).Order(StringComparer.Ordinal))
            {
                Compare(found, subject, "entities." + id, rowVotes.GetValueOrDefault(id), stationVotes.GetValueOrDefault(id));
            }
        }

        return found;
    }

    private static void Compare(List<InvariantViolation> found, string subject, string field, long governorate, long stations)
    {
        if (governorate != stations)
        {
            found.Add(new(ViolationKind.GovernorateDiffersFromStations, subject, field, stations, governorate));
        }
    }

    private static void CheckElection(List<InvariantViolation> found, string actual, string? expected)
    {
        if (expected is not null && !string.Equals(actual, expected, StringComparison.Ordinal))
        {
            found.Add(new(ViolationKind.ElectionMismatch, actual, "electionId"));
        }
    }

    private static void CheckAreas(List<InvariantViolation> found, IEnumerable<(string Code, string? Office)> areas)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (code, office) in areas)
        {
            var key = AreaKey(code, office);
            if (!Governorates.IsKnown(code))
            {
                found.Add(new(ViolationKind.UnknownGovernorate, key, "code"));
            }

            if (!seen.Add(key))
            {
                found.Add(new(ViolationKind.DuplicateGovernorate, key, "code"));
            }
        }
    }

    private static void CheckFigures(List<InvariantViolation> found, string subject, RegistrationFigures figures)
    {
        NonNegative(found, subject, "registeredVoters", figures.RegisteredVoters);
        NonNegative(found, subject, "biometricRegistered", figures.BiometricRegistered);
        NonNegative(found, subject, "newRegistrations", figures.NewRegistrations);
        NonNegative(found, subject, "cardsDistributed", figures.CardsDistributed);
        NonNegative(found, subject, "cardsGeneral", figures.CardsGeneral);
        NonNegative(found, subject, "cardsSpecial", figures.CardsSpecial);
        NonNegative(found, subject, "cardsDisplaced", figures.CardsDisplaced);
        var split = figures.CardsGeneral + figures.CardsSpecial + figures.CardsDisplaced;
        if (split != figures.CardsDistributed)
        {
            found.Add(new(ViolationKind.CardsSplitMismatch, subject, "cardsDistributed", figures.CardsDistributed, split));
        }
    }

    private static void CheckTurnoutFigures(List<InvariantViolation> found, string subject, long eligible, long cast)
    {
        NonNegative(found, subject, "eligibleVoters", eligible);
        NonNegative(found, subject, "ballotsCast", cast);
        if (cast > eligible)
        {
            found.Add(new(ViolationKind.CastExceedsRegistered, subject, "ballotsCast", eligible, cast));
        }
    }

    private static void CheckVotes(List<InvariantViolation> found, string subject, long validVotes, IReadOnlyList<EntityVotes> votes, HashSet<string>? known)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var vote in votes)
        {
            NonNegative(found, subject, "entities." + vote.EntityId, vote.Votes);
            if (!seen.Add(vote.EntityId))
            {
                found.Add(new(ViolationKind.DuplicateEntity, subject, "entities." + vote.EntityId));
            }

            if (known is not null && !known.Contains(vote.EntityId))
            {
                found.Add(new(ViolationKind.UnknownEntity, subject, "entities." + vote.EntityId));
            }
        }

        var sum = votes.Sum(v => v.Votes);
        if (sum != validVotes)
        {
            found.Add(new(ViolationKind.EntitySumNotValid, subject, "validVotes", validVotes, sum));
        }
    }

    private static void NonNegative(List<InvariantViolation> found, string subject, string field, long value)
    {
        if (value < 0)
        {
            found.Add(new(ViolationKind.NegativeCount, subject, field, 0, value));
        }
    }

    private static void RequireText(List<InvariantViolation> found, string subject, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            found.Add(new(ViolationKind.EmptyText, subject, field));
        }
    }
}
