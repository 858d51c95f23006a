namespace Ihec.Portal.Shared.Violations;

/// <summary>
/// The review's rules: who may move a report from which state to which, and what a move needs. Reviewers decide;
/// the reporting organisation can only answer a request for information, which puts the report back under review.
/// A dismissed report can be reopened; a referral is final (the complaints and appeals process takes over).
/// </summary>
public static class ViolationWorkflow
{
    private static readonly Dictionary<ViolationState, ViolationState[]> ReviewerMoves = new()
    {
        [ViolationState.Submitted] = [ViolationState.UnderReview, ViolationState.NeedsInformation, ViolationState.Verified, ViolationState.Dismissed],
        [ViolationState.UnderReview] = [ViolationState.NeedsInformation, ViolationState.Verified, ViolationState.Referred, ViolationState.Dismissed],
        [ViolationState.NeedsInformation] = [ViolationState.UnderReview, ViolationState.Verified, ViolationState.Dismissed],
        [ViolationState.Verified] = [ViolationState.UnderReview, ViolationState.Referred],
        [ViolationState.Referred] = [],
        [ViolationState.Dismissed] = [ViolationState.UnderReview],
    };

    /// <summary>The states a party may move a report in <paramref name="from"/> to.</summary>
    public static IReadOnlyList<ViolationState> NextStates(ViolationState from, ViolationParty party) => party switch
    {
        ViolationParty.Reviewer => ReviewerMoves.GetValueOrDefault(from, []),
        ViolationParty.Reporter when from == ViolationState.NeedsInformation => [ViolationState.UnderReview],
        _ => [],
    };

    /// <summary>A dismissal says why; a request for information says what is needed.</summary>
    public static bool NeedsReason(ViolationState to) => to is ViolationState.Dismissed or ViolationState.NeedsInformation;

    public static TransitionRefusal Check(ViolationState from, ViolationState to, ViolationParty party, string? reason)
    {
        if (!NextStates(from, party).Contains(to))
        {
            return TransitionRefusal.NotAllowed;
        }

        return NeedsReason(to) && string.IsNullOrWhiteSpace(reason) ? TransitionRefusal.ReasonRequired : TransitionRefusal.None;
    }

    /// <summary>The reporting organisation may add to its report only while IHEC has asked it for information.</summary>
    public static bool ReporterMayAnswer(ViolationState state) => state == ViolationState.NeedsInformation;

    /// <summary>Whether a report may appear, anonymised and coarsened, on the public map.</summary>
    public static bool IsPublic(ViolationState state, bool consented, bool isDuplicate) => state == ViolationState.Verified && consented && !isDuplicate;

    /// <summary>A point rounded to a grid of about 1 km (0.01° of latitude is 1.1 km), so the public never sees a doorstep.</summary>
    public static (double Lat, double Lon) Coarsen(double lat, double lon) =>
        (Math.Round(lat * 100, MidpointRounding.AwayFromZero) / 100, Math.Round(lon * 100, MidpointRounding.AwayFromZero) / 100);
}
