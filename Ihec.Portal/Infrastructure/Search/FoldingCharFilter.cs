using Lucene.Net.Analysis.CharFilters;

namespace Ihec.Portal.Infrastructure.Search;

/// <summary>
/// A language's <see cref="Ihec.Portal.Shared.Text.ScriptFolding"/> applied before tokenising: each folding maps one
/// character to one character or deletes it, so a table lookup per character does it. Offsets are corrected for the
/// deletions exactly as Lucene's <see cref="MappingCharFilter"/> corrects them, so highlights still point into the
/// original text. It replaces <see cref="MappingCharFilter"/>, which wraps every text in a buffered reader with a
/// 16 KB buffer: 18 KB of garbage per analysed text, most of what the chat transcript indexer allocated (and the
/// garbage collections that allocation caused paused the chat hub; see bench/README.md).
/// </summary>
public sealed class FoldingCharFilter : BaseCharFilter
{
    /// <summary>What a character becomes: itself, another character, or <see cref="Deleted"/>.</summary>
    public sealed class Table
    {
        internal const char Deleted = '\uFFFF';

        private readonly char[] map;

        public Table(IEnumerable<(string From, string To)> foldings)
        {
            map = new char[char.MaxValue + 1];
            for (var c = 0; c <= char.MaxValue; c++)
            {
                map[c] = (char)c;
            }

            foreach (var (from, to) in foldings)
            {
                if (from.Length != 1 || to.Length > 1 || (to.Length == 1 && to[0] == Deleted))
                {
                    throw new ArgumentException($"A folding maps one character to at most one character: '{from}' → '{to}'.", nameof(foldings));
                }

                map[from[0]] = to.Length == 0 ? Deleted : to[0];
            }
        }

        internal char this[char c] => map[c];
    }

    private readonly Table table;
    private char[]? folded;
    private int length;
    private int position;

    public FoldingCharFilter(Table table, TextReader input) : base(input)
    {
        this.table = table;
    }

    public override int Read()
    {
        Fold();
        return position < length ? folded![position++] : -1;
    }

    public override int Read(char[] buffer, int index, int count)
    {
        Fold();
        if (position >= length)
        {
            return count == 0 ? 0 : -1;
        }

        var n = Math.Min(count, length - position);
        Array.Copy(folded!, position, buffer, index, n);
        position += n;
        return n;
    }

    /// <summary>Reads the whole input once (a field's text, already in memory) and folds it.</summary>
    private void Fold()
    {
        if (folded is not null)
        {
            return;
        }

        var text = m_input.ReadToEnd();
        folded = text.Length == 0 ? [] : new char[text.Length];
        var cumulative = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = table[text[i]];
            if (c == Table.Deleted)
            {
                // As MappingCharFilter records a match one character shorter than its input: from this output offset
                // on, offsets map that many characters further into the input.
                cumulative++;
                AddOffCorrectMap(length, cumulative);
            }
            else
            {
                folded[length++] = c;
            }
        }
    }
}
