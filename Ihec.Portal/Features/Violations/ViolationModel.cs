using Ihec.Portal.Shared.Files;
using Ihec.Portal.Shared.Violations;

namespace Ihec.Portal.Features.Violations;

/// <summary>A violation a CSO member reported. Only that organisation and IHEC's monitoring reviewers see it.</summary>
public sealed class ViolationReport
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>Sequential, shown as V-000042.</summary>
    public int Number { get; set; }
    public Guid OrganisationId { get; set; }
    public string ReporterUserId { get; set; } = "";
    public string ReporterName { get; set; } = "";
    public ViolationCategory Category { get; set; }
    /// <summary>The tally engine's id of the election the violation belongs to (e.g. <c>cor-2025</c>); required for new reports.</summary>
    public string ElectionId { get; set; } = "";
    public DateTimeOffset OccurredAt { get; set; }
    /// <summary>The governorate the reporter chose (ISO 3166-2 code).</summary>
    public string Governorate { get; set; } = "";
    public string District { get; set; } = "";
    public string? PollingStationCode { get; set; }
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    /// <summary>The governorate the pin falls in, from the bundled boundaries.</summary>
    public string? PinGovernorate { get; set; }
    /// <summary>The pin is in another governorate than the one chosen: flagged for the reviewer, never corrected silently.</summary>
    public bool GovernorateMismatch { get; set; }
    public string Description { get; set; } = "";
    public string? PeopleInvolved { get; set; }
    public bool Witnessed { get; set; }
    /// <summary>The organisation agrees the report may appear, anonymised and coarsened, on the public map once verified.</summary>
    public bool PublicConsent { get; set; }
    public ViolationState State { get; set; }
    /// <summary>Why it was dismissed, or what information IHEC asked for: the latest reason given.</summary>
    public string? StateReason { get; set; }
    public string? AssignedToUserId { get; set; }
    public string? AssignedToName { get; set; }
    /// <summary>The report this one repeats, when a reviewer linked them.</summary>
    public Guid? DuplicateOfId { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>When IHEC last did something the organisation sees (a change of state, a reviewer's comment): its members' "updated" marker.</summary>
    public DateTimeOffset? ChangedForReporterAt { get; set; }
    /// <summary>Idempotency: a retried post of the same form files nothing twice.</summary>
    public string SubmissionKey { get; set; } = "";
    /// <summary>Changed on every update, so two reviewers acting on the same report cannot overwrite each other.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
    public bool IsDemo { get; set; }

    public List<ViolationEvidence> Evidence { get; set; } = [];
    public List<ViolationEvent> Events { get; set; } = [];
    public List<ViolationComment> Comments { get; set; } = [];

    public string Reference => FormatReference(Number);

    public static string FormatReference(int number) => "V-" + number.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A file sent with a report, checked by content; photos are stored without their metadata.</summary>
public sealed class ViolationEvidence
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ReportId { get; set; }
    public string FileId { get; set; } = "";
    public FileKind FileKind { get; set; }
    public string FileName { get; set; } = "";
    public long Length { get; set; }
}

public enum ViolationEventKind
{
    Submitted, StateChanged, Assigned, Commented, MarkedDuplicate,
    /// <summary>The organisation sent more evidence with an answer; the details name the files.</summary>
    EvidenceAdded,
}

/// <summary>The report's history: every change, who made it and when.</summary>
public sealed class ViolationEvent
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ReportId { get; set; }
    public DateTimeOffset At { get; set; }
    public string ActorName { get; set; } = "";
    public ViolationEventKind Kind { get; set; }
    public ViolationState? FromState { get; set; }
    public ViolationState? ToState { get; set; }
    public string? Details { get; set; }
}

/// <summary>The thread between the reviewers and the reporting organisation: both sides see every comment.</summary>
public sealed class ViolationComment
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ReportId { get; set; }
    public string AuthorUserId { get; set; } = "";
    public string AuthorName { get; set; } = "";
    /// <summary>Written by an IHEC reviewer (else by a member of the reporting organisation).</summary>
    public bool FromIhec { get; set; }
    public string Text { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
