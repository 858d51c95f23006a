namespace Ihec.Portal.Features.Rumours;

/// <summary>Where a reporter saw the claim.</summary>
public enum RumourPlatform
{
    Facebook, X, Telegram, TikTok, WhatsApp, YouTube, Instagram, Television, Radio, Print, InPerson, Other,
}

/// <summary>Who or what the claim is about; the order of sensitivity is in <see cref="RumourPriority"/>.</summary>
public enum RumourTarget
{
    Ihec, Results, Candidate, WomenCandidates, Voters, Minorities, Other,
}

/// <summary>The reporter's suspicion of what kind of false information this is (the information-disorder terms).</summary>
public enum SuspectedKind
{
    Misinformation, Disinformation, Malinformation, Fabricated, NotSure,
}

/// <summary>How many people the reporter thinks saw the claim.</summary>
public enum ReachBand
{
    Unknown = 0,
    UnderOneThousand = 1,
    UnderTenThousand = 2,
    UnderHundredThousand = 3,
    UnderOneMillion = 4,
    OneMillionOrMore = 5,
}

public enum RumourStatus
{
    New, Triaged, Investigating, Responded, Closed,
}

/// <summary>IHEC's finding, given with its public response.</summary>
public enum RumourVerdict
{
    False, Misleading, True, Unverified, OutOfScope,
}

public enum RumourPriorityLevel
{
    Low, Medium, High, Critical,
}

/// <summary>How a report came to its case.</summary>
public enum MatchOutcome
{
    /// <summary>No similar case: the report opened a new one.</summary>
    NewCase,
    /// <summary>Confidently similar to a case and grouped under it.</summary>
    Grouped,
    /// <summary>Moved to its case by an analyst (merge or split).</summary>
    Moved,
}

/// <summary>One claim as the anti-rumour unit works it: the reports of one or more organisations about the same rumour.</summary>
public sealed class RumourCase
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>Sequential, shown as R-000042.</summary>
    public int Number { get; set; }
    /// <summary>The claim as the unit words it; starts as the first report's text.</summary>
    public string Summary { get; set; } = "";
    public string Language { get; set; } = "ar";
    public RumourStatus Status { get; set; }
    public RumourVerdict? Verdict { get; set; }
    public string? VerdictReason { get; set; }
    public string? AssignedToUserId { get; set; }
    public string? AssignedToName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? RespondedAt { get; set; }
    /// <summary>Changed on every update, so two analysts acting on the same case cannot overwrite each other.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
    public bool IsDemo { get; set; }

    public List<RumourReport> Reports { get; set; } = [];
    public List<RumourNote> Notes { get; set; } = [];
    public List<RumourEvent> Events { get; set; } = [];

    public string Reference => FormatReference(Number);

    public static string FormatReference(int number) => "R-" + number.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>What one organisation's member reported. Only that organisation and IHEC see it.</summary>
public sealed class RumourReport
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid CaseId { get; set; }
    public Guid OrganisationId { get; set; }
    public string ReporterUserId { get; set; } = "";
    public string ReporterName { get; set; } = "";
    public string ClaimText { get; set; } = "";
    public string Language { get; set; } = "ar";
    public List<RumourPlatform> Platforms { get; set; } = [];
    public List<string> Links { get; set; } = [];
    public DateOnly? FirstSeen { get; set; }
    public ReachBand Reach { get; set; }
    public List<string> Governorates { get; set; } = [];
    public List<RumourTarget> Targets { get; set; } = [];
    public SuspectedKind SuspectedKind { get; set; }
    public string? Details { get; set; }
    public DateTimeOffset ReportedAt { get; set; }
    public MatchOutcome Match { get; set; }
    /// <summary>The similarity to the case it was grouped with, when grouped automatically.</summary>
    public double? Similarity { get; set; }
    /// <summary>A case the report resembles but was not grouped with: the analyst decides.</summary>
    public Guid? SuggestedCaseId { get; set; }
    /// <summary>Idempotency: a retried post of the same form files nothing twice.</summary>
    public string SubmissionKey { get; set; } = "";

    public List<RumourScreenshot> Screenshots { get; set; } = [];
}

public sealed class RumourScreenshot
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ReportId { get; set; }
    public string FileId { get; set; } = "";
    public Ihec.Portal.Shared.Files.FileKind FileKind { get; set; }
    public string FileName { get; set; } = "";
}

/// <summary>An analyst's internal note: never shown to CSOs or the public.</summary>
public sealed class RumourNote
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid CaseId { get; set; }
    public string AuthorName { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

public enum RumourEventKind
{
    Opened, ReportAdded, StatusChanged, Assigned, Merged, Split, Responded, Closed, SummaryEdited,
}

/// <summary>The case's history, shown to the unit.</summary>
public sealed class RumourEvent
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid CaseId { get; set; }
    public DateTimeOffset At { get; set; }
    public string ActorName { get; set; } = "";
    public RumourEventKind Kind { get; set; }
    public string? Details { get; set; }
}

/// <summary>IHEC's public answer to a claim, at <c>/fact-checks/{Slug}</c>. Arabic is authoritative.</summary>
public sealed class FactCheck
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid CaseId { get; set; }
    /// <summary>The permalink's last part: the case reference in lower case (r-000042), never reused.</summary>
    public string Slug { get; set; } = "";
    public RumourVerdict Verdict { get; set; }
    public string ClaimAr { get; set; } = "";
    public string? ClaimCkb { get; set; }
    public string? ClaimEn { get; set; }
    public string ResponseAr { get; set; } = "";
    public string? ResponseCkb { get; set; }
    public string? ResponseEn { get; set; }
    /// <summary>Where the claim appeared, for ClaimReview's itemReviewed.appearance (the reporters' links).</summary>
    public List<string> Appearances { get; set; } = [];
    public DateOnly? ClaimFirstSeen { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string PublishedBy { get; set; } = "";

    public string Claim(string language) => language switch
    {
        "ckb" when !string.IsNullOrWhiteSpace(ClaimCkb) => ClaimCkb!,
        "en" when !string.IsNullOrWhiteSpace(ClaimEn) => ClaimEn!,
        _ => ClaimAr,
    };

    public string Response(string language) => language switch
    {
        "ckb" when !string.IsNullOrWhiteSpace(ResponseCkb) => ResponseCkb!,
        "en" when !string.IsNullOrWhiteSpace(ResponseEn) => ResponseEn!,
        _ => ResponseAr,
    };

    /// <summary>The language the text for <paramref name="language"/> is actually in (Arabic when not translated).</summary>
    public string TextLanguage(string language) => language switch
    {
        "ckb" when !string.IsNullOrWhiteSpace(ResponseCkb) => "ckb",
        "en" when !string.IsNullOrWhiteSpace(ResponseEn) => "en",
        _ => "ar",
    };
}
