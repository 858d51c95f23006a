namespace Ihec.Portal.Features.Rumours;

/// <summary>Marker for Resources/Features/Rumours/RumoursText.*.resx.</summary>
public sealed class RumoursText;
