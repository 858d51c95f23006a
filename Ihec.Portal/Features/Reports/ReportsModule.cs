using System.Globalization;
using System.Text;
using System.Xml;
using Ihec.Portal.Infrastructure.Api;
using Ihec.Portal.Infrastructure.Files;
using Ihec.Portal.Infrastructure.Localisation;
using Ihec.Portal.Infrastructure.Search;
using Ihec.Portal.Infrastructure.Text;
using Ihec.Portal.Infrastructure.Web;
using Ihec.Portal.Shared.Files;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ihec.Portal.Features.Reports;

public static class ReportsModule
{
    public const int FeedSize = 50;

    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.TryAddSingleton<MarkdownRenderer>();
        services.AddSingleton<ReportSearchSource>();
        services.AddSingleton<ISearchSource>(sp => sp.GetRequiredService<ReportSearchSource>());
        services.AddSingleton<ISitemapContributor, ReportSitemap>();
        services.AddScoped<ReportService>();
        services.AddSingleton<IStoredFileReferences>(new StoredFileReferences(db => db.Set<ReportFile>().Select(f => (string?)f.FileId)));
        // Before the search start-up (registered by AddPortalSearch), so the demo reports are in the first index build.
        services.AddHostedService<ReportStartup>();
        services.AddPortalSearch();
        return services;
    }

    public static WebApplication MapReports(this WebApplication app)
    {
        var group = app.MapGroup("/reports").AllowAnonymous().WithTags("Reports");
        group.MapGet("/files/{id:guid}", FileAsync)
            .WithSummary("A file of a CSO report, to those who may read the report (the public once it is endorsed); 404 for anyone else.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").Produces(StatusCodes.Status404NotFound);
        group.MapGet("/feed.atom", FeedAsync)
            .WithSummary("The reports endorsed for the public, newest first, as an Atom feed in the reader's language.")
            .Produces(StatusCodes.Status200OK, contentType: "application/atom+xml");
        var drafts = app.MapGroup("/reports/mine").RequireAuthorization(Shared.Security.PortalPolicies.CsoMember).WithTags("Reports").AsJsonApi();
        drafts.MapPost("/{id:guid}/autosave", AutosaveAsync)
            .WithSummary("Autosaves a draft from the editor's form (form fields Input.*, antiforgery token included); answers the status line's message.")
            .Produces<AutosaveAnswer>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        drafts.MapPost("/autosave", AutosaveNewAsync)
            .WithSummary("The first autosave of a new draft: creates it once it has a title, and answers the draft's autosave and edit addresses.")
            .Produces<AutosaveAnswer>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        app.MapPortalSitemap();
        return app;
    }

    private static async Task<IResult> FileAsync(Guid id, ReportService reports, HttpContext context)
    {
        var reader = await reports.ReaderAsync(context.User);
        if (await reports.OpenFileAsync(reader, id, context.RequestAborted) is not { } found)
        {
            return Results.NotFound();
        }

        // Files of reports the public does not read are never kept by shared caches.
        return UploadedFileResponse.Send(context, found.Content, found.File.FileKind, found.File.FileName, inline: true,
            found.IsPublic ? "public, max-age=300" : "private, no-store");
    }

    /// <summary>The draft editor's autosave: the same form as the Save button, antiforgery token included; answers a message for its status line.</summary>
    private static async Task<IResult> AutosaveAsync(Guid id, HttpContext context, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, ReportService reports,
        Infrastructure.Auditing.CurrentActor actor, IStringLocalizer<ReportsText> text, TimeProvider clock)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (await AutosavedInputAsync(context, antiforgery) is not { } input)
        {
            return Results.BadRequest();
        }

        var result = await reports.SaveDraftAsync(context.User, id, input, await actor.GetAsync(), context.RequestAborted);
        if (!result.Succeeded)
        {
            return PortalApi.Problem(result.Error == "NotFound" ? StatusCodes.Status404NotFound : StatusCodes.Status422UnprocessableEntity, text["AutosaveFailed"]);
        }

        return TypedResults.Json(new AutosaveAnswer(AutosavedAt(text, clock)));
    }

    /// <summary>
    /// The autosave of a report not saved yet: the first time the form is valid enough to keep (it has a title), the
    /// draft is created and the answer gives the addresses the page's script switches to (the draft's autosave and edit
    /// form), so later autosaves and the Save button change that draft instead of creating another. Until then the
    /// answer says what is missing and nothing is stored.
    /// </summary>
    private static async Task<IResult> AutosaveNewAsync(HttpContext context, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, ReportService reports,
        Infrastructure.Auditing.CurrentActor actor, IStringLocalizer<ReportsText> text, TimeProvider clock)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (await AutosavedInputAsync(context, antiforgery) is not { } input)
        {
            return Results.BadRequest();
        }

        var result = await reports.CreateAsync(context.User, input, await actor.GetAsync(), context.RequestAborted);
        if (!result.Succeeded || result.Id is not { } id)
        {
            return PortalApi.Problem(result.Error == "NotAllowed" ? StatusCodes.Status403Forbidden : StatusCodes.Status422UnprocessableEntity, text["AutosaveNotYet"]);
        }

        return TypedResults.Json(new AutosaveAnswer(AutosavedAt(text, clock), $"/reports/mine/{id:D}/autosave", $"/reports/mine/{id:D}/edit"));
    }

    /// <summary>An autosave's answer: the status line's message and, when a new draft was created, its autosave and edit addresses.</summary>
    public sealed record AutosaveAnswer(string Message, string? Autosave = null, string? Edit = null);

    private static async Task<ReportInput?> AutosavedInputAsync(HttpContext context, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            return null;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        static DateOnly? Date(string? value) => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        return new ReportInput
        {
            Title = form["Input.Title"],
            Summary = form["Input.Summary"],
            Body = form["Input.Body"],
            Language = form["Input.Language"],
            Election = form["Input.Election"],
            Topics = [.. form["Input.Topics"].OfType<string>()],
            Governorates = [.. form["Input.Governorates"].OfType<string>()],
            PeriodFrom = Date(form["Input.PeriodFrom"]),
            PeriodTo = Date(form["Input.PeriodTo"]),
        };
    }

    private static string AutosavedAt(IStringLocalizer<ReportsText> text, TimeProvider clock) =>
        string.Format(CultureInfo.CurrentCulture, text["Autosaved"], clock.GetUtcNow().ToOffset(TimeSpan.FromHours(3)).ToString("t", CultureInfo.CurrentCulture));

    /// <summary>The reports endorsed for the public, whoever asks: a feed reader is never signed in.</summary>
    private static async Task<IResult> FeedAsync(ReportService reports, MarkdownRenderer markdown, IStringLocalizer<ReportsText> text, IOptions<PortalUrlOptions> urls, HttpContext context)
    {
        var language = Cultures.Current;
        var baseUrl = urls.Value.Base;
        var items = await reports.LatestPublicAsync(FeedSize, cancellationToken: context.RequestAborted);
        var self = baseUrl + context.Request.Path + context.Request.QueryString;
        var buffer = new MemoryStream();
        await using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), Indent = true }))
        {
            const string atom = "http://www.w3.org/2005/Atom";
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", atom);
            xml.WriteAttributeString("xml", "lang", null, language);
            xml.WriteElementString("id", atom, baseUrl + "/reports/feed.atom");
            xml.WriteElementString("title", atom, text["FeedTitle"]);
            xml.WriteElementString("updated", atom, AtomDate(items.Count > 0 ? items.Max(i => i.Report.UpdatedAt) : DateTimeOffset.UnixEpoch));
            WriteLink(xml, "self", self, "application/atom+xml");
            WriteLink(xml, "alternate", baseUrl + "/reports", "text/html");
            foreach (var item in items)
            {
                var report = item.Report;
                xml.WriteStartElement("entry", atom);
                if (report.Language != language)
                {
                    xml.WriteAttributeString("xml", "lang", null, report.Language);
                }

                xml.WriteElementString("id", atom, "urn:uuid:" + report.Id.ToString("D"));
                xml.WriteElementString("title", atom, report.Title);
                xml.WriteElementString("updated", atom, AtomDate(report.UpdatedAt));
                xml.WriteElementString("published", atom, AtomDate(report.EndorsedAt ?? report.UpdatedAt));
                xml.WriteStartElement("author", atom);
                xml.WriteElementString("name", atom, item.Organisation.Name(language));
                xml.WriteElementString("uri", atom, baseUrl + "/organisations/" + item.Organisation.Reference);
                xml.WriteEndElement();
                WriteLink(xml, "alternate", baseUrl + "/reports/" + report.Slug, "text/html");
                // Each attached file, as the report's page lists them (RFC 4287 4.2.7.2: type and length of the enclosure).
                foreach (var file in report.Files.OrderBy(f => f.AddedAt))
                {
                    WriteLink(xml, "enclosure", baseUrl + file.Url, FileSignatures.ContentType(file.FileKind), file.Length, file.FileName);
                }

                if (!string.IsNullOrWhiteSpace(report.Summary))
                {
                    xml.WriteStartElement("summary", atom);
                    xml.WriteAttributeString("type", "text");
                    xml.WriteString(report.Summary);
                    xml.WriteEndElement();
                }

                // Plain text: nothing a writer typed becomes markup in a feed reader.
                xml.WriteStartElement("content", atom);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(markdown.ToPlainText(report.Body));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return Results.Bytes(buffer.ToArray(), "application/atom+xml; charset=utf-8");
    }

    private static string AtomDate(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void WriteLink(XmlWriter xml, string rel, string href, string type, long? length = null, string? title = null)
    {
        xml.WriteStartElement("link", "http://www.w3.org/2005/Atom");
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        if (length is { } bytes)
        {
            xml.WriteAttributeString("length", bytes.ToString(CultureInfo.InvariantCulture));
        }

        if (title is not null)
        {
            xml.WriteAttributeString("title", title);
        }

        xml.WriteEndElement();
    }
}

/// <summary>Seeds the demo reports when <c>Demo:Enabled</c> and there are none.</summary>
internal sealed class ReportStartup(IServiceProvider services, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue<bool>("Demo:Enabled"))
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        await ReportDemo.SeedAsync(scope.ServiceProvider, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The reports list and every report endorsed for the public.</summary>
internal sealed class ReportSitemap(IServiceProvider services) : ISitemapContributor
{
    public async IAsyncEnumerable<SitemapEntry> EntriesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new SitemapEntry("/reports", null);
        await using var scope = services.CreateAsyncScope();
        var reports = scope.ServiceProvider.GetRequiredService<ReportService>();
        foreach (var item in await reports.LatestPublicAsync(int.MaxValue, cancellationToken: cancellationToken))
        {
            yield return new SitemapEntry("/reports/" + item.Report.Slug, item.Report.UpdatedAt);
        }
    }
}
