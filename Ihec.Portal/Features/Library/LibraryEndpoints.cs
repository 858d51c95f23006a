using Ihec.Portal.Infrastructure.Files;
using System.Globalization;
using System.Text;
using System.Xml;
using Ihec.Portal.Infrastructure.Localisation;
using Ihec.Portal.Infrastructure.Search;
using Ihec.Portal.Infrastructure.Text;
using Ihec.Portal.Infrastructure.Web;
using Ihec.Portal.Shared.Files;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ihec.Portal.Features.Library;

/// <summary>What is not a page: attachments, Atom feeds, the iCalendar feed, the sitemap entries.</summary>
public static class LibraryEndpoints
{
    public const int FeedSize = 50;

    public static void MapLibraryEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/library").AllowAnonymous().WithTags("Library");
        group.MapGet("/files/{id:guid}", DownloadAsync)
            .WithSummary("A library document's file, shown inline under its own name (a draft's only to IHEC editors; 404 otherwise).")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").Produces(StatusCodes.Status404NotFound);
        group.MapGet("/feed.atom", (LibraryQueries queries, IStringLocalizer<LibraryText> text, IOptions<PortalUrlOptions> urls, HttpContext context) =>
            FeedAsync(null, queries, text, urls, context))
            .WithSummary("The published library documents, newest first, as an Atom feed in the reader's language.")
            .Produces(StatusCodes.Status200OK, contentType: "application/atom+xml");
        group.MapGet("/{kind}/feed.atom", (string kind, LibraryQueries queries, IStringLocalizer<LibraryText> text, IOptions<PortalUrlOptions> urls, HttpContext context) =>
            LibraryCatalog.KindFromSlug(kind) is { } k ? FeedAsync(k, queries, text, urls, context) : Task.FromResult(Results.NotFound()))
            .WithSummary("The published library documents of one kind (its address slug), as an Atom feed; 404 for an unknown kind.")
            .Produces(StatusCodes.Status200OK, contentType: "application/atom+xml").Produces(StatusCodes.Status404NotFound);
        group.MapGet("/calendar.ics", CalendarAsync)
            .WithSummary("The electoral calendar's dates as iCalendar (RFC 5545).")
            .Produces(StatusCodes.Status200OK, contentType: "text/calendar");
        app.MapPortalSitemap();
    }

    private static async Task<IResult> DownloadAsync(Guid id, LibraryQueries queries, IAuthorizationService authorization, HttpContext context)
    {
        var editor = (await authorization.AuthorizeAsync(context.User, Shared.Security.PortalPolicies.IhecEditor)).Succeeded;
        var found = await queries.OpenAttachmentAsync(id, editor, context.RequestAborted);
        if (found is not { } file)
        {
            return Results.NotFound();
        }

        // Shown in the browser (PDF viewer, image), under its own name; drafts' files are never cached on the way.
        return UploadedFileResponse.Send(context, file.Content, file.Attachment.FileKind, file.Attachment.FileName, inline: true,
            editor ? "private, no-store" : "public, max-age=300");
    }

    private static async Task<IResult> FeedAsync(DocumentKind? kind, LibraryQueries queries, IStringLocalizer<LibraryText> text, IOptions<PortalUrlOptions> urls, HttpContext context)
    {
        var language = Cultures.Current;
        var baseUrl = urls.Value.Base;
        var documents = await queries.LatestAsync(kind, FeedSize, context.RequestAborted);
        var markdown = context.RequestServices.GetRequiredService<MarkdownRenderer>();
        var self = baseUrl + context.Request.Path + context.Request.QueryString;
        var buffer = new MemoryStream();
        await using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), Indent = true }))
        {
            const string atom = "http://www.w3.org/2005/Atom";
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", atom);
            xml.WriteAttributeString("xml", "lang", null, language);
            xml.WriteElementString("id", atom, self);
            xml.WriteElementString("title", atom, kind is null ? text["FeedTitleAll"] : string.Format(CultureInfo.CurrentCulture, text["FeedTitleKind"], text["KindPlural_" + kind]));
            xml.WriteElementString("updated", atom, Atom(documents.Count > 0 ? documents.Max(d => d.UpdatedAt) : DateTimeOffset.UnixEpoch));
            WriteLink(xml, "self", self, "application/atom+xml");
            WriteLink(xml, "alternate", baseUrl + (kind is null ? "/library" : "/library/" + LibraryCatalog.Slug(kind.Value)), "text/html");
            xml.WriteStartElement("author", atom);
            xml.WriteElementString("name", atom, text["Publisher"]);
            xml.WriteEndElement();
            foreach (var document in documents)
            {
                var content = document.Text(language) ?? document.Text("ar")!;
                var link = baseUrl + LibraryCatalog.Permalink(document);
                xml.WriteStartElement("entry", atom);
                if (content.Language != language)
                {
                    xml.WriteAttributeString("xml", "lang", null, content.Language);
                }

                // The id stays the same across versions; "updated" tells feed readers that it changed.
                xml.WriteElementString("id", atom, "urn:uuid:" + document.Id.ToString("D"));
                xml.WriteElementString("title", atom, content.Title);
                xml.WriteElementString("updated", atom, Atom(document.UpdatedAt));
                xml.WriteElementString("published", atom, Atom(document.FirstPublishedAt ?? document.CreatedAt));
                WriteLink(xml, "alternate", link, "text/html");
                xml.WriteStartElement("category", atom);
                xml.WriteAttributeString("term", LibraryCatalog.Slug(document.Kind));
                xml.WriteAttributeString("label", text["Kind_" + document.Kind]);
                xml.WriteEndElement();
                if (!string.IsNullOrWhiteSpace(content.Summary))
                {
                    xml.WriteStartElement("summary", atom);
                    xml.WriteAttributeString("type", "text");
                    xml.WriteString(content.Summary);
                    xml.WriteEndElement();
                }

                xml.WriteStartElement("content", atom);
                xml.WriteAttributeString("type", "html");
                xml.WriteString(markdown.ToHtml(content.Body));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return Results.Bytes(buffer.ToArray(), "application/atom+xml; charset=utf-8");
    }

    private static async Task<IResult> CalendarAsync(LibraryQueries queries, IStringLocalizer<LibraryText> text, IOptions<PortalUrlOptions> urls, TimeProvider clock, HttpContext context)
    {
        var language = Cultures.Current;
        var baseUrl = urls.Value.Base;
        var entries = await queries.CalendarAsync(null, context.RequestAborted);
        var host = new Uri(baseUrl).Host;
        var stamp = clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var ics = new ICalendarWriter();
        ics.Line("BEGIN:VCALENDAR");
        ics.Line("VERSION:2.0");
        ics.Line("PRODID:-//IHEC//CSO Portal Library//" + language.ToUpperInvariant());
        ics.Line("CALSCALE:GREGORIAN");
        ics.Line("METHOD:PUBLISH");
        ics.Property("X-WR-CALNAME", text["CalendarTitle"]);
        ics.Line("X-WR-TIMEZONE:Asia/Baghdad");
        foreach (var entry in entries)
        {
            var milestone = entry.Milestone;
            var end = (milestone.EndDate ?? milestone.Date).AddDays(1);
            ics.Line("BEGIN:VEVENT");
            ics.Line($"UID:{milestone.Id:D}@{host}");
            ics.Line("DTSTAMP:" + stamp);
            ics.Line("DTSTART;VALUE=DATE:" + milestone.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
            ics.Line("DTEND;VALUE=DATE:" + end.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
            ics.Property("SUMMARY", milestone.Title(language), milestone.LanguageOf(language));
            ics.Property("DESCRIPTION", entry.Plan.Title(language));
            ics.Line("URL:" + baseUrl + LibraryCatalog.Permalink(entry.Plan));
            ics.Line("TRANSP:TRANSPARENT");
            ics.Line("END:VEVENT");
        }

        ics.Line("END:VCALENDAR");
        return Results.Text(ics.ToString(), "text/calendar; charset=utf-8", Encoding.UTF8);
    }

    private static string Atom(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void WriteLink(XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link", "http://www.w3.org/2005/Atom");
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }
}

/// <summary>RFC 5545 content lines: CRLF endings, text escaped, lines folded at 75 octets without splitting a character.</summary>
public sealed class ICalendarWriter
{
    private readonly StringBuilder output = new();

    public void Property(string name, string value, string? language = null) =>
        Line(name + (language is null ? "" : ";LANGUAGE=" + language) + ":" + Escape(value));

    public void Line(string line)
    {
        var octets = 0;
        var limit = 75;
        var enumerator = StringInfo.GetTextElementEnumerator(line);
        while (enumerator.MoveNext())
        {
            var element = enumerator.GetTextElement();
            var size = Encoding.UTF8.GetByteCount(element);
            if (octets + size > limit)
            {
                output.Append("\r\n ");
                octets = 1;
                limit = 75;
            }

            output.Append(element);
            octets += size;
        }

        output.Append("\r\n");
    }

    public static string Escape(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "", StringComparison.Ordinal);

    public override string ToString() => output.ToString();
}
