using Ihec.Portal.Shared.Organisations;

namespace Ihec.Portal.Features.Organisations;

// What the service hands to pages. Public views carry only public fields, so a page cannot show a contact by mistake.

/// <summary>An upload accepted with a form that came back with errors: a protected token and the name to show.</summary>
public sealed record KeptDocument(string Token, string FileName);

public sealed record ReviewFilter(OrganisationStatus? Status, string? Search, int Page = 1)
{
    public const int PageSize = 50;
}

public sealed record ReviewRow(Guid Id, string Reference, string NameAr, string NameCkb, string NameEn, string RegistrationNumber,
    OrganisationStatus Status, DateTimeOffset AppliedAt, DateTimeOffset? DecidedAt)
{
    public string NameFor(string culture) => LocalisedText.Pick(culture, NameAr, NameCkb, NameEn);
}

public sealed record ReviewList(IReadOnlyList<ReviewRow> Rows, IReadOnlyDictionary<OrganisationStatus, int> Counts, int Total, int Page)
{
    public int Pages => Math.Max(1, (Total + ReviewFilter.PageSize - 1) / ReviewFilter.PageSize);
    public int CountOf(OrganisationStatus status) => Counts.TryGetValue(status, out var count) ? count : 0;
}

public sealed record HistoryEntry(DateTimeOffset At, string Action, string ActorName, string? Details);

/// <param name="ContactInvitationPending">The contact's administrator account exists but was never activated (the invitation may be lost or expired).</param>
public sealed record ReviewDetail(Organisation Organisation, IReadOnlyList<HistoryEntry> History, IReadOnlyList<OrganisationDecision> AllowedDecisions,
    bool ContactInvitationPending);

public sealed record DocumentDownload(Stream Content, string ContentType, string FileName);

public sealed record MemberView(string UserId, string DisplayName, string Email, string PreferredCulture, bool IsAdministrator, bool HasActivated);

public sealed record MyOrganisationView(Organisation Organisation, IReadOnlyList<MemberView> Members, bool IsAdministrator, string CurrentUserId);

public sealed record DirectoryFilter(string? Governorate, FocusArea? FocusArea, string? Search);

public sealed record DirectoryEntry(string Reference, string NameAr, string NameCkb, string NameEn, IReadOnlyList<string> Governorates,
    IReadOnlyList<FocusArea> FocusAreas)
{
    public string NameFor(string culture) => LocalisedText.Pick(culture, NameAr, NameCkb, NameEn);
}

public sealed record PublicProfile(string Reference, string NameAr, string NameCkb, string NameEn, string? DescriptionAr, string? DescriptionCkb,
    string? DescriptionEn, string? Website, string? PublicEmail, IReadOnlyList<string> Governorates, IReadOnlyList<FocusArea> FocusAreas,
    DateTimeOffset? AccreditedAt)
{
    public string NameFor(string culture) => LocalisedText.Pick(culture, NameAr, NameCkb, NameEn);

    /// <summary>The description in the reader's language, else in any language the organisation wrote one in.</summary>
    public string? DescriptionFor(string culture) =>
        LocalisedText.Pick(culture, DescriptionAr ?? "", DescriptionCkb, DescriptionEn) is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text)
            ? text
            : new[] { DescriptionEn, DescriptionCkb }.FirstOrDefault(d => !string.IsNullOrWhiteSpace(d));
}

/// <summary>What the applicant sees on the correction page opened from a request for information.</summary>
public sealed record UpdateContext(string Reference, string Name, string? Request, string? DocumentFileName, ApplicationForm Form);
