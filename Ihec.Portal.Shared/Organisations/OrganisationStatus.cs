namespace Ihec.Portal.Shared.Organisations;

public enum OrganisationStatus
{
    /// <summary>Applied, waiting for the IHEC relations division.</summary>
    Submitted = 0,
    /// <summary>IHEC asked the applicant for more information.</summary>
    InformationRequested = 1,
    Accredited = 2,
    Refused = 3,
    Suspended = 4,
}

public enum OrganisationDecision
{
    Accept,
    Refuse,
    RequestInformation,
    Suspend,
    Reinstate,
}
