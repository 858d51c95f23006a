namespace Ihec.Portal.Features.Statistics;

/// <summary>Marker for Resources/Features/Statistics/StatisticsText.*.resx.</summary>
public sealed class StatisticsText;
