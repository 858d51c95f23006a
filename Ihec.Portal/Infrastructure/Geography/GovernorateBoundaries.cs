using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Ihec.Portal.Infrastructure.Geography;

/// <summary>
/// Iraq's 18 governorates as polygons, from the bundled <c>wwwroot/data/iraq-governorates.geojson</c> (Natural Earth
/// admin-1, public domain; built by wwwroot-assets). Nothing is fetched from the internet. Gives SVG outlines for
/// server-rendered maps and tells which governorate a point lies in.
/// </summary>
public sealed class GovernorateBoundaries
{
    public const string WebPath = "data/iraq-governorates.geojson";

    private readonly Dictionary<string, List<List<(double Lon, double Lat)>>> rings;
    private readonly Dictionary<string, (double MinLon, double MaxLon, double MinLat, double MaxLat)> boxes;

    public GovernorateBoundaries(IWebHostEnvironment environment)
        : this(Load(environment))
    {
    }

    internal GovernorateBoundaries(Dictionary<string, List<List<(double Lon, double Lat)>>> rings)
    {
        this.rings = rings;
        boxes = rings.ToDictionary(r => r.Key, r =>
        {
            var points = r.Value.SelectMany(ring => ring).ToList();
            return (points.Min(p => p.Lon), points.Max(p => p.Lon), points.Min(p => p.Lat), points.Max(p => p.Lat));
        }, StringComparer.Ordinal);
        var all = rings.Values.SelectMany(r => r).SelectMany(r => r).ToList();
        MinLon = all.Min(p => p.Lon);
        MaxLon = all.Max(p => p.Lon);
        MinLat = all.Min(p => p.Lat);
        MaxLat = all.Max(p => p.Lat);
    }

    public IReadOnlyCollection<string> Codes => rings.Keys;

    public double MinLon { get; }
    public double MaxLon { get; }
    public double MinLat { get; }
    public double MaxLat { get; }

    /// <summary>The governorate containing the point (even-odd rule over every ring), or null outside Iraq.</summary>
    public string? GovernorateAt(double lon, double lat)
    {
        foreach (var (code, polygons) in rings)
        {
            // A governorate whose extent does not hold the point cannot hold it (the registry checks thousands of points).
            var box = boxes[code];
            if (lon < box.MinLon || lon > box.MaxLon || lat < box.MinLat || lat > box.MaxLat)
            {
                continue;
            }

            var inside = false;
            foreach (var ring in polygons)
            {
                for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++)
                {
                    var (xi, yi) = ring[i];
                    var (xj, yj) = ring[j];
                    if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi)
                    {
                        inside = !inside;
                    }
                }
            }

            if (inside)
            {
                return code;
            }
        }

        return null;
    }

    /// <summary>
    /// SVG outlines in a box <paramref name="width"/> units wide (north up, west left), with the map's height: an
    /// equirectangular projection corrected for Iraq's latitude, rounded to whole units and without repeated points,
    /// which keeps the page light.
    /// </summary>
    public SvgMap Svg(int width) => svgs.GetOrAdd(width, Project);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, SvgMap> svgs = new();

    private SvgMap Project(int width)
    {
        var midLat = (MinLat + MaxLat) / 2 * Math.PI / 180;
        var xScale = Math.Cos(midLat);
        var scale = width / ((MaxLon - MinLon) * xScale);
        var height = (int)Math.Ceiling((MaxLat - MinLat) * scale);
        var paths = new Dictionary<string, string>();
        foreach (var (code, polygons) in rings)
        {
            var d = new StringBuilder();
            foreach (var ring in polygons)
            {
                (int X, int Y)? last = null;
                var count = 0;
                var part = new StringBuilder();
                foreach (var (lon, lat) in ring)
                {
                    var point = ((int)Math.Round((lon - MinLon) * xScale * scale), (int)Math.Round((MaxLat - lat) * scale));
                    if (point == last)
                    {
                        continue;
                    }

                    part.Append(count == 0 ? 'M' : 'L').Append(point.Item1.ToString(CultureInfo.InvariantCulture)).Append(' ')
                        .Append(point.Item2.ToString(CultureInfo.InvariantCulture));
                    last = point;
                    count++;
                }

                if (count >= 3)
                {
                    d.Append(part).Append('Z');
                }
            }

            paths[code] = d.ToString();
        }

        return new SvgMap(width, height, paths);
    }

    private static Dictionary<string, List<List<(double Lon, double Lat)>>> Load(IWebHostEnvironment environment)
    {
        var file = environment.WebRootFileProvider.GetFileInfo(WebPath);
        if (!file.Exists)
        {
            throw new InvalidOperationException($"wwwroot/{WebPath} is missing: run `npm ci && npm run build` in wwwroot-assets.");
        }

        using var stream = file.CreateReadStream();
        return Parse(stream);
    }

    /// <summary>The boundaries from a GeoJSON file (for tools and tests that run without a web host).</summary>
    internal static GovernorateBoundaries FromFile(string path)
    {
        using var stream = File.OpenRead(path);
        return new GovernorateBoundaries(Parse(stream));
    }

    private static Dictionary<string, List<List<(double Lon, double Lat)>>> Parse(Stream stream)
    {
        using var document = JsonDocument.Parse(stream);
        var result = new Dictionary<string, List<List<(double, double)>>>(StringComparer.Ordinal);
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            var code = feature.GetProperty("properties").GetProperty("code").GetString()!;
            var geometry = feature.GetProperty("geometry");
            var polygons = geometry.GetProperty("type").GetString() == "MultiPolygon"
                ? geometry.GetProperty("coordinates").EnumerateArray().SelectMany(p => p.EnumerateArray())
                : geometry.GetProperty("coordinates").EnumerateArray();
            result[code] = polygons.Select(ring => ring.EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToList()).ToList();
        }

        return result;
    }
}

/// <summary>Outlines ready for an SVG: the view box and one path per governorate code.</summary>
public sealed record SvgMap(int Width, int Height, IReadOnlyDictionary<string, string> Paths);
