using Ihec.Portal.Shared.Statistics;

namespace Ihec.Portal.Features.Statistics;

/// <summary>
/// The embedded engine's demo data set: two elections, all 18 governorates (Baghdad as its Rusafa and Karkh offices),
/// a few thousand polling stations, generated from a fixed seed so every run, machine and test sees the same figures.
/// Every aggregate is computed from the stations, so the data set keeps every invariant of the contract.
/// The names of the electoral entities are invented.
/// </summary>
public sealed class DemoTallyData
{
    public const string CouncilOfRepresentatives = "cor-2025";
    public const string ProvincialCouncils = "pc-2023";

    private static readonly TimeSpan Iraq = TimeSpan.FromHours(3);

    // Area, office, two-digit code prefix, share of the stations (per cent), typical turnout (per cent).
    private static readonly (string Code, string? Office, int Prefix, int Share, int Turnout)[] Areas =
    [
        ("IQ-BG", "IQ-BG-RUSAFA", 11, 13, 38), ("IQ-BG", "IQ-BG-KARKH", 12, 11, 36), ("IQ-NI", null, 13, 9, 47),
        ("IQ-BA", null, 14, 8, 41), ("IQ-DQ", null, 15, 6, 44), ("IQ-SU", null, 16, 6, 52), ("IQ-AR", null, 17, 5, 58),
        ("IQ-BB", null, 18, 5, 45), ("IQ-AN", null, 19, 4, 55), ("IQ-DI", null, 20, 4, 50), ("IQ-KI", null, 21, 4, 56),
        ("IQ-SD", null, 22, 4, 57), ("IQ-NA", null, 23, 4, 43), ("IQ-DA", null, 24, 3, 61), ("IQ-WA", null, 25, 3, 42),
        ("IQ-QA", null, 26, 3, 40), ("IQ-KA", null, 27, 3, 44), ("IQ-MA", null, 28, 3, 39), ("IQ-MU", null, 29, 2, 40),
    ];

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

    private readonly Dictionary<string, ElectionData> elections;

    internal DemoTallyData()
    {
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
        elections = new Dictionary<string, ElectionData>(StringComparer.Ordinal)
        {
            [CouncilOfRepresentatives] = Generate(Elections[1], seed: 2025, stations: 3200, entityBase: 100, entityCount: 18,
                registrationAsOf: new DateTimeOffset(2025, 8, 20, 12, 0, 0, Iraq), resultsAsOf: new DateTimeOffset(2025, 11, 12, 18, 0, 0, Iraq), ResultsStage.Preliminary),
            [ProvincialCouncils] = Generate(Elections[0], seed: 2023, stations: 2600, entityBase: 200, entityCount: 14,
                registrationAsOf: new DateTimeOffset(2023, 4, 13, 12, 0, 0, Iraq), resultsAsOf: new DateTimeOffset(2023, 12, 28, 14, 0, 0, Iraq), ResultsStage.Final),
        };
    }

    public IReadOnlyList<Election> Elections { get; }

    public ElectionData? For(string electionId) => elections.GetValueOrDefault(electionId);

    public sealed record ElectionData(
        RegistrationReport Registration, TurnoutReport Turnout, IReadOnlyList<ElectoralEntity> Entities, ResultsReport Results,
        IReadOnlyList<StationResult> Stations, IReadOnlyDictionary<string, StationResult> StationsByCode);

    private static ElectionData Generate(Election election, ulong seed, int stations, int entityBase, int entityCount,
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

        var stationList = new List<StationResult>();
        var registrations = new List<GovernorateRegistration>();
        var turnout = new List<GovernorateTurnout>();
        var results = new List<GovernorateResult>();
        foreach (var area in Areas)
        {
            var areaWeights = nationalWeight.Select(w => w * (0.25 + random.NextDouble() * 1.5)).ToArray();
            var target = stations * area.Share / 100;
            var areaStations = new List<StationResult>();
            for (var centre = 0; areaStations.Count < target; centre++)
            {
                // Centre numbers step by two from 0101, so the contract's sample centre 110203 is a Rusafa centre here.
                var centreCode = $"{area.Prefix:00}{101 + centre * 2:0000}";
                var count = 4 + random.Next(5);
                for (var number = 1; number <= count; number++)
                {
                    var registered = 380 + random.Next(241);
                    var rate = (area.Turnout + random.Next(17) - 8) / 100.0;
                    var cast = (long)Math.Round(registered * rate);
                    var invalid = (long)Math.Round(cast * (0.015 + random.NextDouble() * 0.035));
                    var valid = cast - invalid;
                    var status = random.Next(250) == 0 ? StationStatus.Excluded : random.Next(7) == 0 ? StationStatus.Audited : StationStatus.Transmitted;
                    var station = new StationResult
                    {
                        StationCode = $"{centreCode}-{number:00}",
                        CentreCode = centreCode,
                        Governorate = area.Code,
                        Office = area.Office,
                        RegisteredVoters = registered,
                        BallotsCast = cast,
                        ValidVotes = valid,
                        InvalidVotes = invalid,
                        Entities = Split(valid, areaWeights.Select(w => w * (0.6 + random.NextDouble() * 0.8)).ToArray(), entities),
                        TransmittedAt = pollingEvening.AddMinutes(30 + random.Next(480)),
                        Status = status,
                    };
                    areaStations.Add(station);
                }
            }

            stationList.AddRange(areaStations);
            var eligible = areaStations.Sum(s => s.RegisteredVoters);
            var general = (long)Math.Round(eligible * (0.02 + random.NextDouble() * 0.02));
            var special = (long)Math.Round(eligible * (0.01 + random.NextDouble() * 0.03));
            var displaced = (long)Math.Round(eligible * random.NextDouble() * 0.01);
            registrations.Add(new GovernorateRegistration
            {
                Code = area.Code,
                Office = area.Office,
                RegisteredVoters = eligible,
                BiometricRegistered = (long)Math.Round(eligible * (0.78 + random.NextDouble() * 0.15)),
                NewRegistrations = (long)Math.Round(eligible * (0.02 + random.NextDouble() * 0.03)),
                CardsGeneral = general,
                CardsSpecial = special,
                CardsDisplaced = displaced,
                CardsDistributed = general + special + displaced,
            });
            turnout.Add(new GovernorateTurnout { Code = area.Code, Office = area.Office, EligibleVoters = eligible, BallotsCast = areaStations.Sum(s => s.BallotsCast) });
            var counted = areaStations.Where(s => s.Status != StationStatus.Excluded).ToList();
            results.Add(new GovernorateResult
            {
                Code = area.Code,
                Office = area.Office,
                ValidVotes = counted.Sum(s => s.ValidVotes),
                InvalidVotes = counted.Sum(s => s.InvalidVotes),
                Entities = entities.Select(e => new EntityVotes
                {
                    EntityId = e.Id,
                    Votes = counted.Sum(s => s.Entities.Where(v => v.EntityId == e.Id).Sum(v => v.Votes)),
                }).ToList(),
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
            stationList.ToDictionary(s => s.StationCode, StringComparer.Ordinal));
    }

    // Largest-remainder split: whole votes that add up to exactly `valid`.
    private static List<EntityVotes> Split(long valid, double[] weights, IReadOnlyList<ElectoralEntity> entities)
    {
        var total = weights.Sum();
        var exact = weights.Select(w => valid * w / total).ToArray();
        var votes = exact.Select(e => (long)Math.Floor(e)).ToArray();
        var remainder = valid - votes.Sum();
        foreach (var i in exact.Select((e, i) => (Fraction: e - Math.Floor(e), i)).OrderByDescending(x => x.Fraction).ThenBy(x => x.i).Take((int)remainder))
        {
            votes[i.i]++;
        }

        return entities.Select((e, i) => new EntityVotes { EntityId = e.Id, Votes = votes[i] }).ToList();
    }

    /// <summary>A tiny deterministic generator (SplitMix64): the same numbers on every platform and .NET version.</summary>
    private sealed class SplitMix(ulong seed)
    {
        private ulong state = seed;

        private ulong NextUInt64()
        {
            var z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public int Next(int maxExclusive) => (int)(NextUInt64() % (ulong)maxExclusive);

        public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));
    }
}
