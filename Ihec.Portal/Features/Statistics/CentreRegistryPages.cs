using Ihec.Portal.Infrastructure.Geography;
using Ihec.Portal.Shared.Statistics;

namespace Ihec.Portal.Features.Statistics;

/// <summary>
/// Reads the whole polling-centre registry of an election, page by page, as one payload: the refresher checks and keeps
/// it like every other snapshot, so a bad page leaves the last good registry in place and nothing half-stored.
/// </summary>
public static class CentreRegistryPages
{
    private const int MaxPages = 1000;

    /// <summary>
    /// The first page is asked for conditionally with the registry's stored ETag: the engine's ETag for it stands for the
    /// registry's version, so <c>304</c> there means the registry has not changed and no other page is read.
    /// <c>404</c> means the engine has no registry.
    /// </summary>
    public static async Task<TallyFetch<CentreRegistry>> FetchAsync(ITallyEngine engine, string electionId, int pageSize, string? etag, CancellationToken cancellationToken)
    {
        var first = await engine.GetCentresAsync(electionId, null, 1, pageSize, etag, cancellationToken);
        if (first.Status == FetchStatus.NotFound)
        {
            return TallyFetch<CentreRegistry>.NotFound;
        }

        if (first.Status == FetchStatus.NotModified)
        {
            return TallyFetch<CentreRegistry>.NotModified;
        }

        var centres = new List<PollingCentre>(first.Value!.Total);
        centres.AddRange(first.Value.Items);
        for (var page = 2; (long)(page - 1) * pageSize < first.Value.Total && first.Value.Items.Count > 0; page++)
        {
            if (page > MaxPages)
            {
                throw new TallyPayloadException($"The centre registry of {electionId} has more than {MaxPages} pages.");
            }

            var next = await engine.GetCentresAsync(electionId, null, page, pageSize, null, cancellationToken);
            if (next.Status != FetchStatus.Ok)
            {
                throw new TallyPayloadException($"Page {page} of the centre registry of {electionId} was not served ({next.Status}).");
            }

            if (next.Value!.Items.Count == 0)
            {
                break;
            }

            centres.AddRange(next.Value.Items);
        }

        if (centres.Count != first.Value.Total)
        {
            throw new TallyPayloadException($"The centre registry of {electionId} announced {first.Value.Total} centres but served {centres.Count}.");
        }

        return TallyFetch<CentreRegistry>.Ok(new CentreRegistry { ElectionId = electionId, Centres = centres }, first.ETag);
    }

    public static IReadOnlyList<InvariantViolation> Check(CentreRegistry registry, string electionId, GovernorateBoundaries boundaries) =>
        registry.ElectionId == electionId
            ? TallyInvariants.CheckCentres(registry.Centres, boundaries.GovernorateAt)
            : [new(ViolationKind.ElectionMismatch, registry.ElectionId, "electionId")];
}
