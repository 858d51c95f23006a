using System.Globalization;
using Ihec.Portal.Shared.Tables;
using Ihec.Portal.Shared.Text;

namespace Ihec.Portal.Shared.Statistics;

public enum TapeCsvProblem
{
    /// <summary>The file has no header, or nothing but a header.</summary>
    Empty,
    /// <summary>A quoted field opens on this line and is never closed.</summary>
    UnclosedQuote,
    /// <summary>A required column is missing from the header.</summary>
    MissingColumn,
    /// <summary>A column the template does not have: not a figure and not one of the election's entities.</summary>
    UnknownColumn,
    DuplicateColumn,
    /// <summary>A row with more or fewer fields than the header.</summary>
    WrongFieldCount,
    /// <summary>A station code not in the form NNNNNN-NN.</summary>
    BadStationCode,
    /// <summary>A required figure is empty.</summary>
    MissingValue,
    /// <summary>Not a whole number.</summary>
    NotANumber,
    NegativeNumber,
    /// <summary>The same station twice in the file.</summary>
    DuplicateStation,
    /// <summary>More rows than one import takes.</summary>
    TooManyRows,
}

/// <summary>What is wrong with one row (line 1 is the header), and in which column.</summary>
public sealed record TapeCsvError(int Line, TapeCsvProblem Problem, string? Column = null, string? Value = null);

public sealed record TapeCsvResult(IReadOnlyList<(int Line, ResultsTape Tape)> Tapes, IReadOnlyList<TapeCsvError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// The CSV format for importing many tapes: one row per station, the figures first, then one column per entity id.
/// A file with any bad row yields no tapes at all, and every bad row is reported.
/// </summary>
public static class TapeCsv
{
    public const string StationCode = "stationCode";
    public const string RegisteredVoters = "registeredVoters";
    public const string BallotsCast = "ballotsCast";
    public const string ValidVotes = "validVotes";
    public const string InvalidVotes = "invalidVotes";
    public const int MaxRows = 5000;

    private static readonly string[] Required = [StationCode, BallotsCast, ValidVotes, InvalidVotes];
    private static readonly string[] Figures = [StationCode, RegisteredVoters, BallotsCast, ValidVotes, InvalidVotes];

    /// <summary>The template's header for an election's entities (the template is this header alone).</summary>
    public static IReadOnlyList<string> TemplateHeader(IEnumerable<ElectoralEntity> entities) =>
        [.. Figures.Concat(entities.OrderBy(e => e.Number).Select(e => e.Id))];

    public static TapeCsvResult Parse(string text, IReadOnlyCollection<string> entityIds)
    {
        var read = Csv.Read(text);
        if (read.UnclosedQuoteLine is { } unclosed)
        {
            return Fail(new TapeCsvError(unclosed, TapeCsvProblem.UnclosedQuote, null, unclosed.ToString(CultureInfo.InvariantCulture)));
        }

        var records = read.Records;

        if (records.Count < 2)
        {
            return Fail(new TapeCsvError(records.Count == 0 ? 1 : records[0].Line, TapeCsvProblem.Empty));
        }

        var errors = new List<TapeCsvError>();
        var header = records[0].Fields.Select(h => h.Trim()).ToList();
        var known = new HashSet<string>(entityIds, StringComparer.Ordinal);
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i];
            if (!Figures.Contains(name, StringComparer.OrdinalIgnoreCase) && !known.Contains(name))
            {
                errors.Add(new(records[0].Line, TapeCsvProblem.UnknownColumn, name));
            }
            else if (!columns.TryAdd(name, i))
            {
                errors.Add(new(records[0].Line, TapeCsvProblem.DuplicateColumn, name));
            }
        }

        foreach (var missing in Required.Where(r => !columns.ContainsKey(r)))
        {
            errors.Add(new(records[0].Line, TapeCsvProblem.MissingColumn, missing));
        }

        if (errors.Count > 0)
        {
            return Fail([.. errors]);
        }

        if (records.Count - 1 > MaxRows)
        {
            return Fail(new TapeCsvError(records[MaxRows + 1].Line, TapeCsvProblem.TooManyRows));
        }

        var tapes = new List<(int, ResultsTape)>();
        var stations = new Dictionary<string, int>(StringComparer.Ordinal);
        var entityColumns = columns.Where(c => known.Contains(c.Key)).OrderBy(c => c.Value).ToList();
        foreach (var record in records.Skip(1))
        {
            var rowErrors = new List<TapeCsvError>();
            if (record.Fields.Count != header.Count)
            {
                errors.Add(new(record.Line, TapeCsvProblem.WrongFieldCount, null, record.Fields.Count.ToString(CultureInfo.InvariantCulture)));
                continue;
            }

            var code = record.Fields[columns[StationCode]].Trim();
            if (!TallyInvariants.IsStationCode(code))
            {
                rowErrors.Add(new(record.Line, TapeCsvProblem.BadStationCode, StationCode, code));
            }
            else if (stations.TryGetValue(code, out var firstLine))
            {
                rowErrors.Add(new(record.Line, TapeCsvProblem.DuplicateStation, StationCode, firstLine.ToString(CultureInfo.InvariantCulture)));
            }
            else
            {
                stations[code] = record.Line;
            }

            long? Number(string column, bool required)
            {
                if (!columns.TryGetValue(column, out var index))
                {
                    return null;
                }

                var raw = record.Fields[index].Trim();
                if (raw.Length == 0)
                {
                    if (required)
                    {
                        rowErrors.Add(new(record.Line, TapeCsvProblem.MissingValue, column));
                    }

                    return null;
                }

                // Whole numbers only, in ASCII or Arabic-Indic digits; no separators, no decimals, no guessing.
                if (!TryParseCount(raw, out var value))
                {
                    rowErrors.Add(new(record.Line, TapeCsvProblem.NotANumber, column, raw));
                    return null;
                }

                if (value < 0)
                {
                    rowErrors.Add(new(record.Line, TapeCsvProblem.NegativeNumber, column, raw));
                    return null;
                }

                return value;
            }

            var registered = Number(RegisteredVoters, required: false);
            var cast = Number(BallotsCast, required: true);
            var valid = Number(ValidVotes, required: true);
            var invalid = Number(InvalidVotes, required: true);
            var votes = new List<EntityVotes>();
            foreach (var (id, _) in entityColumns)
            {
                if (Number(id, required: false) is { } v)
                {
                    votes.Add(new EntityVotes { EntityId = id, Votes = v });
                }
            }

            if (rowErrors.Count > 0)
            {
                errors.AddRange(rowErrors);
                continue;
            }

            tapes.Add((record.Line, new ResultsTape
            {
                StationCode = code,
                RegisteredVoters = registered,
                BallotsCast = cast!.Value,
                ValidVotes = valid!.Value,
                InvalidVotes = invalid!.Value,
                Entities = votes,
            }));
        }

        return errors.Count > 0 ? Fail([.. errors]) : new TapeCsvResult(tapes, []);
    }

    /// <summary>A non-negative or negative whole number in ASCII digits or Arabic-Indic / Eastern Arabic-Indic digits.</summary>
    public static bool TryParseCount(string raw, out long value)
    {
        var normalised = new string(Digits.ToAscii(raw).Select(c => c switch
        {
            '\u2212' => '-',
            _ => c,
        }).ToArray());
        return long.TryParse(normalised, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static TapeCsvResult Fail(params TapeCsvError[] errors) => new([], errors);
}
