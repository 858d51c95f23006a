namespace Ihec.Portal.Features.Reports;

/// <summary>Marker for Resources/Features/Reports/ReportsText.*.resx.</summary>
public sealed class ReportsText;
