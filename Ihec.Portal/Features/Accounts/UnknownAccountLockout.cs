using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Ihec.Portal.Features.Accounts;

/// <summary>
/// Wrong passwords for an address with no account count and lock as they would for an account, so that lockout does
/// not tell which addresses exist. Kept in this instance's memory (bounded; each count lasts a lockout period): behind
/// several instances an unknown address locks after the configured number of failures on any one of them.
/// </summary>
public sealed class UnknownAccountLockout(IOptions<AccountOptions> options, TimeProvider clock) : IDisposable
{
    private readonly MemoryCache failures = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    private sealed class Entry
    {
        public int Count;
        public DateTimeOffset? LockedUntil;
    }

    public bool IsLockedOut(string address) =>
        failures.TryGetValue(Key(address), out Entry? entry) && entry!.LockedUntil is { } until && until > clock.GetUtcNow();

    /// <summary>Counts a failure; true when the address is now locked out.</summary>
    public bool Fail(string address)
    {
        var settings = options.Value;
        var entry = failures.GetOrCreate(Key(address), e =>
        {
            e.Size = 1;
            e.AbsoluteExpirationRelativeToNow = settings.LockoutDuration * 2;
            return new Entry();
        })!;
        lock (entry)
        {
            if (++entry.Count < settings.MaxFailedAccessAttempts)
            {
                return false;
            }

            // As Identity does for an account: the count starts again and the address is locked for the period.
            entry.Count = 0;
            entry.LockedUntil = clock.GetUtcNow() + settings.LockoutDuration;
            return true;
        }
    }

    private static string Key(string address) => address.Trim().ToUpperInvariant();

    public void Dispose() => failures.Dispose();
}
