using System.Globalization;
using Ihec.Portal.Infrastructure.Localisation;
using Ihec.Portal.Shared.Organisations;
using Ihec.Portal.Shared.Statistics;
using Microsoft.Extensions.Localization;

namespace Ihec.Portal.Features.Statistics;

/// <summary>How statistics read in the current language: whole numbers, percentages, governorate and office names, findings.</summary>
public static class StatisticsFormat
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public static string Count(long? value, IStringLocalizer text) => value is { } v ? Count(v) : text["NotAvailable"];

    /// <summary>A percentage with one decimal, or "not available" when the whole is zero.</summary>
    public static string Percent(double? value, IStringLocalizer text) =>
        value is { } v ? (v / 100).ToString("P1", CultureInfo.CurrentCulture) : text["NotAvailable"];

    public static string Percent(long part, long whole, IStringLocalizer text) => Percent(StatisticsService.Percent(part, whole), text);

    /// <summary>A signed difference (tape minus engine): "+3", "−2".</summary>
    public static string Delta(long? value) => value switch
    {
        null => "",
        > 0 => "+" + Count(value.Value),
        _ => value.Value.ToString("N0", CultureInfo.CurrentCulture),
    };

    /// <summary>A bar's length for CSS, always with a dot as decimal separator.</summary>
    public static string Width(double? percent) => Math.Clamp(percent ?? 0, 0, 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public static string Governorate(string code, IStringLocalizer shared)
    {
        var name = shared[Governorates.ResourceKey(code)];
        return name.ResourceNotFound ? code : name.Value;
    }

    /// <summary>"Baghdad – Rusafa" for an office, else the governorate's name.</summary>
    public static string Area(string code, string? office, IStringLocalizer shared, IStringLocalizer text)
    {
        var governorate = Governorate(code, shared);
        if (string.IsNullOrEmpty(office))
        {
            return governorate;
        }

        var officeName = text["Office_" + office.Replace('-', '_')];
        return governorate + " – " + (officeName.ResourceNotFound ? office : officeName.Value);
    }

    public static string EntityName(string entityId, IReadOnlyList<ElectoralEntity>? entities) =>
        entities?.FirstOrDefault(e => e.Id == entityId)?.Name.In(Cultures.Current) ?? entityId;

    public static string ElectionName(Election election) => election.Name.In(Cultures.Current);

    /// <summary>A name from the engine in the current language, or in Arabic where the engine has only that.</summary>
    public static string Name(LocalisedName name) => name.OrArabic(Cultures.Current);

    /// <summary>One broken invariant as a sentence in the reader's language.</summary>
    public static string Violation(InvariantViolation v, IStringLocalizer text) =>
        string.Format(CultureInfo.CurrentCulture, text["Violation_" + v.Kind], v.Subject, v.Field,
            v.Expected is { } e ? Count(e) : "", v.Actual is { } a ? Count(a) : "");
}
