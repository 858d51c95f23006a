namespace Ihec.Portal.Shared.Statistics;

// The polling-centre registry of the engine's read API, v1.1 (shared/tally-engine-contract.md):
// GET /api/v1/elections/{id}/centres?governorate=&page=&pageSize=

public enum VotingKind { General, Special, Displaced }

/// <summary>One polling station of a centre, as the registry lists it.</summary>
public sealed record CentreStation
{
    public required string StationCode { get; init; }
    public required long RegisteredVoters { get; init; }
}

/// <summary>
/// A polling centre. <see cref="LocalisedName.Ckb"/> and <see cref="LocalisedName.En"/> of its name may be empty where
/// IHEC has only the Arabic name. Coordinates are nullable here so that a centre without them is reported by the
/// invariant check (<see cref="TallyInvariants.CheckCentres"/>) as that centre's fault, not as an unreadable page.
/// </summary>
public sealed record PollingCentre
{
    public required string CentreCode { get; init; }
    public required string Governorate { get; init; }
    public string? Office { get; init; }
    public required LocalisedName District { get; init; }
    public LocalisedName? Subdistrict { get; init; }
    public required LocalisedName Name { get; init; }
    public LocalisedName? Address { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public required VotingKind Voting { get; init; }
    public required IReadOnlyList<CentreStation> Stations { get; init; }
}

public sealed record CentrePage
{
    public required int Page { get; init; }
    public required int PageSize { get; init; }
    public required int Total { get; init; }
    public required IReadOnlyList<PollingCentre> Items { get; init; }
}

/// <summary>The whole registry of one election, as the portal keeps it (all pages, checked together).</summary>
public sealed record CentreRegistry
{
    public required string ElectionId { get; init; }
    public required IReadOnlyList<PollingCentre> Centres { get; init; }
}
