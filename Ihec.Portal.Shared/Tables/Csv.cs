using System.Globalization;
using CsvHelper;

namespace Ihec.Portal.Shared.Tables;

/// <summary>One CSV record and the line of the file it starts on (1-based).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>The records of a file, or the line where a quoted field opens and is never closed (then no records).</summary>
public sealed record CsvReadResult(IReadOnlyList<CsvRecord> Records, int? UnclosedQuoteLine);

/// <summary>
/// The one home of the portal's CSV settings, for every import and export (CsvHelper, RFC 4180). Reading: quotes in any
/// field, separators and line breaks inside quotes, the separator detected from the file (<c>,</c> or <c>;</c>, as Excel
/// writes in some locales), a byte-order mark skipped. Writing: UTF-8 with a byte-order mark (Excel then reads Arabic and
/// Kurdish right), CRLF line ends, quotes only where needed, and text that a spreadsheet would run as a formula
/// (<c>= + - @</c>) prefixed with <c>'</c>; numbers are written as numbers.
/// </summary>
public static class Csv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static readonly CsvWriterOptions WriterOptions = CsvWriterOptions.Default with
    {
        NewLine = "\r\n",
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>Reads every record; blank lines are skipped, as spreadsheets often leave them at the end.</summary>
    public static CsvReadResult Read(string text)
    {
        int? unclosed = null;
        var options = CsvReaderOptions.Default with
        {
            HasHeader = false,
            TrackLineNumbers = true,
            FormatProvider = CultureInfo.InvariantCulture,
            OnMalformedRecord = m =>
            {
                if (m.Reason == CsvMalformedReason.UnterminatedQuote)
                {
                    unclosed ??= (int)m.LineNumber;
                }
            },
        };
        var records = new List<CsvRecord>();
        using (var reader = CsvReader.FromText(text, options))
        {
            while (reader.Read())
            {
                var row = reader.Current;
                var fields = new string[row.FieldCount];
                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = row.GetString(i) ?? "";
                }

                if (!(fields.Length == 1 && fields[0].Trim().Length == 0))
                {
                    records.Add(new CsvRecord((int)reader.LineNumber, fields));
                }
            }
        }

        return unclosed is { } line ? new CsvReadResult([], line) : new CsvReadResult(records, null);
    }

    /// <summary>Writes a table (see <see cref="ExportTable"/> for the cell types) to <paramref name="destination"/>, flushing as it goes.</summary>
    public static async Task WriteAsync(Stream destination, ExportTable table, CancellationToken cancellationToken)
    {
        await using var writer = CsvWriter.Create(destination, WriterOptions, leaveOpen: true);
        foreach (var name in table.Header)
        {
            writer.WriteField(name);
        }

        await writer.EndRecordAsync(cancellationToken);
        await foreach (var row in table.Rows.WithCancellation(cancellationToken))
        {
            foreach (var cell in row)
            {
                WriteCell(writer, cell);
            }

            await writer.EndRecordAsync(cancellationToken);
        }

        await writer.FlushAsync(cancellationToken);
    }

    private static void WriteCell(CsvWriter writer, object? cell)
    {
        switch (cell)
        {
            case null:
                writer.WriteField((string?)null);
                break;
            case string s:
                writer.WriteField(s);
                break;
            case long n:
                writer.WriteField(n);
                break;
            case int n:
                writer.WriteField(n);
                break;
            case double d:
                writer.WriteField(d);
                break;
            case bool b:
                writer.WriteField(b ? "true" : "false");
                break;
            case DateOnly d:
                writer.WriteField(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case DateTime t:
                writer.WriteField(t.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset t:
                writer.WriteField(t.ToString("O", CultureInfo.InvariantCulture));
                break;
            default:
                throw new ArgumentException($"A table cell of type {cell.GetType()} has no CSV form.", nameof(cell));
        }
    }
}
