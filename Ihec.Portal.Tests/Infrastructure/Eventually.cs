namespace Ihec.Portal.Tests.Infrastructure;

/// <summary>
/// THE wait for a state that other code reaches in its own time (a background job, a session revalidation): retries a
/// probe, no fixed sleep, until a condition holds, and throws with what it last saw when the time is up. It never returns
/// a value that does not meet the condition, so a test cannot carry on as if the state had been reached.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The first probe result that meets <paramref name="done"/>; <see cref="TimeoutException"/> naming <paramref name="what"/> and the last result otherwise.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, Func<T, string>? describe = null,
        TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var last = await probe();
            if (done(last))
            {
                return last;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {limit.TotalSeconds:0} s for {what}; last saw: {(describe ?? Describe)(last)}.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Waits for a response that meets <paramref name="done"/>; the timeout message gives the last status and redirect.</summary>
    public static Task<HttpResponseMessage> UntilResponseAsync(Func<Task<HttpResponseMessage>> request, Func<HttpResponseMessage, bool> done, string what,
        TimeSpan? timeout = null) =>
        UntilAsync(request, done, what, r => $"{(int)r.StatusCode} {r.RedirectPath()}".TrimEnd(), timeout);

    private static string Describe<T>(T value) => value?.ToString() ?? "null";
}
