namespace Ihec.Portal.Features.Library;

/// <summary>Marker for Resources/Features/Library/LibraryText.*.resx.</summary>
public sealed class LibraryText;
