using Ihec.Portal.Features.Statistics;
using Ihec.Portal.Infrastructure.Geography;
using Ihec.Portal.Shared.Organisations;
using Ihec.Portal.Shared.Statistics;
using Ihec.Portal.Tests.Infrastructure;

namespace Ihec.Portal.Tests.Statistics;

public sealed class DemoTallyDataTests
{
    private static readonly DemoTallyData Data = DemoTallyData.Instance;

    private static readonly GovernorateBoundaries Boundaries =
        GovernorateBoundaries.FromFile(Path.Combine(SourceTree.Portal, "wwwroot", GovernorateBoundaries.WebPath));

    /// <summary>Every invariant of the contract (shared/tally-engine-contract.md) over the embedded data, and that the figures add up between payloads.</summary>
    [Theory]
    [InlineData(DemoTallyData.CouncilOfRepresentatives)]
    [InlineData(DemoTallyData.ProvincialCouncils)]
    public void Demo_election_keeps_every_invariant_of_the_contract_and_its_figures_add_up(string electionId)
    {
        var election = Data.For(electionId)!;

        Assert.Equal(Governorates.Codes.Order(), election.Registration.ByGovernorate.Select(r => r.Code).Distinct().Order());
        Assert.Equal(["IQ-BG-KARKH", "IQ-BG-RUSAFA"], election.Results.ByGovernorate.Where(r => r.Code == "IQ-BG").Select(r => r.Office!).Order());
        // Each payload on its own.
        Assert.Empty(TallyInvariants.CheckElections(Data.Elections));
        Assert.Empty(TallyInvariants.CheckRegistration(election.Registration, electionId));
        Assert.Empty(TallyInvariants.CheckTurnout(election.Turnout, electionId));
        Assert.Empty(TallyInvariants.CheckEntities(election.Entities));
        Assert.Empty(TallyInvariants.CheckResults(election.Results, election.Entities, electionId));
        Assert.Empty(election.Stations.SelectMany(s => TallyInvariants.CheckStation(s, election.Entities)));
        Assert.Empty(TallyInvariants.CheckCentres(election.Centres, Boundaries.GovernorateAt));
        // Governorate totals equal the sum of their non-excluded stations.
        Assert.Empty(TallyInvariants.CheckResultsAgainstStations(election.Results, election.Stations));
        Assert.Contains(election.Stations, s => s.Status == StationStatus.Excluded);
        var counted = election.Stations.Where(s => s.Status != StationStatus.Excluded).ToList();
        foreach (var area in election.Turnout.ByGovernorate)
        {
            var key = TallyInvariants.AreaKey(area.Code, area.Office);
            var stations = election.Stations.Where(s => TallyInvariants.AreaKey(s.Governorate, s.Office) == key).ToList();
            var results = election.Results.ByGovernorate.Single(r => TallyInvariants.AreaKey(r.Code, r.Office) == key);
            Assert.Equal(stations.Sum(s => s.RegisteredVoters), area.EligibleVoters);
            Assert.Equal(stations.Where(s => s.Status != StationStatus.Excluded).Sum(s => s.BallotsCast), area.BallotsCast);
            // Ballots cast are valid plus invalid votes, for every governorate and so for the country (#19 item 6).
            Assert.Equal(results.ValidVotes + results.InvalidVotes, area.BallotsCast);
            Assert.Equal(area.EligibleVoters, election.Registration.ByGovernorate.Single(r => TallyInvariants.AreaKey(r.Code, r.Office) == key).RegisteredVoters);
        }

        Assert.Equal(counted.Sum(s => s.ValidVotes) + counted.Sum(s => s.InvalidVotes), election.Turnout.BallotsCast);
        Assert.Equal(election.Registration.Totals.RegisteredVoters, election.Turnout.EligibleVoters);
        Assert.Equal(election.Registration.ByGovernorate.Sum(r => r.RegisteredVoters), election.Registration.Totals.RegisteredVoters);
        // The registry and the station results describe the same stations.
        Assert.Equal(election.Centres.SelectMany(c => c.Stations.Select(s => (s.StationCode, s.RegisteredVoters))).Order(),
            election.Stations.Select(s => (s.StationCode, s.RegisteredVoters)).Order());
        Assert.All(election.Stations, s => Assert.Equal(s.CentreCode, s.StationCode[..6]));
    }

    [Fact]
    public void The_registry_has_Iraqs_size_of_2025_with_named_centres_in_their_governorates()
    {
        var election = Data.For(DemoTallyData.CouncilOfRepresentatives)!;
        var byKind = election.Centres.GroupBy(c => c.Voting).ToDictionary(g => g.Key, g => (
            Centres: g.Count(), Stations: g.Sum(c => c.Stations.Count), Voters: g.Sum(c => c.Stations.Sum(s => s.RegisteredVoters))));

        Assert.Equal((8_703, 39_285, 20_063_773L), byKind[VotingKind.General]);
        Assert.Equal((809, 1_313_980L), (byKind[VotingKind.Special].Centres, byKind[VotingKind.Special].Voters));
        Assert.Equal((97, 321, 26_538L), byKind[VotingKind.Displaced]);
        Assert.Equal(21_404_291, election.Registration.Totals.RegisteredVoters);
        Assert.InRange(20_063_773.0 / 39_285, 500, 560);
        Assert.InRange(election.Stations.Where(s => s.CentreCode[2] < '5').Average(s => s.RegisteredVoters), 500, 560);
        Assert.All(election.Centres, c => Assert.Equal(c.Governorate, Boundaries.GovernorateAt(c.Longitude!.Value, c.Latitude!.Value)));
        Assert.All(election.Centres, c => Assert.False(string.IsNullOrWhiteSpace(c.Name.Ar)));
        // Most centres have a name in all three languages; some only the Arabic one, as IHEC's registry has.
        Assert.InRange(election.Centres.Count(c => c.Name.Ckb.Length > 0 && c.Name.En.Length > 0), election.Centres.Count * 3 / 4, election.Centres.Count);
        Assert.Contains(election.Centres, c => c.Name.Ckb.Length == 0 && c.Name.En.Length == 0);
        Assert.All(Governorates.Codes, code => Assert.Contains(election.Centres, c => c.Governorate == code));
    }

    [Fact]
    public void Baghdad_Rusafa_registration_is_IHECs_bulletin()
    {
        foreach (var id in new[] { DemoTallyData.CouncilOfRepresentatives, DemoTallyData.ProvincialCouncils })
        {
            var rusafa = Data.For(id)!.Registration.ByGovernorate.Single(r => r.Office == "IQ-BG-RUSAFA");

            Assert.Equal((766_217L, 1_016_712L, 360_896L, 604_676L, 51_140L),
                (rusafa.NewRegistrations, rusafa.CardsDistributed, rusafa.CardsGeneral, rusafa.CardsSpecial, rusafa.CardsDisplaced));
        }
    }

    [Fact]
    public void The_contract_sample_station_code_exists_in_the_demo_data()
    {
        var station = Data.For(DemoTallyData.CouncilOfRepresentatives)!.StationsByCode["110203-04"];

        Assert.Equal(("IQ-BG", "IQ-BG-RUSAFA", "110203"), (station.Governorate, station.Office, station.CentreCode));
        Assert.Contains(station.Entities, e => e.EntityId == "e-117");
    }

    [Fact]
    public void The_demo_data_is_generated_the_same_every_time()
    {
        // How long generation takes is not a test's business (no wall-clock figures in tests): only that it is the same.
        var again = new DemoTallyData();
        foreach (var id in new[] { DemoTallyData.CouncilOfRepresentatives, DemoTallyData.ProvincialCouncils })
        {
            Assert.Equal(TallyJson.Write(Data.For(id)!.Stations), TallyJson.Write(again.For(id)!.Stations));
            Assert.Equal(TallyJson.Write(Data.For(id)!.Centres), TallyJson.Write(again.For(id)!.Centres));
            Assert.Equal(TallyJson.Write(Data.For(id)!.Registration), TallyJson.Write(again.For(id)!.Registration));
        }
    }
}
