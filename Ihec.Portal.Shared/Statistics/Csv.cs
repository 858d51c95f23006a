using System.Text;

namespace Ihec.Portal.Shared.Statistics;

/// <summary>One CSV record and the line of the file it starts on (1-based).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>A small RFC 4180 reader and writer: quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF.</summary>
public static class Csv
{
    /// <summary>UTF-8 with a byte-order mark, so Excel opens Arabic and Kurdish text correctly.</summary>
    public static readonly Encoding Utf8WithBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    /// <summary>Reads every record. <paramref name="delimiter"/> is <c>,</c> or <c>;</c> (Excel in some locales); null sniffs it from the first line.</summary>
    /// <exception cref="FormatException">A quoted field is never closed; the message names its line.</exception>
    public static IReadOnlyList<CsvRecord> Read(string text, char? delimiter = null)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var separator = delimiter ?? Sniff(text);
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var fieldStarted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }

                continue;
            }

            if (c == '"' && field.Length == 0 && !fieldStarted)
            {
                inQuotes = true;
                fieldStarted = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
                fieldStarted = true;
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                EndRecord();
                line++;
                recordLine = line;
            }
            else
            {
                field.Append(c);
            }
        }

        if (inQuotes)
        {
            throw new FormatException($"A quoted field starting on line {recordLine} is never closed.");
        }

        EndRecord();
        return records;

        void EndRecord()
        {
            if (fieldStarted || field.Length > 0)
            {
                fields.Add(field.ToString());
            }

            // Blank lines are skipped, as spreadsheets often leave them at the end.
            if (fields.Count > 0 && !(fields.Count == 1 && fields[0].Trim().Length == 0))
            {
                records.Add(new CsvRecord(recordLine, fields.ToArray()));
            }

            fields.Clear();
            field.Clear();
            fieldStarted = false;
        }
    }

    private static char Sniff(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var first = end < 0 ? text : text[..end];
        return first.Count(c => c == ';') > first.Count(c => c == ',') ? ';' : ',';
    }

    /// <summary>One field, quoted when it needs to be. A leading =, +, - or @ is prefixed with ' so spreadsheets never run it as a formula.</summary>
    public static string Field(string? value)
    {
        value ??= "";
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' && !long.TryParse(value, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', ';', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    public static string Line(IEnumerable<string?> values) => string.Join(',', values.Select(Field)) + "\r\n";
}
