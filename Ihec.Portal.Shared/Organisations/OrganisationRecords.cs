namespace Ihec.Portal.Shared.Organisations;

/// <summary>
/// The client-generated key of one application form, so a retried post (a flaky link, a double click) shows the
/// same confirmation instead of filing a second application.
/// </summary>
public class OrganisationSubmission
{
    public string Key { get; set; } = "";
    public Guid OrganisationId { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>A link sent with a request for more information, with which the applicant corrects the application once.</summary>
public class OrganisationUpdateLink
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganisationId { get; set; }
    /// <summary>SHA-256 of the token in the link (<see cref="SecretTokens"/>); the token itself is never stored.</summary>
    public string TokenHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }

    public bool IsUsable(DateTimeOffset now) => UsedAt is null && now < ExpiresAt;
}
