using Ihec.Portal.Shared.Statistics;

namespace Ihec.Portal.Features.Statistics;

/// <summary>
/// The demo engine's polling-centre registry, generated from a seed: as many centres, stations and voters of each kind of
/// vote as the election has, spread over the 18 governorates (Baghdad as its Rusafa and Karkh offices), each centre with
/// a name, district and coordinates inside its governorate, and stations of about 550 voters. Names are invented.
/// </summary>
internal static class DemoRegistry
{
    /// <param name="Prefix">The first two digits of the area's centre codes.</param>
    /// <param name="Share">Share of the general and special vote (per cent).</param>
    /// <param name="DisplacedShare">Share of the displaced voters' centres (per cent).</param>
    /// <param name="Turnout">Typical turnout (per cent).</param>
    /// <param name="Latitude">The area's main town, around which its centres are placed.</param>
    public sealed record Area(string Code, string? Office, int Prefix, int Share, int DisplacedShare, int Turnout, double Latitude, double Longitude, LocalisedName District);

    public static readonly Area[] Areas =
    [
        new("IQ-BG", "IQ-BG-RUSAFA", 11, 13, 6, 50, 33.34, 44.42, Name("الرصافة", "ڕوسافە", "Al-Rusafa")),
        new("IQ-BG", "IQ-BG-KARKH", 12, 11, 6, 49, 33.31, 44.36, Name("الكرخ", "کەرخ", "Al-Karkh")),
        new("IQ-NI", null, 13, 9, 30, 58, 36.34, 43.13, Name("الموصل", "موسڵ", "Mosul")),
        new("IQ-BA", null, 14, 8, 0, 52, 30.51, 47.78, Name("البصرة", "بەسرە", "Basra")),
        new("IQ-DQ", null, 15, 6, 0, 55, 31.05, 46.26, Name("الناصرية", "ناسریە", "Nasiriyah")),
        new("IQ-SU", null, 16, 6, 10, 60, 35.56, 45.43, Name("السليمانية", "سلێمانی", "Sulaymaniyah")),
        new("IQ-AR", null, 17, 5, 12, 66, 36.19, 44.01, Name("أربيل", "هەولێر", "Erbil")),
        new("IQ-BB", null, 18, 5, 0, 56, 32.48, 44.43, Name("الحلة", "حیلە", "Hillah")),
        new("IQ-AN", null, 19, 4, 8, 64, 33.42, 43.30, Name("الرمادي", "ڕومادی", "Ramadi")),
        new("IQ-DI", null, 20, 4, 4, 61, 33.75, 44.64, Name("بعقوبة", "بەعقووبە", "Baqubah")),
        new("IQ-KI", null, 21, 4, 6, 65, 35.47, 44.39, Name("كركوك", "کەرکووک", "Kirkuk")),
        new("IQ-SD", null, 22, 4, 6, 66, 34.61, 43.68, Name("تكريت", "تکریت", "Tikrit")),
        new("IQ-NA", null, 23, 4, 0, 54, 32.03, 44.33, Name("النجف", "نەجەف", "Najaf")),
        new("IQ-DA", null, 24, 3, 12, 70, 36.87, 42.99, Name("دهوك", "دهۆک", "Duhok")),
        new("IQ-WA", null, 25, 3, 0, 53, 32.51, 45.82, Name("الكوت", "کووت", "Kut")),
        new("IQ-QA", null, 26, 3, 0, 52, 31.99, 44.93, Name("الديوانية", "دیوانیە", "Diwaniyah")),
        new("IQ-KA", null, 27, 3, 0, 55, 32.62, 44.02, Name("كربلاء", "کەربەلا", "Karbala")),
        new("IQ-MA", null, 28, 3, 0, 50, 31.84, 47.14, Name("العمارة", "عەمارە", "Amarah")),
        new("IQ-MU", null, 29, 2, 0, 51, 31.31, 45.28, Name("السماوة", "سەماوە", "Samawah")),
    ];

    /// <summary>How many centres, stations and voters one kind of vote has, and the least number of stations a centre has.</summary>
    public sealed record Size(VotingKind Voting, int Centres, int Stations, long Voters, int MinStations);

    /// <summary>Council of Representatives, 11 November 2025, as IHEC announced it (shared/tally-engine-contract.md).</summary>
    public static readonly Size[] Cor2025 =
    [
        // The special vote's stations are not announced: about 550 voters a station, like the general vote.
        new(VotingKind.General, 8_703, 39_285, 20_063_773, 4),
        new(VotingKind.Special, 809, 2_389, 1_313_980, 1),
        new(VotingKind.Displaced, 97, 321, 26_538, 1),
    ];

    private static readonly (string Ar, string Ckb, string En)[] Schools =
    [
        ("الفارابي", "فارابی", "Al-Farabi"), ("ابن سينا", "ئیبن سینا", "Ibn Sina"), ("الرافدين", "ڕافیدەین", "Al-Rafidain"),
        ("دجلة", "دیجلە", "Tigris"), ("الفرات", "فورات", "Euphrates"), ("النهضة", "نەهزە", "Al-Nahda"), ("الحكمة", "حیکمە", "Al-Hikma"),
        ("الأمل", "ئەمەل", "Al-Amal"), ("السلام", "سەلام", "Al-Salam"), ("المتنبي", "موتەنەبی", "Al-Mutanabbi"),
        ("الخوارزمي", "خوارزمی", "Al-Khwarizmi"), ("النخيل", "دارخورما", "Palm Grove"), ("الربيع", "بەهار", "Spring"),
        ("الوحدة", "یەکێتی", "Unity"), ("المستقبل", "داهاتوو", "Future"), ("الزهور", "گوڵان", "Flowers"),
    ];

    private static readonly int[] KindCodeBase = [101, 5001, 9001];

    /// <summary>The registry: general centres, then special, then displaced, each in the order of <see cref="Areas"/>.</summary>
    public static List<PollingCentre> Generate(SplitMix random, IReadOnlyList<Size> sizes)
    {
        var centres = new List<PollingCentre>(sizes.Sum(s => s.Centres));
        foreach (var size in sizes)
        {
            var weights = Areas.Select(a => (double)(size.Voting == VotingKind.Displaced ? a.DisplacedShare : a.Share)).ToArray();
            var perArea = Apportion(size.Centres, weights);
            var stationCounts = Enumerable.Repeat(size.MinStations, size.Centres).ToArray();
            for (var extra = size.Stations - size.MinStations * size.Centres; extra > 0; extra--)
            {
                stationCounts[random.Next(size.Centres)]++;
            }

            var voters = Apportion(size.Voters, Enumerable.Range(0, size.Stations).Select(_ => 0.8 + random.NextDouble() * 0.4).ToArray());
            int centre = 0, station = 0;
            for (var a = 0; a < Areas.Length; a++)
            {
                var area = Areas[a];
                for (var i = 0; i < perArea[a]; i++, centre++)
                {
                    var number = KindCodeBase[(int)size.Voting] + (size.Voting == VotingKind.General ? 2 * i : i);
                    var code = $"{area.Prefix:00}{number:0000}";
                    var stations = new CentreStation[stationCounts[centre]];
                    for (var s = 0; s < stations.Length; s++, station++)
                    {
                        stations[s] = new CentreStation { StationCode = $"{code}-{s + 1:00}", RegisteredVoters = voters[station] };
                    }

                    centres.Add(Centre(random, area, code, size.Voting, stations));
                }
            }
        }

        return centres;
    }

    private static PollingCentre Centre(SplitMix random, Area area, string code, VotingKind voting, CentreStation[] stations)
    {
        var school = Schools[random.Next(Schools.Length)];
        var arabicOnly = random.Next(8) == 0;
        var name = voting == VotingKind.Displaced
            ? Name($"مخيم {school.Ar}", $"کەمپی {school.Ckb}", $"{school.En} Camp")
            : Name($"مدرسة {school.Ar}", $"قوتابخانەی {school.Ckb}", $"{school.En} School");
        return new PollingCentre
        {
            CentreCode = code,
            Governorate = area.Code,
            Office = area.Office,
            District = area.District,
            Name = arabicOnly ? name with { Ckb = "", En = "" } : name,
            // Within about five kilometres of the area's main town, which keeps every centre inside its governorate.
            Latitude = Math.Round(area.Latitude + (random.NextDouble() - 0.5) * 0.09, 5),
            Longitude = Math.Round(area.Longitude + (random.NextDouble() - 0.5) * 0.09, 5),
            Voting = voting,
            Stations = stations,
        };
    }

    /// <summary>Largest-remainder apportionment: whole numbers in proportion to <paramref name="weights"/> that add up to exactly <paramref name="total"/>.</summary>
    public static long[] Apportion(long total, double[] weights)
    {
        var sum = weights.Sum();
        var shares = new long[weights.Length];
        var fractions = new double[weights.Length];
        var order = new int[weights.Length];
        long given = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var exact = sum > 0 ? total * weights[i] / sum : 0;
            shares[i] = (long)Math.Floor(exact);
            fractions[i] = shares[i] - exact; // negative: ascending order puts the largest remainder first
            order[i] = i;
            given += shares[i];
        }

        Array.Sort(fractions, order);
        for (var k = 0; given < total; k = (k + 1) % order.Length, given++)
        {
            shares[order[k]]++;
        }

        return shares;
    }

    private static LocalisedName Name(string ar, string ckb, string en) => new() { Ar = ar, Ckb = ckb, En = en };
}

/// <summary>A tiny deterministic generator (SplitMix64): the same numbers on every platform and .NET version.</summary>
internal sealed class SplitMix(ulong seed)
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
