namespace Ihec.Portal.Features.Violations;

/// <summary>Marker for Resources/Features/Violations/ViolationsText.*.resx.</summary>
public sealed class ViolationsText;
