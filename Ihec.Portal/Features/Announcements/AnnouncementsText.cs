namespace Ihec.Portal.Features.Announcements;

/// <summary>Marker for Resources/Features/Announcements/AnnouncementsText.*.resx.</summary>
public sealed class AnnouncementsText;
