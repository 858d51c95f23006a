using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using SheetText = DocumentFormat.OpenXml.Spreadsheet.Text;

namespace Ihec.Portal.Shared.Tables;

/// <summary>
/// Writes an <see cref="ExportTable"/> as one XLSX worksheet (the Open XML SDK, streamed row by row): numbers as numbers,
/// dates as dates (Excel serial days with a date format), booleans as booleans, text inline; the header row bold and
/// frozen; right to left for Arabic and Sorani readers.
/// </summary>
public static class Xlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    // Cell formats of the stylesheet below, by index.
    private const uint HeaderStyle = 1, DateStyle = 2, DateTimeStyle = 3;

    /// <summary>Writes the workbook to <paramref name="destination"/>, which must be seekable (the package is a zip).</summary>
    public static async Task WriteAsync(Stream destination, string sheetName, bool rightToLeft, ExportTable table, CancellationToken cancellationToken)
    {
        using var document = SpreadsheetDocument.Create(destination, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
        var sheet = workbook.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(sheet))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteElement(new SheetViews(new SheetView(new Pane
            {
                VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
            })
            {
                WorkbookViewId = 0, RightToLeft = rightToLeft,
            }));
            writer.WriteStartElement(new SheetData());
            writer.WriteStartElement(new Row());
            foreach (var name in table.Header)
            {
                writer.WriteElement(Text(name, HeaderStyle));
            }

            writer.WriteEndElement();
            await foreach (var row in table.Rows.WithCancellation(cancellationToken))
            {
                writer.WriteStartElement(new Row());
                foreach (var value in row)
                {
                    writer.WriteElement(Cell(value));
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = SheetName(sheetName) }));
        workbook.Workbook.Save();
    }

    private static Cell Cell(object? value) => value switch
    {
        null => new Cell(),
        string s => Text(s, 0),
        long n => Number(n.ToString(CultureInfo.InvariantCulture), 0),
        int n => Number(n.ToString(CultureInfo.InvariantCulture), 0),
        double d => Number(d.ToString("R", CultureInfo.InvariantCulture), 0),
        bool b => new Cell { DataType = CellValues.Boolean, CellValue = new CellValue(b ? "1" : "0") },
        DateOnly d => Number(d.ToDateTime(TimeOnly.MinValue).ToOADate().ToString("R", CultureInfo.InvariantCulture), DateStyle),
        DateTime t => Number(t.ToOADate().ToString("R", CultureInfo.InvariantCulture), DateTimeStyle),
        // An instant is shown at Iraq's time (UTC+3, no daylight saving), as the portal shows every time.
        DateTimeOffset t => Number(t.ToOffset(TimeSpan.FromHours(3)).DateTime.ToOADate().ToString("R", CultureInfo.InvariantCulture), DateTimeStyle),
        _ => throw new ArgumentException($"A table cell of type {value.GetType()} has no XLSX form.", nameof(value)),
    };

    private static Cell Number(string text, uint style) =>
        new() { DataType = CellValues.Number, CellValue = new CellValue(text), StyleIndex = style == 0 ? null : style };

    private static Cell Text(string text, uint style) => new(new InlineString(new SheetText(text) { Space = SpaceProcessingModeValues.Preserve }))
    {
        DataType = CellValues.InlineString, StyleIndex = style == 0 ? null : style,
    };

    /// <summary>A worksheet name: at most 31 characters, none of <c>[]:*?/\</c>.</summary>
    private static string SheetName(string name)
    {
        var clean = new string(name.Where(c => "[]:*?/\\".IndexOf(c) < 0).ToArray());
        return clean.Length == 0 ? "Sheet1" : clean[..Math.Min(31, clean.Length)];
    }

    private static Stylesheet Styles() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "yyyy-mm-dd hh:mm" }) { Count = 2 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellStyleFormats(new CellFormat()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true }) { Count = 4 });
}
