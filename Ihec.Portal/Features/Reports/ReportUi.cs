using System.Globalization;
using Ihec.Portal.Infrastructure.Localisation;

namespace Ihec.Portal.Features.Reports;

/// <summary>Small helpers the reports pages share: direction, dates, sizes.</summary>
public static class ReportUi
{
    public static string Dir(string language) => Cultures.IsRightToLeft(language) ? "rtl" : "ltr";

    /// <summary>The lang attribute only where content differs from the page's language.</summary>
    public static string? LangIfDifferent(string language) => language == Cultures.Current ? null : language;

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    public static string Period(DateOnly? from, DateOnly? to) => (from, to) switch
    {
        ({ } f, { } t) when f == t => Date(f),
        ({ } f, { } t) => Date(f) + " – " + Date(t),
        ({ } f, null) => Date(f) + " –",
        (null, { } t) => "– " + Date(t),
        _ => "",
    };

    public static string Size(long bytes) => bytes >= 1024 * 1024
        ? (bytes / 1024d / 1024d).ToString("0.0", CultureInfo.CurrentCulture) + " MB"
        : Math.Max(1, bytes / 1024).ToString("N0", CultureInfo.CurrentCulture) + " KB";
}
