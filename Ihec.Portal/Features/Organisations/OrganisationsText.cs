namespace Ihec.Portal.Features.Organisations;

/// <summary>Marker for Resources/Features/Organisations/OrganisationsText.*.resx.</summary>
public sealed class OrganisationsText;
