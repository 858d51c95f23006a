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
/// separate chance, and reports of one rumour mostly reach 0.8 (bench/README.md); a rewording that keeps only two
/// thirds of the words may not be suggested, and the analyst finds it by searching.</para>
/// <para>Layout, for speed: every report has a slot (an int, reused after removal), and everything a query reads is
/// in arrays indexed by slot: the feature arrays, the case numbers, and the bucket chains (for each band, a table of
/// chain heads indexed by the low bits of the band's key, and a next-slot link per slot and band with the key's high
/// bits to skip reports that only share the table cell). No dictionary, no object per report and no allocation per
/// candidate on the query path.</para>
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

    private const int None = -1;
    private const int InitialSlots = 1024;

    private readonly int bands;
    private readonly int rows;
    private readonly ulong[] seeds;
    private readonly ReaderWriterLockSlim gate = new(LockRecursionPolicy.NoRecursion);

    // Report → slot, and slots freed by removals (reused by the next add).
    private readonly Dictionary<Guid, int> slotOf = [];
    private readonly Stack<int> freeSlots = new();
    private int usedSlots;

    // By slot. A free slot has no features (null) and is in no chain.
    private Guid[] reportIds = new Guid[InitialSlots];
    private int[] caseOf = new int[InitialSlots];
    private ulong[]?[] featuresOf = new ulong[InitialSlots][];

    // Cases are numbered (never renumbered) so that a query keeps each case's best similarity in an array.
    private readonly Dictionary<Guid, int> caseNumbers = [];
    private readonly List<Guid> caseIds = [];

    // The buckets: heads[band * cells + (key & (cells - 1))] is the first slot of the chain, links[slot * bands + band]
    // the next slot and the high half of that slot's key for the band. cells is twice the slot capacity (a power of
    // two), so a chain rarely holds a report with another key; when it does, the check skips it.
    private int cells;
    private int[] heads;
    private Link[] links;

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

        cells = 2 * InitialSlots;
        heads = new int[bands * cells];
        Array.Fill(heads, None);
        links = new Link[InitialSlots * bands];
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

    /// <summary>Candidates scored by the last <see cref="Find"/> on this thread (for the benchmark).</summary>
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
            if (slot == reportIds.Length)
            {
                Grow();
            }

            reportIds[slot] = reportId;
            caseOf[slot] = CaseNumber(caseId);
            featuresOf[slot] = features;
            slotOf.Add(reportId, slot);
            if (features.Length > 0)
            {
                LinkSlot(slot, keys);
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
                caseOf[slot] = CaseNumber(caseId);
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
            var exclude = excludeReport is { } excluded && slotOf.TryGetValue(excluded, out var slot) ? slot : None;
            var mark = scratch.Begin(reportIds.Length, caseIds.Count);

            // First the candidates (the chains of the query's buckets, each slot once), then their scores: the two
            // loops keep the memory reads of one candidate independent of the previous candidate's merge.
            var count = 0;
            for (var b = 0; b < bands; b++)
            {
                var check = Check(keys[b]);
                for (var s = heads[b * cells + Cell(keys[b])]; s != None; s = links[s * bands + b].Next)
                {
                    if (links[s * bands + b].Check != check || scratch.Marks[s] == mark)
                    {
                        continue;
                    }

                    scratch.Marks[s] = mark;
                    if (s != exclude)
                    {
                        scratch.AddCandidate(ref count, s);
                    }
                }
            }

            LastCandidates = count;
            var candidates = scratch.Candidates;
            for (var i = 0; i < count; i++)
            {
                var other = featuresOf[candidates[i]]!;
                if (!CanReach(features.Length, other.Length))
                {
                    continue;
                }

                var similarity = FeatureHash.Jaccard(features, other);
                if (similarity >= SuggestThreshold)
                {
                    scratch.Offer(caseOf[candidates[i]], similarity, mark);
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

        var features = featuresOf[slot]!;
        if (features.Length > 0)
        {
            // The keys are not stored: they are recomputed from the features (removals are rare).
            Span<ulong> keys = stackalloc ulong[bands];
            BandKeys(features, keys);
            for (var b = 0; b < bands; b++)
            {
                ref var at = ref heads[b * cells + Cell(keys[b])];
                while (at != slot)
                {
                    if (at == None)
                    {
                        throw new InvalidOperationException("A report's bucket chain does not hold it.");
                    }

                    at = ref links[at * bands + b].Next;
                }

                at = links[slot * bands + b].Next;
            }
        }

        featuresOf[slot] = null;
        reportIds[slot] = Guid.Empty;
        freeSlots.Push(slot);
    }

    private void LinkSlot(int slot, ReadOnlySpan<ulong> keys)
    {
        for (var b = 0; b < bands; b++)
        {
            ref var head = ref heads[b * cells + Cell(keys[b])];
            links[slot * bands + b] = new Link { Next = head, Check = Check(keys[b]) };
            head = slot;
        }
    }

    // Doubles the slot arrays and the bucket table, and links every report again (keys recomputed: one pass per
    // doubling, so each report is hashed about twice over the index's growth).
    private void Grow()
    {
        var capacity = reportIds.Length * 2;
        Array.Resize(ref reportIds, capacity);
        Array.Resize(ref caseOf, capacity);
        Array.Resize(ref featuresOf, capacity);
        links = new Link[capacity * bands];
        cells = 2 * capacity;
        heads = new int[bands * cells];
        Array.Fill(heads, None);
        Span<ulong> keys = stackalloc ulong[bands];
        for (var slot = 0; slot < usedSlots; slot++)
        {
            if (featuresOf[slot] is { Length: > 0 } features)
            {
                BandKeys(features, keys);
                LinkSlot(slot, keys);
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

    private struct Link
    {
        /// <summary>The next slot in the chain, or <see cref="None"/>.</summary>
        public int Next;

        /// <summary>The high half of the slot's key for this band.</summary>
        public uint Check;
    }

    /// <summary>Per-thread query state (readers run in parallel, so it cannot live in the index): a mark per slot so
    /// that a candidate found through several bands is scored once, the candidates, and the best similarity per case
    /// number with its own marks. Reused from query to query: no allocation but the result.</summary>
    private sealed class Scratch
    {
        [ThreadStatic]
        private static Scratch? current;

        private int mark;
        private int[] caseMarks = [];

        public int[] Marks { get; private set; } = [];

        public int[] Candidates { get; private set; } = new int[256];

        public double[] Best { get; private set; } = [];

        public List<int> Touched { get; } = [];

        public static Scratch Current => current ??= new Scratch();

        /// <summary>Sizes the arrays and returns the query's mark.</summary>
        public int Begin(int slots, int cases)
        {
            if (Marks.Length < slots)
            {
                Marks = new int[slots];
                mark = 0;
            }

            if (caseMarks.Length < cases)
            {
                var size = Math.Max(cases, caseMarks.Length * 2);
                caseMarks = new int[size];
                Best = new double[size];
                mark = 0;
            }

            if (mark == int.MaxValue)
            {
                Array.Clear(Marks);
                Array.Clear(caseMarks);
                mark = 0;
            }

            if (mark == 0)
            {
                // Fresh or cleared arrays hold 0: start above it.
                Array.Clear(Marks);
                Array.Clear(caseMarks);
            }

            Touched.Clear();
            return ++mark;
        }

        public void AddCandidate(ref int count, int slot)
        {
            if (count == Candidates.Length)
            {
                var larger = new int[count * 2];
                Candidates.CopyTo(larger, 0);
                Candidates = larger;
            }

            Candidates[count++] = slot;
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
