using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Ihec.Portal.Features.Rumours;

/// <summary>
/// schema.org ClaimReview metadata for a fact-check page, so search engines and fact-check aggregators can show the
/// verdict. Serialised with HTML-sensitive characters escaped, so text from a claim can never close the script element.
/// </summary>
public static class ClaimReviewJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = false,
    };

    /// <summary>The rating on a 1 (false) to 5 (true) scale; none for a claim outside IHEC's remit.</summary>
    public static int? RatingValue(RumourVerdict verdict) => verdict switch
    {
        RumourVerdict.False => 1,
        RumourVerdict.Misleading => 2,
        RumourVerdict.Unverified => 3,
        RumourVerdict.True => 5,
        _ => null,
    };

    public static string Build(FactCheck factCheck, string language, string permalink, string publisherName, string publisherUrl, string verdictText, ClaimSource claimSource)
    {
        // Google asks for the rating's name: the verdict's name in the page's language (alternateName as before).
        var rating = new JsonObject
        {
            ["@type"] = "Rating",
            ["bestRating"] = 5,
            ["worstRating"] = 1,
            ["name"] = verdictText,
            ["alternateName"] = verdictText,
        };
        if (RatingValue(factCheck.Verdict) is { } value)
        {
            rating["ratingValue"] = value;
        }

        var claim = new JsonObject
        {
            ["@type"] = "Claim",
            ["author"] = claimSource.ToJson(),
        };
        if (factCheck.ClaimFirstSeen is { } seen)
        {
            claim["datePublished"] = seen.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (factCheck.Appearances.Count > 0)
        {
            claim["appearance"] = new JsonArray(factCheck.Appearances.Select(url => (JsonNode)new JsonObject { ["@type"] = "CreativeWork", ["url"] = url }).ToArray());
            claim["firstAppearance"] = new JsonObject { ["@type"] = "CreativeWork", ["url"] = factCheck.Appearances[0] };
        }

        var review = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "ClaimReview",
            ["url"] = permalink,
            ["inLanguage"] = factCheck.TextLanguage(language),
            ["datePublished"] = factCheck.PublishedAt.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["dateModified"] = factCheck.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["claimReviewed"] = factCheck.Claim(language),
            ["author"] = new JsonObject { ["@type"] = "Organization", ["name"] = publisherName, ["url"] = publisherUrl },
            ["reviewRating"] = rating,
            ["itemReviewed"] = claim,
        };
        return review.ToJsonString(Options);
    }
}

/// <summary>
/// Who made a claim, for ClaimReview's <c>itemReviewed.author</c>: a schema.org type (<c>Organization</c> or
/// <c>Person</c>) and a name. The portal does not record who started a rumour (reports say where it was seen, not by
/// whom), so every fact check says <see cref="Unknown"/>; a source field on the case would pass a known one here.
/// </summary>
public sealed record ClaimSource(string Type, string Name)
{
    /// <summary>The claim's source is not known: a <c>Person</c> named "unknown source" in the page's language.</summary>
    public static ClaimSource Unknown(string localisedName) => new("Person", localisedName);

    internal JsonObject ToJson() => new() { ["@type"] = Type, ["name"] = Name };
}
