using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Ihec.Portal.Infrastructure.Localisation;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ihec.Portal.Tests.Unit;

/// <summary>
/// Every string a person reads comes from resources, in Arabic (X.resx, the neutral language), Sorani (X.ckb.resx)
/// and English (X.en.resx). These tests read the .resx files from the source tree and the strings the portal
/// asks for in its .razor and .cs files.
/// </summary>
public sealed partial class ResourceCompletenessTests
{
    private static readonly string[] Languages = ["ar", "ckb", "en"];

    public static TheoryData<string> ResourceSets() => new(ResourceSet.All.Keys);

    [Fact]
    public void The_portal_has_resource_sets_and_each_has_its_marker_class()
    {
        Assert.Contains("SharedText", ResourceSet.All.Keys);
        var withoutMarker = ResourceSet.All.Values.Where(s => s.MarkerType is null).Select(s => s.Name).ToList();
        Assert.True(withoutMarker.Count == 0,
            "Resource sets whose marker class (namespace Ihec.Portal + folder under Resources) does not exist: " + string.Join(", ", withoutMarker));
    }

    [Theory]
    [MemberData(nameof(ResourceSets))]
    public void Every_key_has_a_value_in_arabic_sorani_and_english(string resourceSet)
    {
        var set = ResourceSet.All[resourceSet];
        var problems = new List<string>();
        foreach (var language in Languages)
        {
            if (!set.Files.ContainsKey(language))
            {
                problems.Add($"{set.Name}: no {language} file");
                continue;
            }

            var values = set.Values(language);
            // A counted phrase has only the plural categories of each language (Arabic six, Sorani and English two).
            foreach (var key in set.AllKeys.Where(k => !k.Contains(Plural.Separator) || Plural.Categories(language).Contains(k[(k.IndexOf(Plural.Separator) + 1)..])))
            {
                if (!values.TryGetValue(key, out var value))
                {
                    problems.Add($"{key}: missing in {language}");
                }
                else if (string.IsNullOrWhiteSpace(value))
                {
                    problems.Add($"{key}: empty in {language}");
                }
            }
        }

        Assert.True(problems.Count == 0, $"{set.Name}:\n  " + string.Join("\n  ", problems));
    }

    [Theory]
    [MemberData(nameof(ResourceSets))]
    public void Placeholders_are_the_same_in_every_language(string resourceSet)
    {
        var set = ResourceSet.All[resourceSet];
        var problems = new List<string>();
        foreach (var key in set.AllKeys)
        {
            var byLanguage = Languages
                .Where(set.Files.ContainsKey)
                .Select(l => (Language: l, Placeholders: set.Values(l).TryGetValue(key, out var v) ? Placeholders(v, counted: key.Contains(Plural.Separator)) : null))
                .Where(p => p.Placeholders is not null)
                .ToList();
            var distinct = byLanguage.Select(p => p.Placeholders!).Distinct().ToList();
            if (distinct.Count > 1)
            {
                problems.Add($"{key}: " + string.Join("; ", byLanguage.Select(p => $"{p.Language} {p.Placeholders}")));
            }
        }

        Assert.True(problems.Count == 0, $"{set.Name}: placeholders differ\n  " + string.Join("\n  ", problems));
    }

    [Theory]
    [MemberData(nameof(ResourceSets))]
    public void The_built_portal_serves_every_string_in_each_language(string resourceSet)
    {
        // Reads through the app's own mechanism (ResourceManager over the main and satellite assemblies),
        // so a resource that is not embedded, or embedded under the wrong name, fails here.
        var set = ResourceSet.All[resourceSet];
        Assert.NotNull(set.MarkerType);
        var factory = new ResourceManagerStringLocalizerFactory(
            Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);
        var localizer = factory.Create(set.MarkerType!);
        var problems = new List<string>();
        foreach (var (language, culture) in new[] { ("ar", "ar-IQ"), ("ckb", "ckb-IQ"), ("en", "en") })
        {
            var expected = set.Values(language);
            using (UseCulture(culture))
            {
                foreach (var key in set.AllKeys.Where(expected.ContainsKey))
                {
                    var actual = localizer[key];
                    if (actual.ResourceNotFound || actual.Value != expected[key])
                    {
                        problems.Add($"{key} in {culture}: got '{(actual.ResourceNotFound ? "(not found)" : actual.Value)}'");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, $"{set.Name}:\n  " + string.Join("\n  ", problems));
    }

    [Fact]
    public void Every_literal_key_the_portal_asks_a_localizer_for_exists()
    {
        var problems = new List<string>();
        foreach (var use in LocalizerUses())
        {
            if (!ResourceSet.ByMarker.TryGetValue(use.Marker, out var set))
            {
                problems.Add($"{use.Where}: {use.Marker} has no resource set");
            }
            else if (use.IsPrefix ? !set.AllKeys.Any(k => k.StartsWith(use.Key, StringComparison.Ordinal))
                     : !set.AllKeys.Contains(use.Key) && !set.AllKeys.Contains(Plural.Key(use.Key, "other")))
            {
                problems.Add($"{use.Where}: {(use.IsPrefix ? "no key starting with" : "no key")} '{use.Key}' in {set.Name}");
            }
        }

        Assert.True(problems.Count == 0, "Keys the portal asks for that its resources lack:\n  " + string.Join("\n  ", problems));
    }

    [Fact]
    public void Every_audit_action_has_a_name_in_the_audit_log()
    {
        var admin = ResourceSet.ByMarker["AdminText"];
        var missing = new List<string>();
        foreach (var file in SourceTree.PortalFiles(".razor", ".cs"))
        {
            foreach (Match match in AuditCall().Matches(File.ReadAllText(file)))
            {
                var action = match.Groups["action"].Value;
                if (!admin.AllKeys.Contains("Action_" + action))
                {
                    missing.Add($"{SourceTree.Relative(file)}: Action_{action}");
                }
            }
        }

        Assert.True(missing.Count == 0, "Audit actions the audit log would show as raw codes (add them to AdminText):\n  " + string.Join("\n  ", missing));
    }

    /// <summary>The scan itself finds what it should, so that a regex slip cannot make the test above vacuous.</summary>
    [Fact]
    public void The_source_scan_sees_the_localizers_of_shared_pages_and_module_pages()
    {
        var uses = LocalizerUses().ToList();
        Assert.Contains(uses, u => u.Marker == "SharedText" && u.Key == "SkipToContent");
        Assert.Contains(uses, u => u.Marker == "AccountsText" && u.Key == "LoginTitle");
        Assert.Contains(uses, u => u.Marker == "AdminText" && u.Key == "AuditTitle");
        Assert.Contains(uses, u => u.Marker == "SharedText" && u.Key == "Required"); // a validation attribute's ErrorMessage
        Assert.Contains(uses, u => u.Marker == "SharedText" && u.Key == "LanguageName_" && u.IsPrefix);
    }

    private sealed record LocalizerUse(string Marker, string Key, bool IsPrefix, string Where);

    /// <summary>
    /// Each <c>x["Key"]</c> (and <c>x[$"Prefix{…}"]</c>, <c>x["Prefix" + …]</c>) where x is an
    /// <c>IStringLocalizer&lt;Marker&gt;</c> the file declares or injects, or inherits through an <c>_Imports.razor</c>;
    /// and each validation <c>ErrorMessage = "Key"</c> and <c>new ValidationResult("Key")</c>, which PortalValidator
    /// and ModelValidation look up in SharedText.
    /// </summary>
    private static IEnumerable<LocalizerUse> LocalizerUses()
    {
        foreach (var file in SourceTree.PortalFiles(".razor", ".cs"))
        {
            if (SourceTree.Relative(file).Contains("/Migrations/", StringComparison.Ordinal))
            {
                continue;
            }

            var text = File.ReadAllText(file);
            var localizers = file.EndsWith(".razor", StringComparison.Ordinal) ? InheritedInjections(file) : [];
            foreach (Match m in LocalizerDeclaration().Matches(text))
            {
                localizers[m.Groups["name"].Value] = m.Groups["marker"].Value;
            }

            foreach (var (name, marker) in localizers)
            {
                foreach (Match m in new Regex($@"(?<![\w.]){Regex.Escape(name)}\[(?<interp>\$)?""(?<key>[^""{{\\]*)(?<rest>[^""]*)""\s*(?<after>[\],+])").Matches(text))
                {
                    var isPrefix = m.Groups["interp"].Success && m.Groups["rest"].Value.Length > 0 || m.Groups["after"].Value == "+";
                    yield return new LocalizerUse(marker, m.Groups["key"].Value, isPrefix, Where(file, text, m.Index));
                }
            }

            foreach (Match m in ValidationKey().Matches(text))
            {
                yield return new LocalizerUse("SharedText", m.Groups["key"].Value, false, Where(file, text, m.Index));
            }
        }
    }

    /// <summary>The <c>@inject IStringLocalizer&lt;X&gt; Name</c> lines of the _Imports.razor files from the project root down to the file's folder.</summary>
    private static Dictionary<string, string> InheritedInjections(string razorFile)
    {
        var folders = new List<string>();
        for (var dir = Path.GetDirectoryName(razorFile)!; dir.Length >= SourceTree.Portal.Length; dir = Path.GetDirectoryName(dir)!)
        {
            folders.Insert(0, dir);
        }

        var result = new Dictionary<string, string>();
        foreach (var imports in folders.Select(f => Path.Combine(f, "_Imports.razor")).Where(File.Exists))
        {
            foreach (Match m in LocalizerDeclaration().Matches(File.ReadAllText(imports)))
            {
                result[m.Groups["name"].Value] = m.Groups["marker"].Value;
            }
        }

        return result;
    }

    private static string Where(string file, string text, int index) =>
        $"{SourceTree.Relative(file)}:{text.AsSpan(0, index).Count('\n') + 1}";

    /// <summary>The format items of a composite format string, as a canonical text: "{0}{1}".</summary>
    /// <param name="counted">A form of a counted phrase, which may leave its count ({0}) out ("بلاغ واحد").</param>
    private static string Placeholders(string value, bool counted = false) =>
        string.Concat(FormatItem().Matches(value.Replace("{{", "").Replace("}}", ""))
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().Where(i => !counted || i != 0).Order().Select(i => $"{{{i}}}"));

    private static IDisposable UseCulture(string name)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        return new Restore(() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    // "@inject IStringLocalizer<AccountsText> L", "IStringLocalizer<SharedText> text" (field, parameter),
    // "var text = ….GetRequiredService<IStringLocalizer<SharedText>>()".
    [GeneratedRegex(@"IStringLocalizer<(?<marker>\w+)>\s+(?<name>\w+)|var\s+(?<name>\w+)\s*=[^;]*IStringLocalizer<(?<marker>\w+)>")]
    private static partial Regex LocalizerDeclaration();

    [GeneratedRegex(@"ErrorMessage\s*=\s*""(?<key>[^""]+)""|new\s+ValidationResult\(\s*""(?<key>[^""]+)""")]
    private static partial Regex ValidationKey();

    // db.Audit(actor, "module.action", …): the first quoted code after the call, e.g. "account.sign-in".
    [GeneratedRegex(@"\.Audit\([^;]*?""(?<action>[a-z][a-z0-9-]*\.[a-z0-9.-]+)""")]
    private static partial Regex AuditCall();

    [GeneratedRegex(@"\{(\d+)(?:,[^}:]*)?(?::[^}]*)?\}")]
    private static partial Regex FormatItem();

    /// <summary>One resource base name (e.g. Features/Accounts/AccountsText) and its three language files.</summary>
    private sealed class ResourceSet
    {
        private readonly Dictionary<string, IReadOnlyDictionary<string, string>> values = new();

        public static IReadOnlyDictionary<string, ResourceSet> All { get; } = Discover();

        public static IReadOnlyDictionary<string, ResourceSet> ByMarker { get; } =
            All.Values.ToDictionary(s => Path.GetFileName(s.Name), s => s);

        private ResourceSet(string name) => Name = name;

        /// <summary>Path under Resources without the extension, e.g. <c>SharedText</c> or <c>Features/Admin/AdminText</c>.</summary>
        public string Name { get; }

        public Dictionary<string, string> Files { get; } = new();

        public Type? MarkerType => typeof(SharedText).Assembly.GetType("Ihec.Portal." + Name.Replace('/', '.'));

        public IReadOnlyCollection<string> AllKeys => Files.Keys.SelectMany(l => Values(l).Keys).ToHashSet();

        public IReadOnlyDictionary<string, string> Values(string language)
        {
            if (!values.TryGetValue(language, out var result))
            {
                result = XDocument.Load(Files[language]).Root!.Elements("data")
                    .Where(d => d.Attribute("type") is null)
                    .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");
                values[language] = result;
            }

            return result;
        }

        private static Dictionary<string, ResourceSet> Discover()
        {
            var resources = Path.Combine(SourceTree.Portal, "Resources");
            var sets = new Dictionary<string, ResourceSet>(StringComparer.Ordinal);
            foreach (var file in Directory.EnumerateFiles(resources, "*.resx", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(resources, file).Replace('\\', '/');
                var (name, language) = relative switch
                {
                    _ when relative.EndsWith(".ckb.resx", StringComparison.Ordinal) => (relative[..^".ckb.resx".Length], "ckb"),
                    _ when relative.EndsWith(".en.resx", StringComparison.Ordinal) => (relative[..^".en.resx".Length], "en"),
                    _ => (relative[..^".resx".Length], "ar"),
                };
                if (name.Contains('.'))
                {
                    // X.fr.resx or X.ckb-IQ.resx: a language the portal does not have. Report it as a set of its own.
                    language = "unexpected";
                }

                if (!sets.TryGetValue(name, out var set))
                {
                    sets[name] = set = new ResourceSet(name);
                }

                set.Files[language] = file;
            }

            return sets;
        }
    }
}
