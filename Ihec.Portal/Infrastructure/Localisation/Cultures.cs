using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Ihec.Portal.Infrastructure.Localisation;

/// <summary>The portal's three languages. Arabic is the default.</summary>
public static class Cultures
{
    public const string Arabic = "ar";
    public const string Sorani = "ckb";
    public const string English = "en";

    public static readonly IReadOnlyList<string> All = [Arabic, Sorani, English];

    /// <summary>The two- or three-letter language of the current UI culture: <c>ar</c>, <c>ckb</c> or <c>en</c>.</summary>
    public static string Current => Normalise(CultureInfo.CurrentUICulture.Name);

    public static string Normalise(string? name) => name switch
    {
        null or "" => Arabic,
        _ when name.StartsWith("ckb", StringComparison.OrdinalIgnoreCase) => Sorani,
        _ when name.StartsWith("en", StringComparison.OrdinalIgnoreCase) => English,
        _ => Arabic,
    };

    public static bool IsSupported(string? name) => name is not null && All.Contains(name);

    public static bool IsRightToLeft(string language) => language != English;

    /// <summary>
    /// The .NET culture used for a language. Sorani uses <c>ckb-IQ</c>, the name MudBlazor's strings use. Arabic and
    /// Sorani are adjusted to the display policy (<see cref="DisplayFormat"/>): Latin digits take Latin separators, and
    /// Sorani dates read day, month, year ("دووشەممە، 7 کانونی یەکەم 2026", "7/12/2026"), not ICU's
    /// "2026 کانونی یەکەم 7, دووشەممە" and "2026-12-07".
    /// </summary>
    public static CultureInfo CultureFor(string language) => language switch
    {
        Sorani => SoraniCulture,
        English => CultureInfo.GetCultureInfo("en"),
        _ => ArabicCulture,
    };

    private static readonly CultureInfo ArabicCulture = Adjusted("ar-IQ", null);

    private static readonly CultureInfo SoraniCulture = Adjusted("ckb-IQ", dates =>
    {
        dates.LongDatePattern = "dddd، d MMMM yyyy";
        dates.ShortDatePattern = "d/M/yyyy";
        dates.DateSeparator = "/";
        dates.FullDateTimePattern = dates.LongDatePattern + " " + dates.LongTimePattern;
    });

    private static CultureInfo Adjusted(string name, Action<DateTimeFormatInfo>? dates)
    {
        var culture = new CultureInfo(name, useUserOverride: false);
        culture.NumberFormat.NumberGroupSeparator = culture.NumberFormat.CurrencyGroupSeparator = culture.NumberFormat.PercentGroupSeparator = ",";
        culture.NumberFormat.NumberDecimalSeparator = culture.NumberFormat.CurrencyDecimalSeparator = culture.NumberFormat.PercentDecimalSeparator = ".";
        culture.NumberFormat.DigitSubstitution = DigitShapes.None;
        dates?.Invoke(culture.DateTimeFormat);
        return CultureInfo.ReadOnly(culture);
    }

    /// <summary>Runs a block under another language, e.g. to write an e-mail in the recipient's language.</summary>
    public static IDisposable Use(string language)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var culture = CultureFor(Normalise(language));
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        return new Restore(previous);
    }

    private sealed class Restore((CultureInfo Culture, CultureInfo UiCulture) previous) : IDisposable
    {
        public void Dispose()
        {
            CultureInfo.CurrentCulture = previous.Culture;
            CultureInfo.CurrentUICulture = previous.UiCulture;
        }
    }
}

public static class LocalisationModule
{
    public static IServiceCollection AddPortalLocalisation(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var supported = Cultures.All.Select(CultureInfo.GetCultureInfo).ToList();
            o.DefaultRequestCulture = new RequestCulture(Cultures.Arabic);
            o.SupportedCultures = supported;
            o.SupportedUICultures = supported;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // The standard providers stay on: ?culture=, the culture cookie, then Accept-Language.
        });
        return services;
    }

    public static WebApplication UsePortalLocalisation(this WebApplication app)
    {
        app.UseRequestLocalization();
        // Map the negotiated language to the culture we format with (ar → ar-IQ, ckb → ckb-IQ), and remember
        // a choice made by ?culture= in the cookie so the next page keeps it.
        app.Use(async (context, next) =>
        {
            var language = Cultures.Normalise(CultureInfo.CurrentUICulture.Name);
            var culture = Cultures.CultureFor(language);
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;

            if (context.Request.Query.TryGetValue("culture", out var asked) && Cultures.IsSupported(asked.ToString()))
            {
                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
                    new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            }

            await next();
        });
        return app;
    }
}
