using Ihec.Portal.Infrastructure.Localisation;

namespace Ihec.Portal.Features.Announcements;

/// <summary>Small helpers the announcement pages share.</summary>
public static class AnnouncementUi
{
    public static string Dir(string language) => Cultures.IsRightToLeft(language) ? "rtl" : "ltr";

    /// <summary>The lang attribute only where content differs from the page's language.</summary>
    public static string? LangIfDifferent(string language) => language == Cultures.Current ? null : language;
}
