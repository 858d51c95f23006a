using Ihec.Portal.Shared.Statistics;

namespace Ihec.Portal.Tests.Statistics;

public sealed class TapeComparisonTests
{
    private static readonly StationResult Engine = TallyJson.Parse<StationResult>(TallyContractTests.Sample("station-result.json"));

    // The tape as printed for the sample station: identical to the engine's result.
    private static ResultsTape Tape(long cast = 212, long valid = 205, long invalid = 7, long? registered = 450, params (string Id, long Votes)[] votes) => new()
    {
        StationCode = "110203-04",
        RegisteredVoters = registered,
        BallotsCast = cast,
        ValidVotes = valid,
        InvalidVotes = invalid,
        Entities = (votes.Length == 0 ? [("e-101", 88L), ("e-102", 61L), ("e-117", 56L)] : votes)
            .Select(v => new EntityVotes { EntityId = v.Id, Votes = v.Votes }).ToList(),
    };

    [Fact]
    public void A_tape_that_matches_the_engine_has_no_differences()
    {
        Assert.True(TapeComparer.Compare(Tape(), Engine).Matches);
    }

    [Fact]
    public void Different_votes_for_one_entity_are_reported_with_both_figures()
    {
        var result = TapeComparer.Compare(Tape(valid: 206, invalid: 6, votes: [("e-101", 89), ("e-102", 61), ("e-117", 56)]), Engine);

        Assert.Contains(result.Differences, d => d is { Finding: TapeFinding.EntityVotesDiffer, EntityId: "e-101", TapeValue: 89, EngineValue: 88, Delta: 1 });
        Assert.Contains(result.Differences, d => d is { Finding: TapeFinding.ValidVotesDiffer, TapeValue: 206, EngineValue: 205 });
        Assert.Contains(result.Differences, d => d is { Finding: TapeFinding.InvalidVotesDiffer, TapeValue: 6, EngineValue: 7, Delta: -1 });
        Assert.Equal(3, result.Differences.Count);
    }

    [Fact]
    public void A_difference_of_one_ballot_cast_is_never_rounded_away()
    {
        var result = TapeComparer.Compare(Tape(cast: 213, invalid: 8), Engine);

        Assert.Contains(result.Differences, d => d is { Finding: TapeFinding.BallotsCastDiffer, TapeValue: 213, EngineValue: 212 });
        Assert.Contains(result.Differences, d => d is { Finding: TapeFinding.InvalidVotesDiffer, TapeValue: 8, EngineValue: 7 });
        Assert.Equal(2, result.Differences.Count);
    }

    [Fact]
    public void Registered_voters_are_compared_only_when_the_tape_shows_them()
    {
        Assert.True(TapeComparer.Compare(Tape(registered: null), Engine).Matches);
        Assert.Contains(TapeComparer.Compare(Tape(registered: 451), Engine).Differences,
            d => d is { Finding: TapeFinding.RegisteredVotersDiffer, TapeValue: 451, EngineValue: 450 });
    }

    [Fact]
    public void An_entity_missing_on_either_side_is_reported_even_with_zero_votes()
    {
        var engine = Engine with { Entities = [.. Engine.Entities, new EntityVotes { EntityId = "e-120", Votes = 0 }] };

        var result = TapeComparer.Compare(Tape(votes: [("e-101", 88), ("e-102", 61), ("e-117", 56), ("e-130", 0)]), engine);

        Assert.Contains(result.Differences, d => d is { Finding: TapeFinding.EntityMissingFromTape, EntityId: "e-120", EngineValue: 0, TapeValue: null });
        Assert.Contains(result.Differences, d => d is { Finding: TapeFinding.EntityMissingFromEngine, EntityId: "e-130", TapeValue: 0, EngineValue: null });
    }

    [Fact]
    public void The_tape_own_inconsistencies_are_reported_as_well_as_differences()
    {
        // Sums that do not add up on the tape itself, as on the broken sample.
        var tape = Tape(cast: 212, valid: 205, invalid: 9, votes: [("e-101", 90), ("e-102", 61), ("e-117", 56)]);

        var result = TapeComparer.Compare(tape, Engine);

        Assert.Contains(result.Differences, d => d is { Finding: TapeFinding.TapeValidPlusInvalidNotCast, TapeValue: 212, EngineValue: 214, IsTapeInconsistency: true });
        Assert.Contains(result.Differences, d => d is { Finding: TapeFinding.TapeEntitySumNotValid, TapeValue: 205, EngineValue: 207 });
        Assert.Contains(result.Differences, d => d is { Finding: TapeFinding.InvalidVotesDiffer, IsTapeInconsistency: false });
        Assert.Contains(result.Differences, d => d is { Finding: TapeFinding.EntityVotesDiffer, EntityId: "e-101" });
    }

    [Fact]
    public void Tape_with_more_ballots_than_voters_duplicates_or_negatives_is_inconsistent()
    {
        var findings = TapeComparer.CheckTape(Tape(cast: 212, registered: 200, votes: [("e-101", 88), ("e-101", 61), ("e-117", -1)])).Select(d => d.Finding).ToList();

        Assert.Contains(TapeFinding.TapeCastExceedsRegistered, findings);
        Assert.Contains(TapeFinding.TapeDuplicateEntity, findings);
        Assert.Contains(TapeFinding.TapeNegativeCount, findings);
    }

    [Fact]
    public void A_station_the_engine_does_not_have_or_excluded_is_reported()
    {
        Assert.Equal(TapeFinding.StationNotInEngine, TapeComparer.Compare(Tape(), null).Differences[0].Finding);
        Assert.Equal([TapeFinding.StationExcludedByEngine], TapeComparer.Compare(Tape(), Engine with { Status = StationStatus.Excluded }).Differences.Select(d => d.Finding));
    }
}
