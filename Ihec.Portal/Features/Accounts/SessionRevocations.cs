namespace Ihec.Portal.Features.Accounts;

/// <summary>
/// Tells open circuits and hub connections at once that some users' sessions must end (organisation suspended, member
/// removed), instead of waiting for the next revalidation. Revalidation still catches anything this misses.
/// On one instance it is in process; with Redis, <see cref="ISessionRevocationRelay"/> carries it to the others.
/// </summary>
public sealed class SessionRevocations(ISessionRevocationRelay? relay = null)
{
    public event Action<IReadOnlySet<string>>? Revoked;

    /// <summary>Ends the users' sessions on this instance now, and on every other instance through the relay.</summary>
    public void Revoke(IEnumerable<string> userIds)
    {
        var set = userIds.ToHashSet(StringComparer.Ordinal);
        if (set.Count > 0)
        {
            RevokeHere(set);
            relay?.Send(set);
        }
    }

    /// <summary>Ends the users' sessions on this instance only: a revocation another instance made.</summary>
    public void RevokeHere(IReadOnlySet<string> userIds) => Revoked?.Invoke(userIds);
}

/// <summary>Carries revocations to the other instances.</summary>
public interface ISessionRevocationRelay
{
    /// <summary>Must not throw or block: a revocation is already stored, and revalidation ends the sessions anyway.</summary>
    void Send(IReadOnlySet<string> userIds);
}
