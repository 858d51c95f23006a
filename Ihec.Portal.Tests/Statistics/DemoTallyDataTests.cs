using Ihec.Portal.Features.Statistics;
using Ihec.Portal.Shared.Organisations;
using Ihec.Portal.Shared.Statistics;

namespace Ihec.Portal.Tests.Statistics;

public sealed class DemoTallyDataTests
{
    private static readonly DemoTallyData Data = DemoTallyData.Instance;

    [Theory]
    [InlineData(DemoTallyData.CouncilOfRepresentatives)]
    [InlineData(DemoTallyData.ProvincialCouncils)]
    public void Demo_election_covers_all_governorates_with_a_few_thousand_stations_and_keeps_every_invariant(string electionId)
    {
        var election = Data.For(electionId)!;

        Assert.Equal(Governorates.Codes.Order(), election.Registration.ByGovernorate.Select(r => r.Code).Distinct().Order());
        Assert.Equal(["IQ-BG-KARKH", "IQ-BG-RUSAFA"], election.Results.ByGovernorate.Where(r => r.Code == "IQ-BG").Select(r => r.Office!).Order());
        Assert.InRange(election.Stations.Count, 2000, 5000);
        Assert.Empty(TallyInvariants.CheckRegistration(election.Registration, electionId));
        Assert.Empty(TallyInvariants.CheckTurnout(election.Turnout, electionId));
        Assert.Empty(TallyInvariants.CheckEntities(election.Entities));
        Assert.Empty(TallyInvariants.CheckResults(election.Results, election.Entities, electionId));
        Assert.Empty(election.Stations.SelectMany(s => TallyInvariants.CheckStation(s, election.Entities)));
        Assert.Empty(TallyInvariants.CheckResultsAgainstStations(election.Results, election.Stations));
        Assert.Contains(election.Stations, s => s.Status == StationStatus.Excluded);
        Assert.Equal(election.Registration.Totals.RegisteredVoters, election.Turnout.EligibleVoters);
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
        var again = new DemoTallyData();

        foreach (var id in new[] { DemoTallyData.CouncilOfRepresentatives, DemoTallyData.ProvincialCouncils })
        {
            Assert.Equal(TallyJson.Write(Data.For(id)!.Stations), TallyJson.Write(again.For(id)!.Stations));
            Assert.Equal(TallyJson.Write(Data.For(id)!.Registration), TallyJson.Write(again.For(id)!.Registration));
        }
    }
}
