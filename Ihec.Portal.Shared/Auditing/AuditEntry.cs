namespace Ihec.Portal.Shared.Auditing;

/// <summary>One user-visible change: who, when, what, to what, from where. Written once, never changed.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string? ActorUserId { get; set; }
    /// <summary>The actor's e-mail at the time, kept so the entry reads the same after the account changes.</summary>
    public string ActorName { get; set; } = "";
    /// <summary>A stable action code such as <c>organisation.accept</c>; the audit page localises it.</summary>
    public string Action { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string? EntityId { get; set; }
    public string? Details { get; set; }
    public string? IpAddress { get; set; }
    public Guid? OrganisationId { get; set; }
}
