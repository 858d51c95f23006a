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

    public static string Build(FactCheck factCheck, string language, string permalink, string publisherName, string publisherUrl, string verdictText)
    {
        var rating = new JsonObject
        {
            ["@type"] = "Rating",
            ["bestRating"] = 5,
            ["worstRating"] = 1,
            ["alternateName"] = verdictText,
        };
        if (RatingValue(factCheck.Verdict) is { } value)
        {
            rating["ratingValue"] = value;
        }

        var claim = new JsonObject
        {
            ["@type"] = "Claim",
            ["author"] = new JsonObject { ["@type"] = "Organization", ["name"] = "—" },
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

        claim.Remove("author");
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
