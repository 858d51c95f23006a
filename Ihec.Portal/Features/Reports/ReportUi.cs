using System.Globalization;
using Ihec.Portal.Infrastructure.Localisation;

namespace Ihec.Portal.Features.Reports;

/// <summary>Small helpers the reports pages share: direction, dates, sizes.</summary>
public static class ReportUi
{
    public static string Dir(string language) => Cultures.IsRightToLeft(language) ? "rtl" : "ltr";

    /// <summary>The lang attribute only where content differs from the page's language.</summary>
    public static string? LangIfDifferent(string language) => language == Cultures.Current ? null : language;

    public static string Date(DateOnly date) => DisplayFormat.Date(date);

    public static string Period(DateOnly? from, DateOnly? to) => (from, to) switch
    {
        ({ } f, { } t) when f == t => Date(f),
        ({ } f, { } t) => Date(f) + " – " + Date(t),
        ({ } f, null) => Date(f) + " –",
        (null, { } t) => "– " + Date(t),
        _ => "",
    };

    public static string Size(long bytes) => DisplayFormat.FileSize(bytes);
}
