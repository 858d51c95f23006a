namespace Ihec.Portal;

/// <summary>Marker for the strings every module shares (shell, navigation, common words): Resources/SharedText.*.resx.</summary>
public sealed class SharedText;
