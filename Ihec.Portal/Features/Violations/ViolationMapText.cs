namespace Ihec.Portal.Features.Violations;

/// <summary>Marker for Resources/Features/Violations/ViolationMapText.*.resx: the violations maps and the map pin picker.</summary>
public sealed class ViolationMapText;
