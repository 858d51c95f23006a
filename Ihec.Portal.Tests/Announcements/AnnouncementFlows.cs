using System.Net;
using AngleSharp.Html.Dom;
using Ihec.Portal.Features.Announcements;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Ihec.Portal.Tests.Organisations.OrganisationFlows;

namespace Ihec.Portal.Tests.Announcements;

/// <summary>The steps the media unit and members take, through HTTP, in the announcement tests.</summary>
internal static class AnnouncementFlows
{
    public const string Media = "media@demo.ihec.iq";
    public const string TammuzMember = "member@tammuz.demo";
    public const string KirkukMember = "member@kirkuk-women.demo";
    public const string ErbilAdmin = "admin@erbil-access.demo";

    /// <summary>The compose form's fields; a new test organisation works in Baghdad and Nineveh (IQ-BG, IQ-NI), where no demo organisation does.</summary>
    public static List<KeyValuePair<string, string>> Compose(string title, string audience = "Governorates", string[]? governorates = null,
        string intent = "send", string body = "Observer badges are printed **three** days after the lists arrive.", bool email = false,
        string language = "en", string importance = "Normal")
    {
        List<KeyValuePair<string, string>> fields =
        [
            new("Input.Title", title),
            new("Input.Body", body),
            new("Input.Language", language),
            new("Input.Importance", importance),
            new("Input.Audience", audience),
            new("intent", intent),
        ];
        fields.AddRange((governorates ?? (audience == "Governorates" ? ["IQ-NI"] : [])).Select(g => new KeyValuePair<string, string>("Input.Governorates", g)));
        if (email)
        {
            fields.Add(new("Input.EmailMembers", "true"));
        }

        return fields;
    }

    /// <summary>Sends an announcement as the media unit and returns its id from the redirect to its page.</summary>
    public static async Task<Guid> SendAsync(HttpClient media, List<KeyValuePair<string, string>> fields)
    {
        var response = await media.SubmitFormAsync("/ihec/announcements/new?culture=en", "compose-announcement", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = Relative(response.Headers.Location!);
        Assert.StartsWith("/ihec/announcements/", location);
        Assert.EndsWith("?sent=1", location);
        return Guid.Parse(location["/ihec/announcements/".Length..^"?sent=1".Length]);
    }

    public static async Task<Announcement> FindAsync(PortalFactory factory, Guid id)
    {
        await using var db = factory.CreateDbContext();
        return await db.Set<Announcement>().AsNoTracking().Include(a => a.Recipients).SingleAsync(a => a.Id == id);
    }

    /// <summary>The titles in a member's list of announcements.</summary>
    public static async Task<IReadOnlyList<string>> InboxTitlesAsync(HttpClient member)
    {
        var page = await member.GetDocumentAsync("/announcements?culture=en");
        return page.QuerySelectorAll("#announcements a").Select(a => a.TextContent.Trim()).ToList();
    }

    /// <summary>The members' navigation link to announcements, as a page renders it.</summary>
    public static IHtmlAnchorElement NavLink(IHtmlDocument page) =>
        (IHtmlAnchorElement)(page.QuerySelector("nav.main-nav a[href='/announcements']") ?? throw new InvalidOperationException("No announcements link."));
}
