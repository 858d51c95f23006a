using Ihec.Portal.Infrastructure.Exports;
using Ihec.Portal.Shared.Statistics;
using Ihec.Portal.Shared.Tables;
using Microsoft.Extensions.Localization;

namespace Ihec.Portal.Features.Statistics;

/// <summary>Downloads of the public figures, each as CSV and XLSX (<see cref="Exports"/>): headers and names in the reader's language.</summary>
public static class StatisticsEndpoints
{
    public static IEndpointRouteBuilder MapStatisticsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/statistics/{electionId}").AllowAnonymous()
            .CacheOutput(StatisticsModule.OutputCachePolicy).WithTags("Statistics");
        group.MapExport("/registration", Registration, "Voter registration by governorate and in total, in the reader's language (404 for an unknown election).")
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status404NotFound));
        group.MapExport("/turnout", Turnout, "Turnout by governorate and in total, in the reader's language.")
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status404NotFound));
        group.MapExport("/results", Results, "Results by governorate, in the reader's language.")
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status404NotFound));
        group.MapExport("/results-by-entity", ResultsByEntity, "Results by political entity and governorate, in the reader's language.")
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status404NotFound));
        // The import reads CSV only, so its template is CSV only (in the same form as every export).
        app.MapGet("/tapes/template.csv", TapeTemplate).RequireAuthorization(Ihec.Portal.Shared.Security.PortalPolicies.CsoMember).WithTags("Statistics")
            .WithSummary("The CSV template a CSO fills in to send a results tape (CSO members).")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        return app;
    }

    private static async Task<IResult> Registration(string electionId, StatisticsService statistics,
        IStringLocalizer<StatisticsText> text, IStringLocalizer<SharedText> shared, CancellationToken cancellationToken)
    {
        var overview = await statistics.GetOverviewAsync(electionId, cancellationToken);
        if (overview.Election is null || overview.Registration is not { } snapshot)
        {
            return TypedResults.NotFound();
        }

        var asOf = snapshot.AsOf;
        var rows = snapshot.Value.ByGovernorate.Select(row => new object?[]
        {
            row.Code, row.Office, StatisticsFormat.Area(row.Code, row.Office, shared, text), row.RegisteredVoters, row.BiometricRegistered,
            row.NewRegistrations, row.CardsDistributed, row.CardsGeneral, row.CardsSpecial, row.CardsDisplaced, asOf,
        }).ToList();
        var t = snapshot.Value.Totals;
        rows.Add(["", "", text["Total"].Value, t.RegisteredVoters, t.BiometricRegistered, t.NewRegistrations, t.CardsDistributed,
            t.CardsGeneral, t.CardsSpecial, t.CardsDisplaced, asOf]);
        return File(electionId, "registration", overview.IsDemo, Header(text, "CsvGovernorateCode", "CsvOffice", "Governorate", "RegisteredVoters",
            "BiometricRegistered", "NewRegistrations", "CardsDistributed", "CardsGeneral", "CardsSpecial", "CardsDisplaced", "CsvAsOf"), rows);
    }

    private static async Task<IResult> Turnout(string electionId, StatisticsService statistics,
        IStringLocalizer<StatisticsText> text, IStringLocalizer<SharedText> shared, CancellationToken cancellationToken)
    {
        var overview = await statistics.GetOverviewAsync(electionId, cancellationToken);
        if (overview.Election is null || overview.Turnout is not { } snapshot)
        {
            return TypedResults.NotFound();
        }

        var asOf = snapshot.AsOf;
        var rows = snapshot.Value.ByGovernorate.Select(row => new object?[]
        {
            row.Code, row.Office, StatisticsFormat.Area(row.Code, row.Office, shared, text), row.EligibleVoters, row.BallotsCast,
            P(row.BallotsCast, row.EligibleVoters), asOf,
        }).ToList();
        var t = snapshot.Value;
        rows.Add(["", "", text["Total"].Value, t.EligibleVoters, t.BallotsCast, P(t.BallotsCast, t.EligibleVoters), asOf]);
        return File(electionId, "turnout", overview.IsDemo,
            Header(text, "CsvGovernorateCode", "CsvOffice", "Governorate", "EligibleVoters", "BallotsCast", "CsvTurnoutPercent", "CsvAsOf"), rows);
    }

    private static async Task<IResult> Results(string electionId, StatisticsService statistics,
        IStringLocalizer<StatisticsText> text, IStringLocalizer<SharedText> shared, CancellationToken cancellationToken)
    {
        var overview = await statistics.GetOverviewAsync(electionId, cancellationToken);
        if (overview.Election is null || overview.Results is not { } snapshot)
        {
            return TypedResults.NotFound();
        }

        var entities = overview.Entities?.Value;
        var asOf = snapshot.AsOf;
        var rows = new List<object?[]>();
        foreach (var row in snapshot.Value.ByGovernorate)
        {
            var area = StatisticsFormat.Area(row.Code, row.Office, shared, text);
            foreach (var votes in row.Entities)
            {
                var entity = entities?.FirstOrDefault(e => e.Id == votes.EntityId);
                rows.Add([row.Code, row.Office, area, row.ValidVotes, row.InvalidVotes, votes.EntityId, entity?.Number,
                    StatisticsFormat.EntityName(votes.EntityId, entities), votes.Votes, P(votes.Votes, row.ValidVotes), snapshot.Value.Stage.ToString(), asOf]);
            }
        }

        return File(electionId, "results", overview.IsDemo, Header(text, "CsvGovernorateCode", "CsvOffice", "Governorate", "ValidVotes", "InvalidVotes",
            "CsvEntityId", "BallotNumber", "Entity", "Votes", "CsvSharePercent", "CsvStage", "CsvAsOf"), rows);
    }

    private static async Task<IResult> ResultsByEntity(string electionId, StatisticsService statistics,
        IStringLocalizer<StatisticsText> text, CancellationToken cancellationToken)
    {
        var overview = await statistics.GetOverviewAsync(electionId, cancellationToken);
        if (overview.Election is null || overview.Results is not { } snapshot)
        {
            return TypedResults.NotFound();
        }

        var entities = overview.Entities?.Value;
        var valid = snapshot.Value.ByGovernorate.Sum(g => g.ValidVotes);
        var asOf = snapshot.AsOf;
        var rows = StatisticsService.NationalVotes(snapshot.Value).Select(national =>
        {
            var (entityId, votes) = national;
            var entity = entities?.FirstOrDefault(e => e.Id == entityId);
            return new object?[] { entityId, entity?.Number, StatisticsFormat.EntityName(entityId, entities), votes, P(votes, valid), snapshot.Value.Stage.ToString(), asOf };
        }).ToList();
        return File(electionId, "results-by-entity", overview.IsDemo,
            Header(text, "CsvEntityId", "BallotNumber", "Entity", "Votes", "CsvSharePercent", "CsvStage", "CsvAsOf"), rows);
    }

    private static async Task<IResult> TapeTemplate(string? election, StatisticsService statistics, CancellationToken cancellationToken)
    {
        var overview = await statistics.GetOverviewAsync(string.IsNullOrWhiteSpace(election) ? null : election, cancellationToken);
        if (overview.Election is null || overview.Entities is not { } entities)
        {
            return TypedResults.NotFound();
        }

        return File(overview.Election.Id, "tapes-template", false, TapeCsv.TemplateHeader(entities.Value), []);
    }

    private static string[] Header(IStringLocalizer text, params string[] keys) => [.. keys.Select(k => text[k].Value)];

    /// <summary>A percentage to two decimals, or nothing when the whole is zero.</summary>
    private static double? P(long part, long whole) =>
        StatisticsService.Percent(part, whole) is { } p ? Math.Round((double)p, 2, MidpointRounding.AwayFromZero) : null;

    private static IResult File(string electionId, string name, bool isDemo, IReadOnlyList<string> header, IEnumerable<object?[]> rows)
    {
        var safeId = new string(electionId.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').ToArray());
        return Exports.Table($"{safeId}-{name}{(isDemo ? "-demo" : "")}", new ExportTable(header, rows));
    }
}
