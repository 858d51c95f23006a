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

    /// <summary>Runs the rest of a test under a language's culture, as the portal's localisation middleware sets it.</summary>
    public static IDisposable UseLanguage(string language)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var culture = CultureInfo.GetCultureInfo(language switch { "ckb" => "ckb-IQ", "en" => "en", _ => "ar-IQ" });
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        return new Restore(() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
