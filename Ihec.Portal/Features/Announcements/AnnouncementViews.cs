namespace Ihec.Portal.Features.Announcements;

/// <summary>Who an announcement would reach if it were sent now.</summary>
public sealed record AnnouncementReach(int Organisations, int Members);

/// <summary>A sent announcement in the media unit's list.</summary>
public sealed record SentAnnouncementRow(Guid Id, string Reference, string Title, string Language, AnnouncementImportance Importance,
    AnnouncementAudience Audience, IReadOnlyList<string> Governorates, DateTimeOffset SentAt, string SentByName, int Organisations, int Members,
    int Readers, int OrganisationsRead);

/// <summary>A member who has read an announcement.</summary>
public sealed record ReaderRow(Guid OrganisationId, string OrganisationName, string OrganisationReference, string MemberName, DateTimeOffset ReadAt);

/// <summary>A targeted organisation, with its members and how many of them have read the announcement.</summary>
public sealed record TargetRow(Guid OrganisationId, string Name, string Reference, IReadOnlyList<string> Governorates, int Members, int Readers);

/// <summary>An announcement for the media unit: what was sent, to whom, and who has read it.</summary>
public sealed record SentAnnouncementView(Announcement Announcement, IReadOnlyList<TargetRow> Targets, IReadOnlyList<ReaderRow> Readers)
{
    public IReadOnlyList<TargetRow> Unread => [.. Targets.Where(t => t.Readers == 0)];
}

/// <summary>An announcement in a member's list.</summary>
public sealed record InboxRow(Guid Id, string Title, string Language, AnnouncementImportance Importance, DateTimeOffset SentAt, bool IsRead);

/// <summary>An announcement as a member reads it.</summary>
public sealed record InboxView(Announcement Announcement, DateTimeOffset? FirstReadAt);
