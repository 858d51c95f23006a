namespace Ihec.Portal.Features.Organisations;

public sealed class OrganisationOptions
{
    public const string Section = "Organisations";

    /// <summary>The largest supporting document an applicant may upload.</summary>
    public long MaxDocumentBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>How long the link sent with a request for more information stays valid.</summary>
    public TimeSpan UpdateLinkLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long an accepted upload is kept for a form that came back with errors.</summary>
    public TimeSpan KeptDocumentLifetime { get; set; } = TimeSpan.FromHours(12);
}
