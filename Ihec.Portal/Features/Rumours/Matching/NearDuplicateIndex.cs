using System.Runtime.Intrinsics;

namespace Ihec.Portal.Features.Rumours.Matching;

/// <summary>A case whose reports resemble a claim, with the best report's Jaccard similarity in [0, 1].</summary>
public sealed record CaseMatch(Guid CaseId, double Similarity);

/// <summary>
/// Thread-safe in-memory MinHash/LSH index of rumour reports, each belonging to a case. A new report must be compared
/// with every earlier one, and a scan of all reports grows with the archive; MinHash signatures banded into LSH
/// buckets find the reports likely to share most features with a few look-ups, and only those candidates are scored,
/// with the exact Jaccard similarity of their feature sets (<see cref="ClaimFeatures.Extract"/>).
/// Registered as a singleton and filled from the database at start-up.
/// </summary>
/// <remarks>
/// <para>The banding is tuned for high similarity (60 bands of 10 rows, see <see cref="DefaultBands"/>): a report
/// at 0.8 or more is found practically always, one at 0.75 with probability 0.97, but one between
/// <see cref="SuggestThreshold"/> and 0.7 only with probability 0.3–0.8. The similarity reported is always exact; what
/// is probabilistic is whether a report between 0.6 and 0.7 is looked at. A case usually has several reports, each a
/// separate chance, and reports of one rumour mostly reach 0.8 (bench/README.md); but a rewording that keeps only two
/// thirds of the words, or a report in another language that shares only that much through
/// <see cref="ElectionGlossary"/>, may not be suggested when the case has one such report. The earlier 45 bands of 7
/// rows found a pair at 0.6 with probability 0.72 and at 0.7 with 0.98, at three times the candidates.</para>
/// <para>Layout, for speed (a query touches a few hundred reports among 100,000, and each read from main memory costs
/// as much as scoring a report): every report has a slot (an int, reused after removal); its case number and feature
/// hashes sit together in one stretch of a pool indexed by slot (<see cref="Stride"/>); each band has an
/// open-addressing table of (key check, slot) pairs, so the reports of one bucket are read together, usually from one
/// cache line. No dictionary, no object per report and no allocation per candidate on the query path.</para>
/// </remarks>
public sealed class NearDuplicateIndex
{
    /// <summary>At or above: the report is grouped under the case automatically. Two reports of one claim that differ
    /// only in spelling, order, wrappers, emoji or links score 1; one word left out of ten scores 0.9; two claims that
    /// differ in one word of ten (another place, party or candidate) score 0.82. Calibrated on <see cref="ClaimCorpus"/>
    /// for at most 1% false merges (bench/README.md); a changed word in a claim of 13 words or more reaches it.</summary>
    public const double AutoGroupThreshold = 0.86;

    /// <summary>At or above: the case is suggested to the analyst, who decides. Reports of one claim reworded with a
    /// synonym and a word left out score about 0.7–0.8; unrelated claims rarely reach 0.3. Reports between this and 0.7
    /// are found only with probability 0.3–0.8 (see the remarks on the class).</summary>
    public const double SuggestThreshold = 0.6;

    /// <summary>
    /// 60 bands of 10 rows (600 hash functions): a pair becomes a candidate with probability 1 - (1 - J^10)^60, that is
    /// 0.9988 at J = 0.8, 0.97 at 0.75, 0.82 at 0.7, 0.65 at 2/3 and 0.30 at 0.6, but only 0.057 at 0.5 and 0.006 at
    /// 0.4, where most claims that share a sentence pattern (and must all be scored by a scan) lie. On the benchmark's
    /// dense corpus that is about 250 candidates per query instead of 750 with the earlier 45 bands of 7 rows (0.72 at
    /// 0.6, 0.98 at 0.7); every known report there has its case at 0.8 or more (bench/README.md).
    /// </summary>
    internal const int DefaultBands = 60;

    /// <summary>Rows per band: see <see cref="DefaultBands"/>.</summary>
    internal const int DefaultRows = 10;

    /// <summary>Longs per slot in the pool: a header (case number and feature count), then up to 15 feature hashes;
    /// a report with more (rare: generated claims have 5–15) keeps them in an array of its own.</summary>
    private const int Stride = 16;

    private const int Empty = -1;
    private const int Removed = -2;
    private const int InitialSlots = 1024;
    private const ulong FreeHeader = ulong.MaxValue;

    private readonly int bands;
    private readonly int rows;
    private readonly ulong[] seeds;
    private readonly ReaderWriterLockSlim gate = new(LockRecursionPolicy.NoRecursion);

    // Report → slot, and slots freed by removals (reused by the next add).
    private readonly Dictionary<Guid, int> slotOf = [];
    private readonly Stack<int> freeSlots = new();
    private int usedSlots;
    private int capacity;

    // pool[slot * Stride] is the header (FreeHeader for a free slot), the features follow.
    private ulong[] pool = [];
    private ulong[]?[] overflow = [];

    // Cases are numbered (never renumbered) so that a query keeps each case's best similarity in an array.
    private readonly Dictionary<Guid, int> caseNumbers = [];
    private readonly List<Guid> caseIds = [];

    // The buckets: per band, `cells` entries (twice the slot capacity, a power of two) from table[band * cells], linear
    // probing from the cell given by the key's low bits; an entry holds the key's high half (to skip reports of other
    // keys met on the way) and the slot. Removal leaves a tombstone; too many and the table is rebuilt.
    private int cells;
    private Bucket[] table = [];
    private int removedEntries;

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

        Resize(InitialSlots);
    }

    /// <summary>The number of reports indexed.</summary>
    public int Count
    {
        get
        {
            gate.EnterReadLock();
            try
            {
                return slotOf.Count;
            }
            finally
            {
                gate.ExitReadLock();
            }
        }
    }

    /// <summary>Candidates found by the last <see cref="Find"/> on this thread (for the benchmark).</summary>
    [ThreadStatic]
    internal static int LastCandidates;

    /// <summary>Indexes a report (replacing it if it is already indexed).</summary>
    public void Add(Guid reportId, Guid caseId, string text, string language)
    {
        // Analysis and hashing happen outside the lock: they are the slow part and touch no shared state.
        var features = FeatureHash.Of(ClaimFeatures.Extract(text, language));
        var keys = new ulong[features.Length == 0 ? 0 : bands];
        BandKeys(features, keys);
        gate.EnterWriteLock();
        try
        {
            RemoveLocked(reportId);
            var slot = freeSlots.Count > 0 ? freeSlots.Pop() : usedSlots++;
            if (slot == capacity)
            {
                Resize(capacity * 2);
            }

            Store(slot, CaseNumber(caseId), features);
            slotOf.Add(reportId, slot);
            if (features.Length > 0)
            {
                Insert(slot, keys);
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
            if (slotOf.TryGetValue(reportId, out var slot))
            {
                pool[slot * Stride] = Header(CaseNumber(caseId), CountOf(pool[slot * Stride]));
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
        LastCandidates = 0;
        if (features.Length == 0 || max == 0)
        {
            return [];
        }

        Span<ulong> keys = stackalloc ulong[bands];
        BandKeys(features, keys);
        var scratch = Scratch.Current;
        List<CaseMatch> found;
        gate.EnterReadLock();
        try
        {
            var exclude = excludeReport is { } excluded && slotOf.TryGetValue(excluded, out var slot) ? slot : Empty;
            var mark = scratch.Begin(caseIds.Count);

            // The first entry of each of the query's buckets, in a loop without branches on what is read, so that the
            // processor has all the memory reads in flight at once; the probes below then mostly find them in the
            // cache. (Probing band after band directly waits for each read in turn: about 33 µs instead of 20 µs for the
            // 60 bands with cold caches, measured on the loaded development machine.)
            Span<Bucket> firsts = stackalloc Bucket[bands];
            for (var b = 0; b < bands; b++)
            {
                firsts[b] = table[b * cells + Cell(keys[b])];
            }

            // The candidates: the slots in the query's buckets, each once (a small per-thread set, not a mark per slot).
            var mask = cells - 1;
            for (var b = 0; b < bands; b++)
            {
                if (firsts[b].Slot == Empty)
                {
                    continue;
                }

                var check = Check(keys[b]);
                var start = b * cells;
                for (var i = Cell(keys[b]); ; i = (i + 1) & mask)
                {
                    var entry = table[start + i];
                    if (entry.Slot == Empty)
                    {
                        break;
                    }

                    if (entry.Check == check && entry.Slot >= 0 && entry.Slot != exclude)
                    {
                        scratch.AddCandidate(entry.Slot);
                    }
                }
            }

            var count = scratch.Count;
            var candidates = scratch.Candidates;
            LastCandidates = count;

            // Their headers, in a loop of independent reads (the processor overlaps the memory accesses), also reading
            // a long of the next cache line of each slot's stretch, where most of the features lie; then the scores.
            var headers = scratch.Headers;
            var touched = 0UL;
            for (var i = 0; i < count; i++)
            {
                headers[i] = pool[candidates[i] * Stride];
                touched ^= pool[candidates[i] * Stride + 8];
            }

            scratch.Touch = touched;

            for (var i = 0; i < count; i++)
            {
                var featureCount = CountOf(headers[i]);
                if (!CanReach(features.Length, featureCount))
                {
                    continue;
                }

                var similarity = FeatureHash.Jaccard(features, FeaturesOf(candidates[i], featureCount));
                if (similarity >= SuggestThreshold)
                {
                    scratch.Offer(CaseOf(headers[i]), similarity, mark);
                }
            }

            found = new List<CaseMatch>(scratch.Touched.Count);
            foreach (var caseNumber in scratch.Touched)
            {
                found.Add(new CaseMatch(caseIds[caseNumber], scratch.Best[caseNumber]));
            }
        }
        finally
        {
            gate.ExitReadLock();
        }

        found.Sort(static (x, y) => x.Similarity != y.Similarity ? y.Similarity.CompareTo(x.Similarity) : x.CaseId.CompareTo(y.CaseId));
        if (found.Count > max)
        {
            found.RemoveRange(max, found.Count - max);
        }

        return found;
    }

    // Jaccard similarity is at most the ratio of the smaller set's size to the larger's.
    private static bool CanReach(int a, int b) => Math.Min(a, b) >= SuggestThreshold * Math.Max(a, b);

    private int Cell(ulong key) => (int)(key & (ulong)(cells - 1));

    private static uint Check(ulong key) => (uint)(key >> 32);

    private static ulong Header(int caseNumber, int featureCount) => ((ulong)(uint)caseNumber << 32) | (uint)featureCount;

    private static int CountOf(ulong header) => (int)(uint)header;

    private static int CaseOf(ulong header) => (int)(header >> 32);

    private ReadOnlySpan<ulong> FeaturesOf(int slot, int featureCount) =>
        featureCount < Stride ? pool.AsSpan(slot * Stride + 1, featureCount) : overflow[slot];

    private void Store(int slot, int caseNumber, ulong[] features)
    {
        pool[slot * Stride] = Header(caseNumber, features.Length);
        if (features.Length < Stride)
        {
            features.CopyTo(pool, slot * Stride + 1);
            overflow[slot] = null;
        }
        else
        {
            overflow[slot] = features;
        }
    }

    private int CaseNumber(Guid caseId)
    {
        if (!caseNumbers.TryGetValue(caseId, out var number))
        {
            number = caseIds.Count;
            caseNumbers.Add(caseId, number);
            caseIds.Add(caseId);
        }

        return number;
    }

    private void RemoveLocked(Guid reportId)
    {
        if (!slotOf.Remove(reportId, out var slot))
        {
            return;
        }

        var features = FeaturesOf(slot, CountOf(pool[slot * Stride]));
        if (features.Length > 0)
        {
            // The keys are not stored: they are recomputed from the features (removals are rare).
            Span<ulong> keys = stackalloc ulong[bands];
            BandKeys(features, keys);
            var mask = cells - 1;
            for (var b = 0; b < bands; b++)
            {
                var start = b * cells;
                for (var i = Cell(keys[b]); ; i = (i + 1) & mask)
                {
                    ref var entry = ref table[start + i];
                    if (entry.Slot == Empty)
                    {
                        throw new InvalidOperationException("A report is missing from its bucket.");
                    }

                    if (entry.Slot == slot)
                    {
                        entry.Slot = Removed;
                        break;
                    }
                }
            }

            removedEntries += bands;
        }

        pool[slot * Stride] = FreeHeader;
        overflow[slot] = null;
        freeSlots.Push(slot);
        if (removedEntries > bands * (cells / 8))
        {
            Resize(capacity);
        }
    }

    private void Insert(int slot, ReadOnlySpan<ulong> keys)
    {
        var mask = cells - 1;
        for (var b = 0; b < bands; b++)
        {
            var start = b * cells;
            for (var i = Cell(keys[b]); ; i = (i + 1) & mask)
            {
                ref var entry = ref table[start + i];
                if (entry.Slot < 0)
                {
                    if (entry.Slot == Removed)
                    {
                        removedEntries--;
                    }

                    entry = new Bucket { Check = Check(keys[b]), Slot = slot };
                    break;
                }
            }
        }
    }

    // Sets the slot capacity (a power of two) and rebuilds the bucket tables with twice as many cells per band, so
    // they stay at most half full and without tombstones. The keys are recomputed: at one pass per doubling, each
    // report is hashed about twice over the index's growth.
    private void Resize(int newCapacity)
    {
        var oldPool = pool;
        var oldOverflow = overflow;
        var oldCapacity = capacity;
        capacity = newCapacity;
        pool = new ulong[capacity * Stride];
        overflow = new ulong[]?[capacity];
        for (var slot = 0; slot < capacity; slot++)
        {
            pool[slot * Stride] = FreeHeader;
        }

        Array.Copy(oldPool, pool, Math.Min(oldPool.Length, pool.Length));
        Array.Copy(oldOverflow, overflow, Math.Min(oldOverflow.Length, overflow.Length));
        cells = 2 * capacity;
        table = new Bucket[bands * cells];
        Array.Fill(table, new Bucket { Slot = Empty });
        removedEntries = 0;
        Span<ulong> keys = stackalloc ulong[bands];
        for (var slot = 0; slot < Math.Min(oldCapacity, usedSlots); slot++)
        {
            var header = pool[slot * Stride];
            if (header != FreeHeader && CountOf(header) > 0)
            {
                BandKeys(FeaturesOf(slot, CountOf(header)), keys);
                Insert(slot, keys);
            }
        }
    }

    /// <summary>The MinHash signature (one minimum per seeded hash function), cut into bands of <c>rows</c> minima,
    /// each band hashed to one bucket key (band number included, so equal bands at different places do not meet).
    /// Nothing is written for an empty feature set.</summary>
    private void BandKeys(ReadOnlySpan<ulong> features, Span<ulong> keys)
    {
        if (features.Length == 0)
        {
            return;
        }

        Span<ulong> signature = seeds.Length <= 2048 ? stackalloc ulong[seeds.Length] : new ulong[seeds.Length];
        FeatureHash.MinHash(features, seeds, signature);
        for (var b = 0; b < bands; b++)
        {
            var key = FeatureHash.Mix((ulong)b + 1);
            for (var r = 0; r < rows; r++)
            {
                key = FeatureHash.Mix(key ^ signature[b * rows + r]);
            }

            keys[b] = key;
        }
    }

    private struct Bucket
    {
        /// <summary>The high half of the report's key for this band.</summary>
        public uint Check;

        /// <summary>The report's slot, <see cref="Empty"/> (ends a probe) or <see cref="Removed"/> (a tombstone).</summary>
        public int Slot;
    }

    /// <summary>Per-thread query state (readers run in parallel, so it cannot live in the index): the candidates with
    /// a small open-addressing set so that a report found through several bands is taken once, their headers, and the
    /// best similarity per case number with marks of its own. Reused from query to query: no allocation but the
    /// result.</summary>
    private sealed class Scratch
    {
        [ThreadStatic]
        private static Scratch? current;

        private int mark;
        private int[] caseMarks = [];

        // (mark << 32) | slot; an entry of an earlier query's mark is empty.
        private ulong[] seen = new ulong[1024];
        private int seenShift = 64 - 10;

        public int Count { get; private set; }

        /// <summary>Where the reads that only bring features into the cache go (so they are not optimised away).</summary>
        public ulong Touch { get; set; }

        public int[] Candidates { get; private set; } = new int[256];

        public ulong[] Headers { get; private set; } = new ulong[256];

        public double[] Best { get; private set; } = [];

        public List<int> Touched { get; } = [];

        public static Scratch Current => current ??= new Scratch();

        /// <summary>Sizes the case arrays and returns the query's mark.</summary>
        public int Begin(int cases)
        {
            if (caseMarks.Length < cases)
            {
                var size = Math.Max(cases, caseMarks.Length * 2);
                caseMarks = new int[size];
                Best = new double[size];
                Array.Clear(seen);
                mark = 0;
            }

            if (mark == int.MaxValue)
            {
                Array.Clear(caseMarks);
                Array.Clear(seen);
                mark = 0;
            }

            Count = 0;
            Touched.Clear();
            return ++mark;
        }

        public void AddCandidate(int slot)
        {
            var tag = (ulong)(uint)mark << 32;
            var mask = seen.Length - 1;
            for (var i = (int)(((ulong)(uint)slot * 0x9E3779B97F4A7C15UL) >> seenShift); ; i = (i + 1) & mask)
            {
                if ((seen[i] & 0xFFFFFFFF00000000UL) != tag)
                {
                    seen[i] = tag | (uint)slot;
                    break;
                }

                if ((int)(uint)seen[i] == slot)
                {
                    return;
                }
            }

            if (Count == Candidates.Length)
            {
                Candidates = [.. Candidates, .. new int[Count]];
                Headers = new ulong[Candidates.Length];
            }

            Candidates[Count++] = slot;
            if (Count * 2 > seen.Length)
            {
                // Keep the set at most half full: a larger one, and this query's candidates in it again.
                seen = new ulong[seen.Length * 2];
                seenShift--;
                var count = Count;
                Count = 0;
                for (var i = 0; i < count; i++)
                {
                    AddCandidate(Candidates[i]);
                }
            }
        }

        public void Offer(int caseNumber, double similarity, int queryMark)
        {
            if (caseMarks[caseNumber] != queryMark)
            {
                caseMarks[caseNumber] = queryMark;
                Best[caseNumber] = similarity;
                Touched.Add(caseNumber);
            }
            else if (similarity > Best[caseNumber])
            {
                Best[caseNumber] = similarity;
            }
        }
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
    public static double Jaccard(ulong[] a, ulong[] b) => Jaccard(a.AsSpan(), b.AsSpan());

    /// <summary>As <see cref="Jaccard(ulong[], ulong[])"/>, on spans (the index keeps features in a pool).</summary>
    public static double Jaccard(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
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

    /// <summary>MinHash signature: for each seed, the minimum over the features of <see cref="Mix"/>(feature ^ seed).
    /// Four seeds at a time with 256-bit vectors where the processor has them (the same values as the scalar loop).
    /// </summary>
    internal static void MinHash(ReadOnlySpan<ulong> features, ReadOnlySpan<ulong> seeds, Span<ulong> signature)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= seeds.Length - Vector256<ulong>.Count; i += Vector256<ulong>.Count)
            {
                var seed = Vector256.Create(seeds.Slice(i, Vector256<ulong>.Count));
                var min = Vector256<ulong>.AllBitsSet;
                foreach (var feature in features)
                {
                    min = Vector256.Min(min, Mix(Vector256.Create(feature) ^ seed));
                }

                min.CopyTo(signature.Slice(i, Vector256<ulong>.Count));
            }
        }

        for (; i < seeds.Length; i++)
        {
            var min = ulong.MaxValue;
            foreach (var feature in features)
            {
                min = Math.Min(min, Mix(feature ^ seeds[i]));
            }

            signature[i] = min;
        }
    }

    private static Vector256<ulong> Mix(Vector256<ulong> z)
    {
        z = (z ^ Vector256.ShiftRightLogical(z, 30)) * Vector256.Create(0xBF58476D1CE4E5B9UL);
        z = (z ^ Vector256.ShiftRightLogical(z, 27)) * Vector256.Create(0x94D049BB133111EBUL);
        return z ^ Vector256.ShiftRightLogical(z, 31);
    }

    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    internal static ulong SplitMix(ref ulong state) => Mix(state += 0x9E3779B97F4A7C15UL);
}
