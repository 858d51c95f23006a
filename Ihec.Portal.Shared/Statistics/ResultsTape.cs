namespace Ihec.Portal.Shared.Statistics;

/// <summary>The figures an observer copied from a station's printed results tape.</summary>
public sealed record ResultsTape
{
    public required string StationCode { get; init; }
    /// <summary>Registered voters, when the tape shows them.</summary>
    public long? RegisteredVoters { get; init; }
    public required long BallotsCast { get; init; }
    public required long ValidVotes { get; init; }
    public required long InvalidVotes { get; init; }
    /// <summary>Votes per entity id, as printed; an entity not on the tape is absent.</summary>
    public required IReadOnlyList<EntityVotes> Entities { get; init; }
}

public enum TapeFinding
{
    // The tape against the engine.
    /// <summary>The engine has no result for this station.</summary>
    StationNotInEngine,
    /// <summary>The engine excluded this station: its votes are not in the totals.</summary>
    StationExcludedByEngine,
    RegisteredVotersDiffer,
    BallotsCastDiffer,
    ValidVotesDiffer,
    InvalidVotesDiffer,
    /// <summary>The tape and the engine give an entity different votes.</summary>
    EntityVotesDiffer,
    /// <summary>The engine has votes for an entity the tape does not list.</summary>
    EntityMissingFromTape,
    /// <summary>The tape lists an entity the engine's station result does not have.</summary>
    EntityMissingFromEngine,

    // The tape on its own.
    /// <summary>On the tape, valid plus invalid votes differ from ballots cast.</summary>
    TapeValidPlusInvalidNotCast,
    /// <summary>On the tape, entity votes do not add up to the valid votes.</summary>
    TapeEntitySumNotValid,
    /// <summary>On the tape, more ballots cast than registered voters.</summary>
    TapeCastExceedsRegistered,
    /// <summary>The tape lists an entity twice.</summary>
    TapeDuplicateEntity,
    /// <summary>A negative figure on the tape.</summary>
    TapeNegativeCount,
}

/// <summary>
/// One difference. <see cref="TapeValue"/> and <see cref="EngineValue"/> are what each side says (for the tape's own
/// inconsistencies: the figure printed and the figure the tape's other numbers imply). Nothing is rounded.
/// </summary>
public sealed record TapeDifference(TapeFinding Finding, string? EntityId, long? TapeValue, long? EngineValue)
{
    /// <summary>Tape minus engine, when both sides have a number.</summary>
    public long? Delta => TapeValue is { } t && EngineValue is { } e ? t - e : null;

    /// <summary>Whether this finding is about the tape itself rather than a disagreement with the engine.</summary>
    public bool IsTapeInconsistency => Finding >= TapeFinding.TapeValidPlusInvalidNotCast;
}

public sealed record TapeComparison(IReadOnlyList<TapeDifference> Differences)
{
    public bool Matches => Differences.Count == 0;
}

/// <summary>Compares a results tape with the engine's result for the same station, reporting every difference.</summary>
public static class TapeComparer
{
    public static IReadOnlyList<TapeDifference> CheckTape(ResultsTape tape)
    {
        var found = new List<TapeDifference>();
        void Negative(string? entity, long? value)
        {
            if (value < 0)
            {
                found.Add(new(TapeFinding.TapeNegativeCount, entity, value, null));
            }
        }

        Negative(null, tape.RegisteredVoters);
        Negative(null, tape.BallotsCast);
        Negative(null, tape.ValidVotes);
        Negative(null, tape.InvalidVotes);
        foreach (var vote in tape.Entities)
        {
            Negative(vote.EntityId, vote.Votes);
        }

        if (tape.ValidVotes + tape.InvalidVotes != tape.BallotsCast)
        {
            found.Add(new(TapeFinding.TapeValidPlusInvalidNotCast, null, tape.BallotsCast, tape.ValidVotes + tape.InvalidVotes));
        }

        if (tape.RegisteredVoters is { } registered && tape.BallotsCast > registered)
        {
            found.Add(new(TapeFinding.TapeCastExceedsRegistered, null, tape.BallotsCast, registered));
        }

        foreach (var duplicate in tape.Entities.GroupBy(e => e.EntityId, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            found.Add(new(TapeFinding.TapeDuplicateEntity, duplicate.Key, null, null));
        }

        var sum = tape.Entities.Sum(e => e.Votes);
        if (tape.Entities.Count > 0 && sum != tape.ValidVotes)
        {
            found.Add(new(TapeFinding.TapeEntitySumNotValid, null, tape.ValidVotes, sum));
        }

        return found;
    }

    /// <param name="engine">The engine's station result, or null when the engine has none for the station.</param>
    public static TapeComparison Compare(ResultsTape tape, StationResult? engine)
    {
        var found = new List<TapeDifference>(CheckTape(tape));
        if (engine is null)
        {
            found.Insert(0, new(TapeFinding.StationNotInEngine, null, null, null));
            return new(found);
        }

        var differences = new List<TapeDifference>();
        if (engine.Status == StationStatus.Excluded)
        {
            differences.Add(new(TapeFinding.StationExcludedByEngine, null, null, null));
        }

        if (tape.RegisteredVoters is { } registered && registered != engine.RegisteredVoters)
        {
            differences.Add(new(TapeFinding.RegisteredVotersDiffer, null, registered, engine.RegisteredVoters));
        }

        Add(differences, TapeFinding.BallotsCastDiffer, tape.BallotsCast, engine.BallotsCast);
        Add(differences, TapeFinding.ValidVotesDiffer, tape.ValidVotes, engine.ValidVotes);
        Add(differences, TapeFinding.InvalidVotesDiffer, tape.InvalidVotes, engine.InvalidVotes);

        // Duplicates are reported above; for the comparison each side's votes per entity are summed.
        var onTape = tape.Entities.GroupBy(e => e.EntityId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(e => e.Votes), StringComparer.Ordinal);
        var inEngine = engine.Entities.GroupBy(e => e.EntityId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(e => e.Votes), StringComparer.Ordinal);
        foreach (var id in onTape.Keys.Union(inEngine.Keys).Order(StringComparer.Ordinal))
        {
            var hasTape = onTape.TryGetValue(id, out var tapeVotes);
            var hasEngine = inEngine.TryGetValue(id, out var engineVotes);
            if (hasTape && hasEngine)
            {
                if (tapeVotes != engineVotes)
                {
                    differences.Add(new(TapeFinding.EntityVotesDiffer, id, tapeVotes, engineVotes));
                }
            }
            else if (hasEngine)
            {
                // An entity missing from the tape is reported even at zero votes: the portal never guesses what the tape meant.
                differences.Add(new(TapeFinding.EntityMissingFromTape, id, null, engineVotes));
            }
            else
            {
                differences.Add(new(TapeFinding.EntityMissingFromEngine, id, tapeVotes, null));
            }
        }

        differences.AddRange(found);
        return new(differences);
    }

    private static void Add(List<TapeDifference> found, TapeFinding finding, long tape, long engine)
    {
        if (tape != engine)
        {
            found.Add(new(finding, null, tape, engine));
        }
    }
}
