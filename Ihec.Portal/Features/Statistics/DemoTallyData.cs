using Ihec.Portal.Shared.Statistics;

namespace Ihec.Portal.Features.Statistics;

/// <summary>
/// The embedded engine's demo data set: two elections, each with a polling-centre registry at Iraq's size
/// (<see cref="DemoRegistry"/>: 9,609 centres, 41,995 stations, 21,404,291 voters) and a result for every station,
/// generated from a fixed seed so every run, machine and test sees the same figures. Every aggregate is computed from
/// the stations, so the data set keeps every invariant of the contract: governorate registration is the sum of its
/// stations' voters, and turnout, like the results, counts only the stations that are not excluded.
/// Baghdad/Rusafa's registration figures are those of IHEC's bulletin (shared/seeds/004). Entity names are invented.
/// An election's data is generated the first time it is asked for.
/// </summary>
public sealed class DemoTallyData
{
    public const string CouncilOfRepresentatives = "cor-2025";
    public const string ProvincialCouncils = "pc-2023";

    private static readonly TimeSpan Iraq = TimeSpan.FromHours(3);

    /// <summary>Baghdad/Rusafa in IHEC's bulletin: new registrations and biometric cards distributed by kind of vote.</summary>
    private static readonly (long New, long General, long Special, long Displaced) RusafaBulletin = (766_217, 360_896, 604_676, 51_140);

    private static readonly (string Ar, string Ckb, string En, EntityKind Kind)[] Names =
    [
        ("تحالف الفجر الوطني (تجريبي)", "هاوپەیمانی بەرەبەیانی نیشتمانی (نموونە)", "National Dawn Alliance (demo)", EntityKind.Coalition),
        ("حزب العدالة والبناء (تجريبي)", "پارتی دادپەروەری و بنیادنان (نموونە)", "Justice and Construction Party (demo)", EntityKind.Party),
        ("قائمة الرافدين المدنية (تجريبي)", "لیستی مەدەنی ڕافیدەین (نموونە)", "Rafidain Civic List (demo)", EntityKind.List),
        ("تيار الشباب المستقل (تجريبي)", "ڕەوتی گەنجانی سەربەخۆ (نموونە)", "Independent Youth Current (demo)", EntityKind.List),
        ("حركة الكرامة المدنية (تجريبي)", "بزووتنەوەی کەرامەتی مەدەنی (نموونە)", "Civic Dignity Movement (demo)", EntityKind.Party),
        ("ائتلاف دولة المواطنة (تجريبي)", "هاوپەیمانی دەوڵەتی هاووڵاتیبوون (نموونە)", "Citizenship State Coalition (demo)", EntityKind.Coalition),
        ("الحزب الديمقراطي للتنمية (تجريبي)", "پارتی دیموکراتی بۆ گەشەپێدان (نموونە)", "Democratic Development Party (demo)", EntityKind.Party),
        ("قائمة النخيل (تجريبي)", "لیستی دارخورما (نموونە)", "Palm Grove List (demo)", EntityKind.List),
        ("تحالف الجبل والسهل (تجريبي)", "هاوپەیمانی چیا و دەشت (نموونە)", "Mountain and Plain Alliance (demo)", EntityKind.Coalition),
        ("حزب البيئة والمياه (تجريبي)", "پارتی ژینگە و ئاو (نموونە)", "Environment and Water Party (demo)", EntityKind.Party),
        ("قائمة نساء من أجل التغيير (تجريبي)", "لیستی ئافرەتان بۆ گۆڕانکاری (نموونە)", "Women for Change List (demo)", EntityKind.List),
        ("حركة الوفاق الوطني الجديد (تجريبي)", "بزووتنەوەی ڕێککەوتنی نیشتمانیی نوێ (نموونە)", "New National Concord Movement (demo)", EntityKind.Party),
        ("تجمع الكفاءات (تجريبي)", "کۆڕی لێهاتووان (نموونە)", "Competence Assembly (demo)", EntityKind.List),
        ("قائمة الحقوق المدنية (تجريبي)", "لیستی مافە مەدەنییەکان (نموونە)", "Civil Rights List (demo)", EntityKind.List),
        ("تحالف الفرات (تجريبي)", "هاوپەیمانی فورات (نموونە)", "Euphrates Alliance (demo)", EntityKind.Coalition),
        ("حزب العمل الوطني (تجريبي)", "پارتی کاری نیشتمانی (نموونە)", "National Labour Party (demo)", EntityKind.Party),
        ("المستقلون المتحدون (تجريبي)", "سەربەخۆیانی یەکگرتوو (نموونە)", "United Independents (demo)", EntityKind.Independent),
        ("حركة السلام والتعايش (تجريبي)", "بزووتنەوەی ئاشتی و پێکەوەژیان (نموونە)", "Peace and Coexistence Movement (demo)", EntityKind.Party),
    ];

    public static readonly DemoTallyData Instance = new();

    private readonly Dictionary<string, Lazy<ElectionData>> elections;

    /// <param name="divisor">Divides the registry's centres, stations and voters: a smaller data set for tests that serve it over HTTP.</param>
    internal DemoTallyData(int divisor = 1)
    {
        var sizes = DemoRegistry.Cor2025.Select(s => s with { Centres = s.Centres / divisor, Stations = s.Stations / divisor, Voters = s.Voters / divisor }).ToList();
        Elections =
        [
            new Election
            {
                Id = ProvincialCouncils, Type = "ProvincialCouncils", PollingDate = new DateOnly(2023, 12, 18), Status = ElectionStatus.Certified,
                Name = new LocalisedName { Ar = "انتخابات مجالس المحافظات 2023", Ckb = "هەڵبژاردنی ئەنجومەنەکانی پارێزگاکان ٢٠٢٣", En = "Provincial Council Elections 2023" },
            },
            new Election
            {
                Id = CouncilOfRepresentatives, Type = "CouncilOfRepresentatives", PollingDate = new DateOnly(2025, 11, 11), Status = ElectionStatus.PreliminaryResults,
                Name = new LocalisedName { Ar = "انتخابات مجلس النواب 2025", Ckb = "هەڵبژاردنی ئەنجومەنی نوێنەران ٢٠٢٥", En = "Council of Representatives Elections 2025" },
            },
        ];
        elections = new Dictionary<string, Lazy<ElectionData>>(StringComparer.Ordinal)
        {
            [CouncilOfRepresentatives] = new(() => Generate(Elections[1], sizes, seed: 2025, entityBase: 100, entityCount: 18,
                registrationAsOf: new DateTimeOffset(2025, 8, 20, 12, 0, 0, Iraq), resultsAsOf: new DateTimeOffset(2025, 11, 12, 18, 0, 0, Iraq), ResultsStage.Preliminary)),
            // The 2023 demo election has a registry of the same size (a demo: IHEC's 2023 figures differ).
            [ProvincialCouncils] = new(() => Generate(Elections[0], sizes, seed: 2023, entityBase: 200, entityCount: 14,
                registrationAsOf: new DateTimeOffset(2023, 4, 13, 12, 0, 0, Iraq), resultsAsOf: new DateTimeOffset(2023, 12, 28, 14, 0, 0, Iraq), ResultsStage.Final)),
        };
    }

    public IReadOnlyList<Election> Elections { get; }

    public ElectionData? For(string electionId) => elections.GetValueOrDefault(electionId)?.Value;

    public sealed record ElectionData(
        RegistrationReport Registration, TurnoutReport Turnout, IReadOnlyList<ElectoralEntity> Entities, ResultsReport Results,
        IReadOnlyList<StationResult> Stations, IReadOnlyDictionary<string, StationResult> StationsByCode, IReadOnlyList<PollingCentre> Centres);

    private static ElectionData Generate(Election election, IReadOnlyList<DemoRegistry.Size> sizes, ulong seed, int entityBase, int entityCount,
        DateTimeOffset registrationAsOf, DateTimeOffset resultsAsOf, ResultsStage stage)
    {
        var random = new SplitMix(seed);
        var entities = Enumerable.Range(0, entityCount).Select(i => new ElectoralEntity
        {
            Id = "e-" + (entityBase + 1 + i),
            Number = entityBase + 1 + i,
            Kind = Names[i].Kind,
            Name = new LocalisedName { Ar = Names[i].Ar, Ckb = Names[i].Ckb, En = Names[i].En },
        }).ToList();
        var nationalWeight = entities.Select(_ => 0.2 + random.NextDouble() * (random.NextDouble() < 0.3 ? 3 : 1)).ToArray();
        var pollingEvening = new DateTimeOffset(election.PollingDate.ToDateTime(new TimeOnly(18, 0)), Iraq);
        var centres = DemoRegistry.Generate(random, sizes);
        var centresByArea = centres.ToLookup(c => TallyInvariants.AreaKey(c.Governorate, c.Office), StringComparer.Ordinal);

        var stationList = new List<StationResult>(centres.Sum(c => c.Stations.Count));
        var registrations = new List<GovernorateRegistration>();
        var turnout = new List<GovernorateTurnout>();
        var results = new List<GovernorateResult>();
        var weights = new double[entities.Count];
        foreach (var area in DemoRegistry.Areas)
        {
            var areaWeights = nationalWeight.Select(w => w * (0.25 + random.NextDouble() * 1.5)).ToArray();
            var areaStations = new List<StationResult>();
            foreach (var centre in centresByArea[TallyInvariants.AreaKey(area.Code, area.Office)])
            {
                foreach (var registryStation in centre.Stations)
                {
                    var registered = registryStation.RegisteredVoters;
                    var rate = (area.Turnout + random.Next(17) - 8) / 100.0;
                    var cast = (long)Math.Round(registered * rate);
                    var invalid = (long)Math.Round(cast * (0.015 + random.NextDouble() * 0.035));
                    var valid = cast - invalid;
                    var status = random.Next(250) == 0 ? StationStatus.Excluded : random.Next(7) == 0 ? StationStatus.Audited : StationStatus.Transmitted;
                    for (var i = 0; i < weights.Length; i++)
                    {
                        weights[i] = areaWeights[i] * (0.6 + random.NextDouble() * 0.8);
                    }

                    var votes = DemoRegistry.Apportion(valid, weights);
                    var entityVotes = new EntityVotes[votes.Length];
                    for (var i = 0; i < votes.Length; i++)
                    {
                        entityVotes[i] = new EntityVotes { EntityId = entities[i].Id, Votes = votes[i] };
                    }

                    areaStations.Add(new StationResult
                    {
                        StationCode = registryStation.StationCode,
                        CentreCode = centre.CentreCode,
                        Governorate = area.Code,
                        Office = area.Office,
                        RegisteredVoters = registered,
                        BallotsCast = cast,
                        ValidVotes = valid,
                        InvalidVotes = invalid,
                        Entities = entityVotes,
                        TransmittedAt = pollingEvening.AddMinutes(30 + random.Next(480)),
                        Status = status,
                    });
                }
            }

            stationList.AddRange(areaStations);
            var eligible = areaStations.Sum(s => s.RegisteredVoters);
            var rusafa = area.Office == "IQ-BG-RUSAFA";
            var general = rusafa ? RusafaBulletin.General : (long)Math.Round(eligible * (0.02 + random.NextDouble() * 0.02));
            var special = rusafa ? RusafaBulletin.Special : (long)Math.Round(eligible * (0.01 + random.NextDouble() * 0.03));
            var displaced = rusafa ? RusafaBulletin.Displaced : (long)Math.Round(eligible * random.NextDouble() * 0.01);
            registrations.Add(new GovernorateRegistration
            {
                Code = area.Code,
                Office = area.Office,
                RegisteredVoters = eligible,
                BiometricRegistered = (long)Math.Round(eligible * (0.78 + random.NextDouble() * 0.15)),
                NewRegistrations = rusafa ? RusafaBulletin.New : (long)Math.Round(eligible * (0.02 + random.NextDouble() * 0.03)),
                CardsGeneral = general,
                CardsSpecial = special,
                CardsDisplaced = displaced,
                CardsDistributed = general + special + displaced,
            });
            // An excluded station's ballots are not in the totals (the contract): turnout and results count the same stations.
            var counted = areaStations.Where(s => s.Status != StationStatus.Excluded).ToList();
            turnout.Add(new GovernorateTurnout { Code = area.Code, Office = area.Office, EligibleVoters = eligible, BallotsCast = counted.Sum(s => s.BallotsCast) });
            var byEntity = new long[entities.Count];
            foreach (var station in counted)
            {
                for (var i = 0; i < byEntity.Length; i++)
                {
                    byEntity[i] += station.Entities[i].Votes;
                }
            }

            results.Add(new GovernorateResult
            {
                Code = area.Code,
                Office = area.Office,
                ValidVotes = counted.Sum(s => s.ValidVotes),
                InvalidVotes = counted.Sum(s => s.InvalidVotes),
                Entities = entities.Select((e, i) => new EntityVotes { EntityId = e.Id, Votes = byEntity[i] }).ToList(),
            });
        }

        var registration = new RegistrationReport
        {
            ElectionId = election.Id,
            AsOf = registrationAsOf,
            Totals = new RegistrationFigures
            {
                RegisteredVoters = registrations.Sum(r => r.RegisteredVoters),
                BiometricRegistered = registrations.Sum(r => r.BiometricRegistered),
                NewRegistrations = registrations.Sum(r => r.NewRegistrations),
                CardsDistributed = registrations.Sum(r => r.CardsDistributed),
                CardsGeneral = registrations.Sum(r => r.CardsGeneral),
                CardsSpecial = registrations.Sum(r => r.CardsSpecial),
                CardsDisplaced = registrations.Sum(r => r.CardsDisplaced),
            },
            ByGovernorate = registrations,
        };
        var turnoutReport = new TurnoutReport
        {
            ElectionId = election.Id,
            AsOf = pollingEvening.AddHours(6),
            EligibleVoters = turnout.Sum(t => t.EligibleVoters),
            BallotsCast = turnout.Sum(t => t.BallotsCast),
            ByGovernorate = turnout,
        };
        var resultsReport = new ResultsReport { ElectionId = election.Id, AsOf = resultsAsOf, Stage = stage, ByGovernorate = results };
        return new ElectionData(registration, turnoutReport, entities, resultsReport, stationList,
            stationList.ToDictionary(s => s.StationCode, StringComparer.Ordinal), centres);
    }
}
