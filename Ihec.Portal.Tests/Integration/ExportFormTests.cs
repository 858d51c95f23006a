using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Ihec.Portal.Features.Statistics;
using Ihec.Portal.Shared.Tables;
using Ihec.Portal.Tests.Infrastructure;

namespace Ihec.Portal.Tests.Integration;

/// <summary>
/// Every export has one form: CSV in UTF-8 with a byte-order mark and CRLF line ends, and beside it an XLSX with typed
/// cells, a header in the reader's language and right-to-left sheets for Arabic and Sorani.
/// </summary>
public sealed class ExportFormTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Every_csv_export_is_utf8_with_a_bom_and_crlf_line_ends()
    {
        // Every .csv route of the route table (which the coverage test keeps equal to what the portal maps).
        var rows = PortalRoutes.All.Where(r => r.Method == "GET" && r.Pattern.EndsWith(".csv", StringComparison.Ordinal)).ToList();
        Assert.True(rows.Count >= 7, $"Only {rows.Count} CSV routes found.");
        foreach (var row in rows)
        {
            var who = Principals.All.First(p => row.For(p) == Outcome.Allowed);
            var client = who == Principal.Anonymous ? factory.CreateClient() : await factory.SignedInClientAsync(who.Email());
            var url = row.UrlFor(factory);
            var response = await client.GetAsync(url);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}.");
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.True(bytes is [0xEF, 0xBB, 0xBF, ..], $"{url} has no byte-order mark.");
            var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
            Assert.True(text.EndsWith("\r\n", StringComparison.Ordinal), $"{url} does not end its last line with CRLF.");
            Assert.True(text.Replace("\r\n", "").IndexOfAny(['\r', '\n']) < 0, $"{url} has a line end that is not CRLF.");
        }
    }

    [Fact]
    public async Task Csv_fields_are_quoted_when_needed_numbers_stay_numbers_and_text_never_starts_a_formula()
    {
        using var stream = new MemoryStream();
        var table = new ExportTable(["name", "count"], new object?[][] { ["a,b \"c\"\nd", -5L], ["=SUM(A1)", 1.5], ["بغداد", null] });

        await Csv.WriteAsync(stream, table, CancellationToken.None);

        Assert.Equal("\uFEFFname,count\r\n\"a,b \"\"c\"\"\nd\",-5\r\n\"'=SUM(A1)\",1.5\r\nبغداد,\r\n", Encoding.UTF8.GetString(stream.ToArray()));
        var read = Csv.Read(Encoding.UTF8.GetString(stream.ToArray()));
        Assert.Equal(["a,b \"c\"\nd", "-5"], read.Records[1].Fields);
        Assert.Equal(4, read.Records[2].Line);
    }

    [Theory]
    [InlineData("ar", true)]
    [InlineData("ckb", true)]
    [InlineData("en", false)]
    public async Task Statistics_xlsx_has_typed_cells_a_header_in_the_readers_language_and_right_to_left_sheets_where_the_language_is(
        string language, bool rightToLeft)
    {
        var response = await factory.CreateClient().GetAsync($"/statistics/pc-2023/registration.xlsx?culture={language}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Xlsx.ContentType, response.Content.Headers.ContentType?.ToString());
        Assert.Equal("pc-2023-registration-demo.xlsx", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var sheet = await SheetAsync(response);
        Assert.Equal(rightToLeft, sheet.View.RightToLeft?.Value ?? false);
        var rows = sheet.Rows;
        Assert.Equal(ResourceText.Get("Features/Statistics/StatisticsText", language, "CsvGovernorateCode"), sheet.Text(rows[0].Cells[0]));
        Assert.Equal(ResourceText.Get("Features/Statistics/StatisticsText", language, "RegisteredVoters"), sheet.Text(rows[0].Cells[3]));
        var totals = DemoTallyData.Instance.For("pc-2023")!.Registration.Totals;
        var total = rows[^1].Cells;
        Assert.Equal(ResourceText.Get("Features/Statistics/StatisticsText", language, "Total"), sheet.Text(total[2]));
        Assert.Equal(CellValues.Number, total[3].DataType!.Value);
        Assert.Equal(totals.RegisteredVoters.ToString(System.Globalization.CultureInfo.InvariantCulture), total[3].CellValue!.Text);
        // The "as of" column is a date: a serial number with a date format, not text.
        var asOf = total[^1];
        Assert.Equal(CellValues.Number, asOf.DataType!.Value);
        Assert.InRange(double.Parse(asOf.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture), 40000, 80000);
        Assert.Contains("yyyy-mm-dd", sheet.NumberFormat(asOf));
    }

    [Fact]
    public async Task Violations_xlsx_keeps_the_csvs_rows_and_authorisation_with_dates_booleans_and_a_localised_header()
    {
        var reviewer = await factory.SignedInClientAsync("monitoring@demo.ihec.iq");
        var csv = Csv.Read(await reviewer.GetStringAsync("/violations/map/violations.csv?culture=ar")).Records;

        using var sheet = await SheetAsync(await reviewer.GetAsync("/violations/map/violations.xlsx?culture=ar"));

        Assert.True(sheet.View.RightToLeft?.Value);
        var rows = sheet.Rows;
        Assert.Equal(csv.Count, rows.Count);
        Assert.Equal(ResourceText.Get("Features/Violations/ViolationsText", "ar", "ColReference"), sheet.Text(rows[0].Cells[0]));
        Assert.Equal(ResourceText.Get("Features/Violations/ViolationsText", "ar", "ColOrganisation"), sheet.Text(rows[0].Cells[^1]));
        var first = rows[1].Cells;
        Assert.Equal(csv[1].Fields[0], sheet.Text(first[0]));
        Assert.Equal(CellValues.Number, first[4].DataType!.Value);
        Assert.Contains("yyyy-mm-dd hh:mm", sheet.NumberFormat(first[4]));
        Assert.Equal(DateTime.Parse(csv[1].Fields[4], System.Globalization.CultureInfo.InvariantCulture),
            DateTime.FromOADate(double.Parse(first[4].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)), TimeSpan.FromSeconds(1));
        Assert.Equal(CellValues.Number, first[9].DataType!.Value);
        Assert.Equal(csv[1].Fields[9], first[9].CellValue!.Text);
        Assert.Equal(CellValues.Boolean, first[11].DataType!.Value);
        Assert.Equal(csv[1].Fields[11] == "true" ? "1" : "0", first[11].CellValue!.Text);

        var analyst = await factory.SignedInClientAsync("media@demo.ihec.iq");
        (await analyst.GetAsync("/violations/map/violations.xlsx")).AssertForbidden();
        using var english = await SheetAsync(await factory.CreateClient().GetAsync("/map/violations.xlsx?culture=en"));
        Assert.False(english.View.RightToLeft?.Value ?? false);
        Assert.Equal(ResourceText.Get("Features/Violations/ViolationsText", "en", "ColDate"), english.Text(english.Rows[0].Cells[0]));
    }

    [Fact]
    public async Task Each_csv_link_on_the_pages_has_the_xlsx_link_beside_it()
    {
        var reviewer = await factory.SignedInClientAsync("monitoring@demo.ihec.iq");
        foreach (var url in new[] { "/statistics?election=cor-2025&culture=en", "/map?culture=ckb", "/violations/map?culture=ar" })
        {
            var page = await reviewer.GetDocumentAsync(url);
            var csv = page.QuerySelectorAll("a[download][href*='.csv']").Select(a => a.GetAttribute("href")!).ToList();
            var xlsx = page.QuerySelectorAll("a[download][href*='.xlsx']").Select(a => a.GetAttribute("href")!).ToHashSet();
            Assert.NotEmpty(csv);
            Assert.All(csv, href => Assert.Contains(href.Replace(".csv", ".xlsx", StringComparison.Ordinal), xlsx));
        }
    }

    private static async Task<ReadBack> SheetAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        return new ReadBack(SpreadsheetDocument.Open(stream, false));
    }

    /// <summary>The first worksheet of a workbook, read back with the Open XML SDK.</summary>
    private sealed class ReadBack(SpreadsheetDocument document) : IDisposable
    {
        private readonly Worksheet worksheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;

        public SheetView View => worksheet.GetFirstChild<SheetViews>()!.Elements<SheetView>().Single();

        public IReadOnlyList<(Row Row, IReadOnlyList<Cell> Cells)> Rows =>
            [.. worksheet.GetFirstChild<SheetData>()!.Elements<Row>().Select(r => (r, (IReadOnlyList<Cell>)[.. r.Elements<Cell>()]))];

        public string Text(Cell cell)
        {
            Assert.Equal(CellValues.InlineString, cell.DataType!.Value);
            return cell.InlineString!.InnerText;
        }

        public string NumberFormat(Cell cell)
        {
            var styles = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
            var format = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)cell.StyleIndex!.Value);
            return styles.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId!.Value == format.NumberFormatId!.Value).FormatCode!.Value!;
        }

        public void Dispose() => document.Dispose();
    }
}
