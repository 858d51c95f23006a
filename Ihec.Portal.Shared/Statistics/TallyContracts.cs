using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ihec.Portal.Shared.Statistics;

// The tally engine's read API, v1 (shared/tally-engine-contract.md). Every member marked `required`
// must be on the wire: System.Text.Json rejects the payload otherwise, and only that payload.
// Unknown members are ignored so the engine can add fields without breaking the portal.

public enum ElectionStatus { Planned, RegistrationOpen, Campaign, Polling, Counting, PreliminaryResults, Certified }

public enum EntityKind { List, Party, Coalition, Independent }

public enum ResultsStage { Preliminary, Final }

public enum StationStatus { Transmitted, Audited, Excluded }

/// <summary>A name in the portal's three languages.</summary>
public sealed record LocalisedName
{
    public required string Ar { get; init; }
    public required string Ckb { get; init; }
    public required string En { get; init; }

    /// <summary>
    /// The name in <paramref name="language"/> (<c>ar</c>, <c>ckb</c> or <c>en</c>), Arabic otherwise, under the portal's
    /// digit policy (Latin digits in every language, as the rest of the page): the engine's "٢٠٢٥" is shown "2025".
    /// </summary>
    public string In(string language) => Text.Digits.ToAscii(language switch
    {
        "ckb" => Ckb,
        "en" => En,
        _ => Ar,
    });

    /// <summary>The name in <paramref name="language"/>, or the Arabic name where there is none in it (IHEC may have only the Arabic).</summary>
    public string OrArabic(string language) => In(language) is { Length: > 0 } name ? name : Text.Digits.ToAscii(Ar);
}

public sealed record Election
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required LocalisedName Name { get; init; }
    public required DateOnly PollingDate { get; init; }
    public required ElectionStatus Status { get; init; }
}

/// <summary>Registration figures; the cards distributed are split into general, special and displaced voting.</summary>
public record RegistrationFigures
{
    public required long RegisteredVoters { get; init; }
    public required long BiometricRegistered { get; init; }
    public required long NewRegistrations { get; init; }
    public required long CardsDistributed { get; init; }
    public required long CardsGeneral { get; init; }
    public required long CardsSpecial { get; init; }
    public required long CardsDisplaced { get; init; }
}

public sealed record GovernorateRegistration : RegistrationFigures
{
    public required string Code { get; init; }
    /// <summary>The IHEC electoral office where a governorate has several (Baghdad: Rusafa, Karkh).</summary>
    public string? Office { get; init; }
}

public sealed record RegistrationReport
{
    public required string ElectionId { get; init; }
    public required DateTimeOffset AsOf { get; init; }
    public required RegistrationFigures Totals { get; init; }
    public required IReadOnlyList<GovernorateRegistration> ByGovernorate { get; init; }
}

public sealed record GovernorateTurnout
{
    public required string Code { get; init; }
    public string? Office { get; init; }
    public required long EligibleVoters { get; init; }
    public required long BallotsCast { get; init; }
}

public sealed record TurnoutReport
{
    public required string ElectionId { get; init; }
    public required DateTimeOffset AsOf { get; init; }
    public required long EligibleVoters { get; init; }
    public required long BallotsCast { get; init; }
    public required IReadOnlyList<GovernorateTurnout> ByGovernorate { get; init; }
}

public sealed record ElectoralEntity
{
    public required string Id { get; init; }
    public required int Number { get; init; }
    public required LocalisedName Name { get; init; }
    public required EntityKind Kind { get; init; }
}

public sealed record EntityVotes
{
    public required string EntityId { get; init; }
    public required long Votes { get; init; }
}

public sealed record GovernorateResult
{
    public required string Code { get; init; }
    public string? Office { get; init; }
    public required long ValidVotes { get; init; }
    public required long InvalidVotes { get; init; }
    public required IReadOnlyList<EntityVotes> Entities { get; init; }
}

public sealed record ResultsReport
{
    public required string ElectionId { get; init; }
    public required DateTimeOffset AsOf { get; init; }
    public required ResultsStage Stage { get; init; }
    public required IReadOnlyList<GovernorateResult> ByGovernorate { get; init; }
}

public sealed record StationResult
{
    public required string StationCode { get; init; }
    public required string CentreCode { get; init; }
    public required string Governorate { get; init; }
    public string? Office { get; init; }
    public required long RegisteredVoters { get; init; }
    public required long BallotsCast { get; init; }
    public required long ValidVotes { get; init; }
    public required long InvalidVotes { get; init; }
    public required IReadOnlyList<EntityVotes> Entities { get; init; }
    public required DateTimeOffset TransmittedAt { get; init; }
    public required StationStatus Status { get; init; }
}

public sealed record StationPage
{
    public required int Page { get; init; }
    public required int PageSize { get; init; }
    public required int Total { get; init; }
    public required IReadOnlyList<StationResult> Items { get; init; }
}

/// <summary>The engine's error body for 4xx/5xx answers.</summary>
public sealed record EngineError
{
    public string? Error { get; init; }
    public string? Detail { get; init; }
}

/// <summary>A payload that is not valid JSON for its contract (malformed, a required field missing, a wrong type).</summary>
public sealed class TallyPayloadException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>How the portal reads and writes the engine's JSON.</summary>
public static class TallyJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // A null where the contract wants a value is as wrong as a missing field.
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Parses one payload; anything wrong with it becomes a <see cref="TallyPayloadException"/>.</summary>
    public static T Parse<T>(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options)
                   ?? throw new TallyPayloadException($"The {typeof(T).Name} payload is null.");
        }
        catch (JsonException ex)
        {
            throw new TallyPayloadException($"The {typeof(T).Name} payload is not valid: {ex.Message}", ex);
        }
        catch (NotSupportedException ex)
        {
            throw new TallyPayloadException($"The {typeof(T).Name} payload is not valid: {ex.Message}", ex);
        }
    }

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);
}
