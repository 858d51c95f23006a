using Ihec.Portal.Shared.Statistics;

namespace Ihec.Portal.Tests.Statistics;

/// <summary>The contract's sample payloads (copied from shared/tally-engine/) parse and pass, or fail, the invariants.</summary>
public sealed class TallyContractTests
{
    public static string Sample(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Statistics", "Samples", name));

    [Fact]
    public void Every_sample_file_is_copied_into_the_tests()
    {
        var names = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Statistics", "Samples"), "*.json").Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["elections.json", "registration.json", "station-result-broken.json", "station-result.json"], names);
    }

    [Fact]
    public void Elections_sample_parses_with_names_in_three_languages()
    {
        var elections = TallyJson.Parse<List<Election>>(Sample("elections.json"));

        Assert.Equal(["pc-2023", "cor-2025"], elections.Select(e => e.Id));
        var cor = elections.Single(e => e.Id == "cor-2025");
        Assert.Equal(ElectionStatus.PreliminaryResults, cor.Status);
        Assert.Equal(new DateOnly(2025, 11, 11), cor.PollingDate);
        Assert.Equal("Council of Representatives Elections 2025", cor.Name.In("en"));
        Assert.StartsWith("هەڵبژاردنی", cor.Name.In("ckb"));
        Assert.Empty(TallyInvariants.CheckElections(elections));
    }

    [Fact]
    public void Registration_sample_parses_ignores_unknown_fields_and_passes_the_invariants()
    {
        var report = TallyJson.Parse<RegistrationReport>(Sample("registration.json"));

        Assert.Equal("pc-2023", report.ElectionId);
        Assert.Equal(16158274, report.Totals.RegisteredVoters);
        Assert.Equal(report.Totals.CardsDistributed, report.Totals.CardsGeneral + report.Totals.CardsSpecial + report.Totals.CardsDisplaced);
        Assert.Equal("IQ-BG-RUSAFA", report.ByGovernorate[0].Office);
        Assert.Null(report.ByGovernorate[1].Office);
        Assert.Empty(TallyInvariants.CheckRegistration(report, "pc-2023"));
    }

    [Fact]
    public void Station_sample_parses_and_passes_the_invariants()
    {
        var station = TallyJson.Parse<StationResult>(Sample("station-result.json"));

        Assert.Equal("110203-04", station.StationCode);
        Assert.Equal(StationStatus.Transmitted, station.Status);
        Assert.Equal(3, station.Entities.Count);
        Assert.Empty(TallyInvariants.CheckStation(station));
    }

    [Fact]
    public void Broken_station_sample_parses_but_breaks_both_vote_invariants()
    {
        var station = TallyJson.Parse<StationResult>(Sample("station-result-broken.json"));

        var violations = TallyInvariants.CheckStation(station);

        Assert.Contains(violations, v => v is { Kind: ViolationKind.ValidPlusInvalidNotCast, Subject: "110203-05", Expected: 212, Actual: 214 });
        Assert.Contains(violations, v => v is { Kind: ViolationKind.EntitySumNotValid, Expected: 205, Actual: 207 });
        Assert.Equal(2, violations.Count);
    }

    [Fact]
    public void A_missing_required_field_fails_that_payload_only()
    {
        var json = Sample("station-result.json").Replace("\"ballotsCast\": 212,", "");

        var error = Assert.Throws<TallyPayloadException>(() => TallyJson.Parse<StationResult>(json));
        Assert.Contains("ballotsCast", error.Message);
        // The same parser still reads the other payloads.
        Assert.NotNull(TallyJson.Parse<RegistrationReport>(Sample("registration.json")));
    }

    [Theory]
    [InlineData("{ \"stationCode\": ")]
    [InlineData("null")]
    [InlineData("[]")]
    public void Malformed_json_is_a_payload_error(string json) =>
        Assert.Throws<TallyPayloadException>(() => TallyJson.Parse<StationResult>(json));

    [Fact]
    public void A_null_required_text_or_an_unknown_status_is_a_payload_error()
    {
        Assert.Throws<TallyPayloadException>(() => TallyJson.Parse<StationResult>(Sample("station-result.json").Replace("\"110203\"", "null")));
        Assert.Throws<TallyPayloadException>(() => TallyJson.Parse<StationResult>(Sample("station-result.json").Replace("\"Transmitted\"", "\"Lost\"")));
        Assert.Throws<TallyPayloadException>(() => TallyJson.Parse<StationResult>(Sample("station-result.json").Replace("212", "\"212\"")));
    }

    [Fact]
    public void Unknown_fields_anywhere_are_ignored()
    {
        var json = Sample("station-result.json").Replace("\"status\": \"Transmitted\"", "\"status\": \"Transmitted\", \"newField\": { \"x\": [1, 2] }")
            .Replace("\"votes\": 88 }", "\"votes\": 88, \"colour\": \"blue\" }");

        Assert.Empty(TallyInvariants.CheckStation(TallyJson.Parse<StationResult>(json)));
    }

    [Fact]
    public void Registration_cards_must_split_into_general_special_and_displaced()
    {
        var report = TallyJson.Parse<RegistrationReport>(Sample("registration.json").Replace("\"cardsDisplaced\": 2200", "\"cardsDisplaced\": 2201"));

        var violation = Assert.Single(TallyInvariants.CheckRegistration(report));
        Assert.Equal(ViolationKind.CardsSplitMismatch, violation.Kind);
        Assert.Equal("IQ-BA", violation.Subject);
        Assert.Equal(61045, violation.Expected);
        Assert.Equal(61046, violation.Actual);
    }

    [Fact]
    public void Negative_counts_unknown_governorates_duplicates_and_another_election_are_violations()
    {
        var report = TallyJson.Parse<RegistrationReport>(Sample("registration.json")
            .Replace("\"newRegistrations\": 2405", "\"newRegistrations\": -1")
            .Replace("\"code\": \"IQ-BA\"", "\"code\": \"IQ-XX\""));

        var violations = TallyInvariants.CheckRegistration(report, "cor-2025");

        Assert.Contains(violations, v => v is { Kind: ViolationKind.NegativeCount, Field: "newRegistrations", Actual: -1 });
        Assert.Contains(violations, v => v is { Kind: ViolationKind.UnknownGovernorate, Subject: "IQ-XX" });
        Assert.Contains(violations, v => v.Kind == ViolationKind.ElectionMismatch);
    }

    [Fact]
    public void Station_with_more_ballots_than_voters_or_a_bad_code_is_a_violation()
    {
        var station = TallyJson.Parse<StationResult>(Sample("station-result.json")) with { RegisteredVoters = 200, CentreCode = "110204" };

        var violations = TallyInvariants.CheckStation(station);

        Assert.Contains(violations, v => v is { Kind: ViolationKind.CastExceedsRegistered, Expected: 200, Actual: 212 });
        Assert.Contains(violations, v => v.Kind == ViolationKind.CentreCodeMismatch);
        Assert.Contains(TallyInvariants.CheckStation(station with { StationCode = "110203-4" }), v => v.Kind == ViolationKind.BadCode);
    }

    [Fact]
    public void Governorate_results_must_equal_their_non_excluded_stations()
    {
        var a = TallyJson.Parse<StationResult>(Sample("station-result.json"));
        var b = a with { StationCode = "110203-05", ValidVotes = 100, InvalidVotes = 0, BallotsCast = 100, Entities = [new EntityVotes { EntityId = "e-101", Votes = 100 }] };
        var excluded = b with { StationCode = "110203-06", Status = StationStatus.Excluded };
        var results = new ResultsReport
        {
            ElectionId = "cor-2025", AsOf = DateTimeOffset.UnixEpoch, Stage = ResultsStage.Preliminary,
            ByGovernorate =
            [
                new GovernorateResult
                {
                    Code = "IQ-BG", Office = "IQ-BG-RUSAFA", ValidVotes = 305, InvalidVotes = 7,
                    Entities = [new() { EntityId = "e-101", Votes = 188 }, new() { EntityId = "e-102", Votes = 61 }, new() { EntityId = "e-117", Votes = 56 }],
                },
            ],
        };

        Assert.Empty(TallyInvariants.CheckResultsAgainstStations(results, [a, b, excluded]));
        Assert.Empty(TallyInvariants.CheckResults(results));

        var counted = TallyInvariants.CheckResultsAgainstStations(results, [a, b, excluded with { Status = StationStatus.Audited }]);
        Assert.Contains(counted, v => v is { Kind: ViolationKind.GovernorateDiffersFromStations, Field: "validVotes", Expected: 405, Actual: 305 });
        Assert.Contains(counted, v => v is { Kind: ViolationKind.GovernorateDiffersFromStations, Field: "entities.e-101", Expected: 288, Actual: 188 });
    }

    [Fact]
    public void Results_with_votes_for_an_unknown_entity_are_a_violation()
    {
        var results = new ResultsReport
        {
            ElectionId = "cor-2025", AsOf = DateTimeOffset.UnixEpoch, Stage = ResultsStage.Final,
            ByGovernorate = [new GovernorateResult { Code = "IQ-NA", ValidVotes = 5, InvalidVotes = 0, Entities = [new() { EntityId = "e-999", Votes = 5 }] }],
        };
        var entities = new[] { new ElectoralEntity { Id = "e-101", Number = 101, Kind = EntityKind.List, Name = new LocalisedName { Ar = "أ", Ckb = "ئ", En = "A" } } };

        Assert.Contains(TallyInvariants.CheckResults(results, entities), v => v is { Kind: ViolationKind.UnknownEntity, Field: "entities.e-999" });
    }
}
