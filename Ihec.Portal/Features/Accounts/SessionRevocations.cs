namespace Ihec.Portal.Features.Accounts;

/// <summary>
/// Tells open circuits at once that some users' sessions must end (organisation suspended, member removed),
/// instead of waiting for the next revalidation. Revalidation still catches anything this misses.
/// In-process on one instance.
/// </summary>
public sealed class SessionRevocations
{
    public event Action<IReadOnlySet<string>>? Revoked;

    public void Revoke(IEnumerable<string> userIds)
    {
        var set = userIds.ToHashSet(StringComparer.Ordinal);
        if (set.Count > 0)
        {
            Revoked?.Invoke(set);
        }
    }
}
