namespace Ihec.Portal.Tests.Infrastructure;

/// <summary>What every response carrying a user-uploaded file must have (#20 item 10).</summary>
public static class UploadedFileAssert
{
    /// <summary>A sandboxing content security policy and <c>nosniff</c>: an opened file runs no script in the portal's origin.</summary>
    public static void IsSandboxed(HttpResponseMessage response)
    {
        var csp = response.Headers.TryGetValues("Content-Security-Policy", out var values) ? string.Join(";", values) : "";
        Assert.Contains("sandbox", csp.Split(';').Select(d => d.Trim()));
        Assert.Contains("default-src 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
