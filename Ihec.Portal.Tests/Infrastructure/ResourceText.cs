using System.Globalization;
using System.Xml.Linq;

namespace Ihec.Portal.Tests.Infrastructure;

/// <summary>Strings straight from the .resx files in the source tree, to compare what the portal renders against.</summary>
public static class ResourceText
{
    /// <param name="resourceSet">Path under Ihec.Portal/Resources without extension, e.g. <c>SharedText</c>.</param>
    /// <param name="language"><c>ar</c> (the neutral file), <c>ckb</c> or <c>en</c>.</param>
    public static string Get(string resourceSet, string language, string key, params object[] args)
    {
        var file = Path.Combine(SourceTree.Portal, "Resources", resourceSet + (language == "ar" ? "" : "." + language) + ".resx");
        var value = XDocument.Load(file).Root!.Elements("data")
                        .FirstOrDefault(d => (string?)d.Attribute("name") == key)?.Element("value")?.Value
                    ?? throw new InvalidOperationException($"No '{key}' in {file}.");
        return args.Length == 0 ? value : string.Format(CultureInfo.InvariantCulture, value, args);
    }

    /// <summary>
    /// A counted phrase as the portal writes it: the form of <paramref name="count"/>'s CLDR category in
    /// <paramref name="language"/> (<c>Name#few</c>, …), with the count as {0} and <paramref name="more"/> after it.
    /// </summary>
    public static string Counted(string resourceSet, string language, string name, long count, params object[] more)
    {
        var format = Get(resourceSet, language, Ihec.Portal.Infrastructure.Localisation.Plural.Key(name, Ihec.Portal.Infrastructure.Localisation.Plural.Category(language, count)));
        var culture = Ihec.Portal.Infrastructure.Localisation.Cultures.CultureFor(language);
        return string.Format(culture, format, [count.ToString("N0", culture), .. more]);
    }

    /// <summary>Runs the rest of a test under a language's culture, as the portal's localisation middleware sets it.</summary>
    public static IDisposable UseLanguage(string language)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var culture = Ihec.Portal.Infrastructure.Localisation.Cultures.CultureFor(language);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        return new Restore(() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
