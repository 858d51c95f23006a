using Ihec.Portal.Shared.Statistics;

namespace Ihec.Portal.Tests.Statistics;

public sealed class TapeCsvTests
{
    private static readonly string[] Entities = ["e-101", "e-102", "e-117"];

    [Fact]
    public void A_good_file_with_a_bom_semicolons_quotes_and_arabic_digits_imports_every_row()
    {
        var csv = "\uFEFFstationCode;registeredVoters;ballotsCast;validVotes;invalidVotes;e-101;e-102;e-117\r\n" +
                  "110203-04;450;212;205;7;88;61;56\r\n" +
                  "\"110203-05\";;٢١٢;٢٠٥;٧;88;61;\r\n\r\n";

        var result = TapeCsv.Parse(csv, Entities);

        Assert.True(result.IsValid);
        Assert.Equal(2, result.Tapes.Count);
        Assert.Equal((2, "110203-04"), (result.Tapes[0].Line, result.Tapes[0].Tape.StationCode));
        var second = result.Tapes[1].Tape;
        Assert.Null(second.RegisteredVoters);
        Assert.Equal(212, second.BallotsCast);
        Assert.Equal(["e-101", "e-102"], second.Entities.Select(e => e.EntityId));
    }

    [Fact]
    public void A_file_with_bad_rows_imports_nothing_and_reports_each_bad_row_with_its_line()
    {
        var csv = "stationCode,registeredVoters,ballotsCast,validVotes,invalidVotes,e-101,e-102,e-117\n" +
                  "110203-04,450,212,205,7,88,61,56\n" +
                  "11023-04,450,212,205,7,88,61,56\n" +
                  "110203-06,450,,205,7,88,61,56\n" +
                  "110203-07,450,212,2o5,7,88,61,56\n" +
                  "110203-08,450,212,205,-7,88,61,56\n" +
                  "110203-04,450,212,205,7,88,61,56\n" +
                  "110203-09,450,212\n" +
                  "\"110203-\n10\",450,212,205,7,88,61,56\n" +
                  "110203-11,450,212,205.5,7,88,61,56\n";

        var result = TapeCsv.Parse(csv, Entities);

        Assert.False(result.IsValid);
        Assert.Empty(result.Tapes);
        Assert.Contains(new TapeCsvError(3, TapeCsvProblem.BadStationCode, "stationCode", "11023-04"), result.Errors);
        Assert.Contains(new TapeCsvError(4, TapeCsvProblem.MissingValue, "ballotsCast"), result.Errors);
        Assert.Contains(new TapeCsvError(5, TapeCsvProblem.NotANumber, "validVotes", "2o5"), result.Errors);
        Assert.Contains(new TapeCsvError(6, TapeCsvProblem.NegativeNumber, "invalidVotes", "-7"), result.Errors);
        Assert.Contains(new TapeCsvError(7, TapeCsvProblem.DuplicateStation, "stationCode", "2"), result.Errors);
        Assert.Contains(new TapeCsvError(8, TapeCsvProblem.WrongFieldCount, null, "3"), result.Errors);
        // A line break inside quotes: the record starts on line 9, and the next one is on line 11.
        Assert.Contains(result.Errors, e => e is { Line: 9, Problem: TapeCsvProblem.BadStationCode });
        Assert.Contains(new TapeCsvError(11, TapeCsvProblem.NotANumber, "validVotes", "205.5"), result.Errors);
        Assert.DoesNotContain(result.Errors, e => e.Line == 2);
    }

    [Fact]
    public void Header_problems_are_reported_on_line_one()
    {
        var result = TapeCsv.Parse("stationCode,ballotsCast,validVotes,e-101,e-999,e-101\n110203-04,1,1,1,1,1\n", Entities);

        Assert.Contains(new TapeCsvError(1, TapeCsvProblem.MissingColumn, "invalidVotes"), result.Errors);
        Assert.Contains(new TapeCsvError(1, TapeCsvProblem.UnknownColumn, "e-999"), result.Errors);
        Assert.Contains(new TapeCsvError(1, TapeCsvProblem.DuplicateColumn, "e-101"), result.Errors);
    }

    [Theory]
    [InlineData("")]
    [InlineData("stationCode,ballotsCast,validVotes,invalidVotes\n")]
    public void An_empty_file_or_a_header_alone_is_refused(string csv) =>
        Assert.Equal(TapeCsvProblem.Empty, Assert.Single(TapeCsv.Parse(csv, Entities).Errors).Problem);

    [Theory]
    [InlineData("tapes-quote-all.csv")]
    [InlineData("tapes-quote-nonnumeric.csv")]
    public void Files_written_by_pythons_csv_module_with_every_field_or_every_text_quoted_import(string file)
    {
        var result = TapeCsv.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Statistics", "Samples", file)), Entities);

        Assert.Empty(result.Errors);
        Assert.Equal([(2, "110203-04"), (3, "110203-05")], result.Tapes.Select(t => (t.Line, t.Tape.StationCode)));
        Assert.Equal(450, result.Tapes[0].Tape.RegisteredVoters);
        Assert.Null(result.Tapes[1].Tape.RegisteredVoters);
        Assert.Equal(["e-101", "e-102"], result.Tapes[1].Tape.Entities.Select(e => e.EntityId));
    }

    [Fact]
    public void A_spreadsheet_file_with_quoted_text_holding_separators_and_line_breaks_is_read_field_by_field()
    {
        // As LibreOffice writes with "quote all text cells" and a semicolon: text quoted, numbers not.
        var good = "\"stationCode\";\"ballotsCast\";\"validVotes\";\"invalidVotes\";\"e-101\"\r\n\"110203-04\";212;205;7;88\r\n";
        var bad = good + "\"1102;03\r\n-05\";212;205;7;\"8,8\"\r\n\"110203-06\";x;205;7;88\r\n";

        Assert.True(TapeCsv.Parse(good, Entities).IsValid);
        var errors = TapeCsv.Parse(bad, Entities).Errors;
        Assert.Contains(new TapeCsvError(3, TapeCsvProblem.BadStationCode, "stationCode", "1102;03\r\n-05"), errors);
        Assert.Contains(new TapeCsvError(3, TapeCsvProblem.NotANumber, "e-101", "8,8"), errors);
        Assert.Contains(new TapeCsvError(5, TapeCsvProblem.NotANumber, "ballotsCast", "x"), errors);
        Assert.DoesNotContain(errors, e => e.Problem == TapeCsvProblem.WrongFieldCount);
    }

    [Fact]
    public void An_unclosed_quote_is_named_with_the_line_it_opens_on()
    {
        var csv = "stationCode,ballotsCast,validVotes,invalidVotes\n110203-04,1,1,0\n110203-05,\"1,1,0\n110203-06,1,1,0\n";

        Assert.Equal(new TapeCsvError(3, TapeCsvProblem.UnclosedQuote, null, "3"), Assert.Single(TapeCsv.Parse(csv, Entities).Errors));
    }

    [Fact]
    public void The_template_lists_the_figures_and_the_entities_in_ballot_order()
    {
        var entities = new[]
        {
            new ElectoralEntity { Id = "e-117", Number = 117, Kind = EntityKind.List, Name = new LocalisedName { Ar = "ب", Ckb = "ب", En = "B" } },
            new ElectoralEntity { Id = "e-101", Number = 101, Kind = EntityKind.Party, Name = new LocalisedName { Ar = "أ", Ckb = "ئ", En = "A" } },
        };

        var header = TapeCsv.TemplateHeader(entities);
        Assert.Equal(["stationCode", "registeredVoters", "ballotsCast", "validVotes", "invalidVotes", "e-101", "e-117"], header);
        Assert.True(TapeCsv.Parse(string.Join(',', header) + "\n110203-04,,1,1,0,1,0\n", ["e-101", "e-117"]).IsValid);
    }
}
