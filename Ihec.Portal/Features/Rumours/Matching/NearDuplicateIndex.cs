namespace Ihec.Portal.Features.Rumours.Matching;

/// <summary>A case whose reports resemble a claim, with the best report's Jaccard similarity in [0, 1].</summary>
public sealed record CaseMatch(Guid CaseId, double Similarity);

/// <summary>
/// Thread-safe in-memory MinHash/LSH index of rumour reports, each belonging to a case. A new report must be compared
/// with every earlier one, and a scan of all reports grows with the archive; MinHash signatures banded into LSH
/// buckets find the reports likely to share most features with a few dictionary look-ups, and only those candidates
/// are scored, with the exact Jaccard similarity of their feature sets (<see cref="ClaimFeatures.Extract"/>).
/// Registered as a singleton and filled from the database at start-up.
/// </summary>
public sealed class NearDuplicateIndex
{
    /// <summary>At or above: the report is grouped under the case automatically. Two reports of one claim that differ
    /// only in spelling, order, wrappers, emoji or links score 1; one word left out of ten scores 0.9; two claims that
    /// differ in one word of ten (another place, party or candidate) score 0.82. Calibrated on <see cref="ClaimCorpus"/>
    /// for at most 1% false merges (bench/README.md); a changed word in a claim of 13 words or more reaches it.</summary>
    public const double AutoGroupThreshold = 0.86;

    /// <summary>At or above: the case is suggested to the analyst, who decides. Reports of one claim reworded with a
    /// synonym and a word left out score about 0.7–0.8; unrelated claims rarely reach 0.3.</summary>
    public const double SuggestThreshold = 0.6;

    // 45 bands of 7 rows (315 hash functions): a pair becomes a candidate with probability 1 - (1 - J^7)^45, that is
    // 0.72 at J = 0.6, 0.98 at 0.7 and 0.9999 at 0.8, but only 0.30 at 0.5 and 0.07 at 0.4, where most claims that
    // share a sentence pattern (and must all be scored by a scan) lie.
    private const int DefaultBands = 45;
    private const int DefaultRows = 7;

    private readonly int bands;
    private readonly int rows;
    private readonly ulong[] seeds;
    private readonly ReaderWriterLockSlim gate = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<Guid, Entry> reports = [];
    private int nextSlot;
    // Most buckets hold one report: arrays (replaced on change) cost a third of what lists would.
    private readonly Dictionary<ulong, Entry[]> buckets = [];

    /// <summary>An index with the calibrated parameters.</summary>
    public NearDuplicateIndex() : this(DefaultBands, DefaultRows)
    {
    }

    internal NearDuplicateIndex(int bands, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bands, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        this.bands = bands;
        this.rows = rows;
        seeds = new ulong[bands * rows];
        var state = 0x1BADB002_5EEDC0DEUL; // fixed: signatures must not change between runs
        for (var i = 0; i < seeds.Length; i++)
        {
            seeds[i] = FeatureHash.SplitMix(ref state);
        }
    }

    /// <summary>The number of reports indexed.</summary>
    public int Count
    {
        get
        {
            gate.EnterReadLock();
            try
            {
                return reports.Count;
            }
            finally
            {
                gate.ExitReadLock();
            }
        }
    }

    /// <summary>Indexes a report (replacing it if it is already indexed).</summary>
    public void Add(Guid reportId, Guid caseId, string text, string language)
    {
        // Analysis and hashing happen outside the lock: they are the slow part and touch no shared state.
        var features = FeatureHash.Of(ClaimFeatures.Extract(text, language));
        var bandKeys = BandKeys(features);
        gate.EnterWriteLock();
        try
        {
            RemoveLocked(reportId);
            var entry = new Entry(nextSlot++, reportId, caseId, features, bandKeys);
            reports.Add(reportId, entry);
            foreach (var key in entry.BandKeys)
            {
                buckets[key] = buckets.TryGetValue(key, out var bucket) ? [.. bucket, entry] : [entry];
            }
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    /// <summary>Removes a report; nothing happens if it is not indexed.</summary>
    public void Remove(Guid reportId)
    {
        gate.EnterWriteLock();
        try
        {
            RemoveLocked(reportId);
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    /// <summary>Moves a report to another case (cases merged or split); nothing happens if it is not indexed.</summary>
    public void MoveToCase(Guid reportId, Guid caseId)
    {
        gate.EnterWriteLock();
        try
        {
            if (reports.TryGetValue(reportId, out var entry))
            {
                entry.CaseId = caseId;
            }
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    /// <summary>
    /// Cases whose reports are most similar to the text, best first, at most <paramref name="max"/>, only those at or
    /// above <see cref="SuggestThreshold"/>. Similarity is the exact Jaccard similarity of the best report's features,
    /// computed for LSH candidates only.
    /// </summary>
    public IReadOnlyList<CaseMatch> Find(string text, string language, int max = 5, Guid? excludeReport = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 0);
        var features = FeatureHash.Of(ClaimFeatures.Extract(text, language));
        if (features.Length == 0 || max == 0)
        {
            return [];
        }

        var keys = BandKeys(features);
        var best = new Dictionary<Guid, double>();
        gate.EnterReadLock();
        try
        {
            var marks = Marks(nextSlot);
            var mark = ++currentMark;
            foreach (var key in keys)
            {
                if (!buckets.TryGetValue(key, out var bucket))
                {
                    continue;
                }

                foreach (var entry in bucket)
                {
                    if (marks[entry.Slot] == mark)
                    {
                        continue;
                    }

                    marks[entry.Slot] = mark;
                    if (entry.ReportId == excludeReport || !CanReach(features.Length, entry.Features.Length))
                    {
                        continue;
                    }

                    var similarity = FeatureHash.Jaccard(features, entry.Features);
                    if (similarity >= SuggestThreshold
                        && (!best.TryGetValue(entry.CaseId, out var previous) || similarity > previous))
                    {
                        best[entry.CaseId] = similarity;
                    }
                }
            }
        }
        finally
        {
            gate.ExitReadLock();
        }

        return [.. best
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key)
            .Take(max)
            .Select(p => new CaseMatch(p.Key, p.Value))];
    }

    // Jaccard similarity is at most the ratio of the smaller set's size to the larger's.
    private static bool CanReach(int a, int b) => Math.Min(a, b) >= SuggestThreshold * Math.Max(a, b);

    // Candidates found through several bands are scored once: a per-thread array of marks indexed by slot (readers
    // run in parallel, so the marks cannot live in the shared entries), cheaper than a set per query.
    [ThreadStatic]
    private static int[]? threadMarks;

    [ThreadStatic]
    private static int currentMark;

    private static int[] Marks(int slots)
    {
        if (threadMarks is null || threadMarks.Length < slots)
        {
            threadMarks = new int[Math.Max(slots, (threadMarks?.Length ?? 1024) * 2)];
            currentMark = 0;
        }

        if (currentMark == int.MaxValue)
        {
            Array.Clear(threadMarks);
            currentMark = 0;
        }

        return threadMarks;
    }

    private void RemoveLocked(Guid reportId)
    {
        if (!reports.Remove(reportId, out var entry))
        {
            return;
        }

        foreach (var key in entry.BandKeys)
        {
            var bucket = buckets[key];
            if (bucket.Length == 1)
            {
                buckets.Remove(key);
            }
            else
            {
                buckets[key] = Array.FindAll(bucket, e => !ReferenceEquals(e, entry));
            }
        }
    }

    /// <summary>The MinHash signature (one minimum per seeded hash function), cut into bands of <c>rows</c> minima,
    /// each band hashed to one bucket key (band number included, so equal bands at different places do not meet).</summary>
    private ulong[] BandKeys(ulong[] features)
    {
        if (features.Length == 0)
        {
            return [];
        }

        var signature = new ulong[seeds.Length];
        Array.Fill(signature, ulong.MaxValue);
        foreach (var feature in features)
        {
            for (var i = 0; i < seeds.Length; i++)
            {
                var h = FeatureHash.Mix(feature ^ seeds[i]);
                if (h < signature[i])
                {
                    signature[i] = h;
                }
            }
        }

        var keys = new ulong[bands];
        for (var b = 0; b < bands; b++)
        {
            var key = FeatureHash.Mix((ulong)b + 1);
            for (var r = 0; r < rows; r++)
            {
                key = FeatureHash.Mix(key ^ signature[b * rows + r]);
            }

            keys[b] = key;
        }

        return keys;
    }

    private sealed class Entry(int slot, Guid reportId, Guid caseId, ulong[] features, ulong[] bandKeys)
    {
        /// <summary>A number of its own (never reused), for the marks of <see cref="Find"/>.</summary>
        public int Slot { get; } = slot;

        public Guid ReportId { get; } = reportId;

        public Guid CaseId { get; set; } = caseId;

        public ulong[] Features { get; } = features;

        public ulong[] BandKeys { get; } = bandKeys;
    }
}

/// <summary>
/// Stable 64-bit hashing of feature strings and exact Jaccard similarity of hashed feature sets. Stable (not
/// <see cref="string.GetHashCode()"/>, which changes per process) so that signatures are reproducible; 64 bits so that
/// two different features practically never collide.
/// </summary>
public static class FeatureHash
{
    /// <summary>The features' hashes, sorted and distinct, as the index stores them.</summary>
    public static ulong[] Of(IEnumerable<string> features)
    {
        var hashes = features.Select(Of).ToArray();
        Array.Sort(hashes);
        var distinct = 0;
        for (var i = 0; i < hashes.Length; i++)
        {
            if (i == 0 || hashes[i] != hashes[distinct - 1])
            {
                hashes[distinct++] = hashes[i];
            }
        }

        return hashes[..distinct];
    }

    /// <summary>FNV-1a over the UTF-16 code units, finished with a SplitMix64 mix to spread the bits.</summary>
    public static ulong Of(string feature)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in feature)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return Mix(hash);
    }

    /// <summary>Exact Jaccard similarity of two sorted, distinct hash arrays (a merge, no allocation).</summary>
    public static double Jaccard(ulong[] a, ulong[] b)
    {
        if (a.Length == 0 && b.Length == 0)
        {
            return 0;
        }

        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                common++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return (double)common / (a.Length + b.Length - common);
    }

    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    internal static ulong SplitMix(ref ulong state) => Mix(state += 0x9E3779B97F4A7C15UL);
}
