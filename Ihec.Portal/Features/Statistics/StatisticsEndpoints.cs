using System.Globalization;
using System.Text;
using Ihec.Portal.Shared.Statistics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Ihec.Portal.Features.Statistics;

/// <summary>CSV downloads of the public figures: UTF-8 with a byte-order mark, headers and names in the reader's language.</summary>
public static class StatisticsEndpoints
{
    public static IEndpointRouteBuilder MapStatisticsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/statistics/{electionId}").AllowAnonymous()
            .CacheOutput(StatisticsModule.OutputCachePolicy).WithTags("Statistics");
        MapCsv(group, "/registration.csv", RegistrationCsv, "Voter registration by governorate and in total, as CSV in the reader's language (404 for an unknown election).");
        MapCsv(group, "/turnout.csv", TurnoutCsv, "Turnout by governorate and in total, as CSV in the reader's language.");
        MapCsv(group, "/results.csv", ResultsCsv, "Results by governorate, as CSV in the reader's language.");
        MapCsv(group, "/results-by-entity.csv", ResultsByEntityCsv, "Results by political entity and governorate, as CSV in the reader's language.");
        app.MapGet("/tapes/template.csv", TapeTemplate).RequireAuthorization(Ihec.Portal.Shared.Security.PortalPolicies.CsoMember).WithTags("Statistics")
            .WithSummary("The CSV template a CSO fills in to send a results tape (CSO members).")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        return app;
    }

    /// <summary>A download of an election's figures, described for the OpenAPI document.</summary>
    private static void MapCsv(RouteGroupBuilder group, string pattern, Delegate handler, string summary) =>
        group.MapGet(pattern, handler).WithSummary(summary)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").Produces(StatusCodes.Status404NotFound);

    private static async Task<IResult> RegistrationCsv(string electionId, StatisticsService statistics,
        IStringLocalizer<StatisticsText> text, IStringLocalizer<SharedText> shared, CancellationToken cancellationToken)
    {
        var overview = await statistics.GetOverviewAsync(electionId, cancellationToken);
        if (overview.Election is null || overview.Registration is not { } snapshot)
        {
            return TypedResults.NotFound();
        }

        var csv = new StringBuilder();
        csv.Append(Csv.Line([text["CsvGovernorateCode"], text["CsvOffice"], text["Governorate"], text["RegisteredVoters"], text["BiometricRegistered"],
            text["NewRegistrations"], text["CardsDistributed"], text["CardsGeneral"], text["CardsSpecial"], text["CardsDisplaced"], text["CsvAsOf"]]));
        var asOf = snapshot.AsOf.ToString("O", CultureInfo.InvariantCulture);
        foreach (var row in snapshot.Value.ByGovernorate)
        {
            csv.Append(Csv.Line([row.Code, row.Office, StatisticsFormat.Area(row.Code, row.Office, shared, text), N(row.RegisteredVoters), N(row.BiometricRegistered),
                N(row.NewRegistrations), N(row.CardsDistributed), N(row.CardsGeneral), N(row.CardsSpecial), N(row.CardsDisplaced), asOf]));
        }

        var t = snapshot.Value.Totals;
        csv.Append(Csv.Line(["", "", text["Total"], N(t.RegisteredVoters), N(t.BiometricRegistered), N(t.NewRegistrations), N(t.CardsDistributed),
            N(t.CardsGeneral), N(t.CardsSpecial), N(t.CardsDisplaced), asOf]));
        return File(csv, electionId, "registration", overview.IsDemo);
    }

    private static async Task<IResult> TurnoutCsv(string electionId, StatisticsService statistics,
        IStringLocalizer<StatisticsText> text, IStringLocalizer<SharedText> shared, CancellationToken cancellationToken)
    {
        var overview = await statistics.GetOverviewAsync(electionId, cancellationToken);
        if (overview.Election is null || overview.Turnout is not { } snapshot)
        {
            return TypedResults.NotFound();
        }

        var csv = new StringBuilder();
        csv.Append(Csv.Line([text["CsvGovernorateCode"], text["CsvOffice"], text["Governorate"], text["EligibleVoters"], text["BallotsCast"], text["CsvTurnoutPercent"], text["CsvAsOf"]]));
        var asOf = snapshot.AsOf.ToString("O", CultureInfo.InvariantCulture);
        foreach (var row in snapshot.Value.ByGovernorate)
        {
            csv.Append(Csv.Line([row.Code, row.Office, StatisticsFormat.Area(row.Code, row.Office, shared, text), N(row.EligibleVoters), N(row.BallotsCast),
                P(row.BallotsCast, row.EligibleVoters), asOf]));
        }

        var t = snapshot.Value;
        csv.Append(Csv.Line(["", "", text["Total"], N(t.EligibleVoters), N(t.BallotsCast), P(t.BallotsCast, t.EligibleVoters), asOf]));
        return File(csv, electionId, "turnout", overview.IsDemo);
    }

    private static async Task<IResult> ResultsCsv(string electionId, StatisticsService statistics,
        IStringLocalizer<StatisticsText> text, IStringLocalizer<SharedText> shared, CancellationToken cancellationToken)
    {
        var overview = await statistics.GetOverviewAsync(electionId, cancellationToken);
        if (overview.Election is null || overview.Results is not { } snapshot)
        {
            return TypedResults.NotFound();
        }

        var entities = overview.Entities?.Value;
        var csv = new StringBuilder();
        csv.Append(Csv.Line([text["CsvGovernorateCode"], text["CsvOffice"], text["Governorate"], text["ValidVotes"], text["InvalidVotes"],
            text["CsvEntityId"], text["BallotNumber"], text["Entity"], text["Votes"], text["CsvSharePercent"], text["CsvStage"], text["CsvAsOf"]]));
        var asOf = snapshot.AsOf.ToString("O", CultureInfo.InvariantCulture);
        foreach (var row in snapshot.Value.ByGovernorate)
        {
            var area = StatisticsFormat.Area(row.Code, row.Office, shared, text);
            foreach (var votes in row.Entities)
            {
                var entity = entities?.FirstOrDefault(e => e.Id == votes.EntityId);
                csv.Append(Csv.Line([row.Code, row.Office, area, N(row.ValidVotes), N(row.InvalidVotes), votes.EntityId,
                    entity?.Number.ToString(CultureInfo.InvariantCulture), StatisticsFormat.EntityName(votes.EntityId, entities), N(votes.Votes),
                    P(votes.Votes, row.ValidVotes), snapshot.Value.Stage.ToString(), asOf]));
            }
        }

        return File(csv, electionId, "results", overview.IsDemo);
    }

    private static async Task<IResult> ResultsByEntityCsv(string electionId, StatisticsService statistics,
        IStringLocalizer<StatisticsText> text, CancellationToken cancellationToken)
    {
        var overview = await statistics.GetOverviewAsync(electionId, cancellationToken);
        if (overview.Election is null || overview.Results is not { } snapshot)
        {
            return TypedResults.NotFound();
        }

        var entities = overview.Entities?.Value;
        var valid = snapshot.Value.ByGovernorate.Sum(g => g.ValidVotes);
        var csv = new StringBuilder();
        csv.Append(Csv.Line([text["CsvEntityId"], text["BallotNumber"], text["Entity"], text["Votes"], text["CsvSharePercent"], text["CsvStage"], text["CsvAsOf"]]));
        var asOf = snapshot.AsOf.ToString("O", CultureInfo.InvariantCulture);
        foreach (var (entityId, votes) in StatisticsService.NationalVotes(snapshot.Value))
        {
            var entity = entities?.FirstOrDefault(e => e.Id == entityId);
            csv.Append(Csv.Line([entityId, entity?.Number.ToString(CultureInfo.InvariantCulture), StatisticsFormat.EntityName(entityId, entities),
                N(votes), P(votes, valid), snapshot.Value.Stage.ToString(), asOf]));
        }

        return File(csv, electionId, "results-by-entity", overview.IsDemo);
    }

    private static async Task<IResult> TapeTemplate(string? election, StatisticsService statistics, CancellationToken cancellationToken)
    {
        var overview = await statistics.GetOverviewAsync(string.IsNullOrWhiteSpace(election) ? null : election, cancellationToken);
        if (overview.Election is null || overview.Entities is not { } entities)
        {
            return TypedResults.NotFound();
        }

        return File(new StringBuilder(TapeCsv.Template(entities.Value)), overview.Election.Id, "tapes-template", false);
    }

    // Figures in CSV stay machine-readable: invariant digits, no group separators.
    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string P(long part, long whole) =>
        StatisticsService.Percent(part, whole) is { } p ? p.ToString("0.00", CultureInfo.InvariantCulture) : "";

    internal static FileContentHttpResult File(StringBuilder csv, string electionId, string name, bool isDemo)
    {
        var bytes = Csv.Utf8WithBom.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        var safeId = new string(electionId.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').ToArray());
        return TypedResults.File(bytes, "text/csv; charset=utf-8", $"{safeId}-{name}{(isDemo ? "-demo" : "")}.csv");
    }
}
