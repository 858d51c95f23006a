using System.Globalization;

namespace Ihec.Portal.Features.Announcements;

public enum AnnouncementImportance
{
    Normal = 0,
    Urgent = 1,
}

public enum AnnouncementAudience
{
    /// <summary>Every organisation accredited when the announcement is sent.</summary>
    All = 0,
    /// <summary>The accredited organisations that work in at least one of the chosen governorates.</summary>
    Governorates = 1,
}

/// <summary>
/// A message from IHEC's media unit to accredited organisations. It is delivered when it is sent: the organisations it
/// reaches are fixed then (<see cref="Recipients"/>), so an organisation accredited later does not receive earlier
/// announcements, and the reach and read figures never move under the unit's feet. Every member of a recipient
/// organisation reads it, including members who join later.
/// </summary>
public class Announcement
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public int Number { get; set; }
    public string Title { get; set; } = "";
    /// <summary>Markdown, rendered through the sanitising renderer.</summary>
    public string Body { get; set; } = "";
    /// <summary>The language it is written in: ar, ckb or en.</summary>
    public string Language { get; set; } = "ar";
    public AnnouncementImportance Importance { get; set; }
    public AnnouncementAudience Audience { get; set; }
    /// <summary>The chosen governorates when <see cref="Audience"/> is <see cref="AnnouncementAudience.Governorates"/>.</summary>
    public List<string> Governorates { get; set; } = [];
    public DateTimeOffset SentAt { get; set; }
    public string SentByUserId { get; set; } = "";
    public string SentByName { get; set; } = "";
    /// <summary>The compose form's key: a second post of the same form finds this announcement instead of sending again.</summary>
    public string SubmissionKey { get; set; } = "";
    /// <summary>Members with an account who could read it when it was sent.</summary>
    public int MemberCount { get; set; }
    public bool EmailMembers { get; set; }
    /// <summary>When the e-mails to members went out; null while they are still to be sent.</summary>
    public DateTimeOffset? EmailedAt { get; set; }
    public bool IsDemo { get; set; }
    public List<AnnouncementRecipient> Recipients { get; set; } = [];

    public string Reference => FormatReference(Number);

    public static string FormatReference(int number) => "A-" + number.ToString("D6", CultureInfo.InvariantCulture);
}

/// <summary>An organisation an announcement was delivered to.</summary>
public class AnnouncementRecipient
{
    public Guid AnnouncementId { get; set; }
    public Guid OrganisationId { get; set; }
}

/// <summary>A member's read receipt: the first time the member opened the announcement.</summary>
public class AnnouncementRead
{
    public Guid AnnouncementId { get; set; }
    public string UserId { get; set; } = "";
    public Guid OrganisationId { get; set; }
    public DateTimeOffset ReadAt { get; set; }
}
