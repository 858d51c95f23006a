using System.ComponentModel.DataAnnotations;
using Ihec.Portal.Shared.Organisations;

namespace Ihec.Portal.Features.Organisations;

// Form models. Each validation attribute's ErrorMessage is a key in SharedText (PortalValidator and FormCheck localise it).

/// <summary>An application, as the applicant types it (and corrects it after a request for more information).</summary>
/// <remarks>The form binder sets a list with nothing ticked to null; the setters keep it an empty list.</remarks>
public sealed class ApplicationForm
{
    [Required(ErrorMessage = "Required"), MaxLength(300, ErrorMessage = "TooLong")]
    public string NameAr { get; set; } = "";

    [MaxLength(300, ErrorMessage = "TooLong")]
    public string? NameCkb { get; set; }

    [MaxLength(300, ErrorMessage = "TooLong")]
    public string? NameEn { get; set; }

    [Required(ErrorMessage = "Required"), MaxLength(RegistrationNumbers.MaxLength, ErrorMessage = "TooLong"),
     RegistrationNumber(ErrorMessage = "CharactersInvalid")]
    public string RegistrationNumber { get; set; } = "";

    [MinLength(1, ErrorMessage = "SelectAtLeastOne"), KnownGovernorates(ErrorMessage = "Invalid")]
    public List<string> Governorates { get; set => field = value ?? []; } = [];

    [MinLength(1, ErrorMessage = "SelectAtLeastOne"), DefinedValues(ErrorMessage = "Invalid")]
    public List<FocusArea> FocusAreas { get; set => field = value ?? []; } = [];

    [Required(ErrorMessage = "Required"), MaxLength(200, ErrorMessage = "TooLong")]
    public string ContactName { get; set; } = "";

    [Required(ErrorMessage = "Required"), MaxLength(EmailAddresses.MaxLength, ErrorMessage = "TooLong"), StrictEmail(ErrorMessage = "EmailInvalid")]
    public string ContactEmail { get; set; } = "";

    [Required(ErrorMessage = "Required"), MaxLength(32, ErrorMessage = "TooLong"), PhoneNumber(ErrorMessage = "PhoneInvalid")]
    public string ContactPhone { get; set; } = "";

    [MustBeTrue(ErrorMessage = "MustConfirm")]
    public bool Declaration { get; set; }

    /// <summary>Generated when the empty form is shown and posted back with it, so a retried post is recognised.</summary>
    [MaxLength(64, ErrorMessage = "TooLong")]
    public string? SubmissionKey { get; set; }

    /// <summary>A protected reference to a document already uploaded with an earlier post of this form.</summary>
    [MaxLength(2000, ErrorMessage = "TooLong")]
    public string? KeptDocument { get; set; }

    public static ApplicationForm From(Organisation organisation) => new()
    {
        NameAr = organisation.NameAr,
        NameCkb = organisation.NameCkb,
        NameEn = organisation.NameEn,
        RegistrationNumber = organisation.RegistrationNumber,
        Governorates = [.. organisation.Governorates],
        FocusAreas = [.. organisation.FocusAreas],
        ContactName = organisation.ContactName,
        ContactEmail = organisation.ContactEmail,
        ContactPhone = organisation.ContactPhone,
    };
}

/// <summary>The organisation's public profile, edited by its administrator.</summary>
public sealed class ProfileForm
{
    [MaxLength(4000, ErrorMessage = "TooLong")]
    public string? DescriptionAr { get; set; }

    [MaxLength(4000, ErrorMessage = "TooLong")]
    public string? DescriptionCkb { get; set; }

    [MaxLength(4000, ErrorMessage = "TooLong")]
    public string? DescriptionEn { get; set; }

    [MaxLength(300, ErrorMessage = "TooLong"), WebAddress(ErrorMessage = "UrlInvalid")]
    public string? Website { get; set; }

    [MaxLength(EmailAddresses.MaxLength, ErrorMessage = "TooLong"), StrictEmail(ErrorMessage = "EmailInvalid")]
    public string? PublicEmail { get; set; }
}

public enum MemberRole
{
    Member,
    Administrator,
}

/// <summary>An invitation to join the organisation on the portal.</summary>
public sealed class InviteForm
{
    [Required(ErrorMessage = "Required"), MaxLength(200, ErrorMessage = "TooLong")]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "Required"), MaxLength(EmailAddresses.MaxLength, ErrorMessage = "TooLong"), StrictEmail(ErrorMessage = "EmailInvalid")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Required"), MaxLength(10, ErrorMessage = "TooLong")]
    public string Language { get; set; } = "ar";

    public MemberRole Role { get; set; } = MemberRole.Member;
}

/// <summary>A decision of the relations division, with the status the deciding person saw.</summary>
public sealed class DecisionForm
{
    public OrganisationDecision? Decision { get; set; }

    [MaxLength(2000, ErrorMessage = "TooLong")]
    public string? Reason { get; set; }

    /// <summary>The status shown when the form was rendered: a decision on anything else is refused as out of date.</summary>
    public OrganisationStatus ExpectedStatus { get; set; }
}
