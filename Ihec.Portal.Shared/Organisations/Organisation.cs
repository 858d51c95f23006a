namespace Ihec.Portal.Shared.Organisations;

/// <summary>A civil-society organisation: an application until accredited, then a member of the portal.</summary>
public class Organisation
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>The reference given to the applicant, e.g. <c>CSO-2026-00042</c>.</summary>
    public string Reference { get; set; } = "";

    public string NameAr { get; set; } = "";
    public string NameCkb { get; set; } = "";
    public string NameEn { get; set; } = "";

    /// <summary>Registration number with the NGO directorate.</summary>
    public string RegistrationNumber { get; set; } = "";

    public List<string> Governorates { get; set; } = [];
    public List<FocusArea> FocusAreas { get; set; } = [];

    public string ContactName { get; set; } = "";
    public string ContactEmail { get; set; } = "";
    public string ContactPhone { get; set; } = "";

    /// <summary>The language the applicant used; e-mails to the contact use it.</summary>
    public string PreferredCulture { get; set; } = "ar";

    // Public profile, edited by the organisation's administrator.
    public string? DescriptionAr { get; set; }
    public string? DescriptionCkb { get; set; }
    public string? DescriptionEn { get; set; }
    public string? Website { get; set; }
    public string? PublicEmail { get; set; }

    public OrganisationStatus Status { get; set; } = OrganisationStatus.Submitted;
    /// <summary>The reason given with the last refusal, request for information or suspension.</summary>
    public string? StatusReason { get; set; }

    public DateTimeOffset AppliedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public DateTimeOffset? AccreditedAt { get; set; }

    /// <summary>The supporting document, kept in file storage behind an authorising endpoint.</summary>
    public string? DocumentFileId { get; set; }
    public string? DocumentFileName { get; set; }
    public string? DocumentContentType { get; set; }

    public bool IsDemo { get; set; }

    public string NameFor(string culture) => culture switch
    {
        "ckb" when !string.IsNullOrWhiteSpace(NameCkb) => NameCkb,
        "en" when !string.IsNullOrWhiteSpace(NameEn) => NameEn,
        _ => NameAr,
    };

    public string? DescriptionFor(string culture) => culture switch
    {
        "ckb" when !string.IsNullOrWhiteSpace(DescriptionCkb) => DescriptionCkb,
        "en" when !string.IsNullOrWhiteSpace(DescriptionEn) => DescriptionEn,
        _ => DescriptionAr,
    };
}

/// <summary>Picks a name (or any text kept in the three languages) for a reader, falling back to Arabic.</summary>
public static class LocalisedText
{
    public static string Pick(string culture, string arabic, string? sorani, string? english) => culture switch
    {
        "ckb" when !string.IsNullOrWhiteSpace(sorani) => sorani,
        "en" when !string.IsNullOrWhiteSpace(english) => english,
        _ => arabic,
    };
}
