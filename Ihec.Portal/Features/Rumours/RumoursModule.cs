using Ihec.Portal.Infrastructure.Files;
using System.Globalization;
using System.Text;
using System.Xml;
using Ihec.Portal.Features.Rumours.Matching;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Infrastructure.Localisation;
using Ihec.Portal.Infrastructure.Search;
using Ihec.Portal.Infrastructure.Web;
using Ihec.Portal.Shared.Files;
using Ihec.Portal.Shared.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ihec.Portal.Features.Rumours;

public static class RumoursModule
{
    public static IServiceCollection AddRumours(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RumourOptions>().Bind(configuration.GetSection(RumourOptions.Section))
            .Validate(o => o.MaxScreenshots is > 0 and <= 10 && o.MaxScreenshotBytes > 0 && o.LowTarget > TimeSpan.Zero,
                "Rumours: MaxScreenshots must be 1–10 and the sizes and time targets more than zero.")
            .ValidateOnStart();
        services.AddSingleton<NearDuplicateIndex>();
        services.AddScoped<RumourService>();
        services.AddScoped<RumourEmails>();
        services.AddSingleton<Ihec.Portal.Infrastructure.Files.IStoredFileReferences>(new Ihec.Portal.Infrastructure.Files.StoredFileReferences(db => db.Set<RumourScreenshot>().Select(s => (string?)s.FileId)));
        services.AddSingleton<ISitemapContributor, FactCheckSitemap>();
        services.AddHostedService<RumourStartup>();
        return services;
    }

    public static WebApplication MapRumours(this WebApplication app)
    {
        app.MapGet("/rumours/screenshots/{id:guid}", ScreenshotAsync).RequireAuthorization(PortalPolicies.SignedIn).WithTags("Rumours")
            .WithSummary("A screenshot sent with a rumour report, to its reporter's organisation and the anti-rumour unit; 404 for anyone else.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").Produces(StatusCodes.Status404NotFound);
        app.MapGet("/fact-checks/feed.atom", FeedAsync).AllowAnonymous().WithTags("Rumours")
            .WithSummary("The published fact-checks, newest first, as an Atom feed in the reader's language.")
            .Produces(StatusCodes.Status200OK, contentType: "application/atom+xml");
        return app;
    }

    private static async Task<IResult> ScreenshotAsync(Guid id, RumourService rumours, HttpContext context)
    {
        if (await rumours.OpenScreenshotAsync(context.User, id, context.RequestAborted) is not { } shot)
        {
            return Results.NotFound();
        }

        return UploadedFileResponse.Send(context, shot.Content, shot.Kind, shot.FileName, inline: true, "private, no-store", ranges: false);
    }

    private static async Task<IResult> FeedAsync(RumourService rumours, IStringLocalizer<RumoursText> text, IOptions<PortalUrlOptions> urls, HttpContext context)
    {
        var language = Cultures.Current;
        var baseUrl = urls.Value.Base;
        var items = (await rumours.FactChecksAsync(1, null, context.RequestAborted)).Items;
        var self = baseUrl + context.Request.Path + context.Request.QueryString;
        var buffer = new MemoryStream();
        await using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), Indent = true }))
        {
            const string atom = "http://www.w3.org/2005/Atom";
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", atom);
            xml.WriteAttributeString("xml", "lang", null, language);
            xml.WriteElementString("id", atom, baseUrl + "/fact-checks/feed.atom");
            xml.WriteElementString("title", atom, text["FeedTitle"]);
            xml.WriteElementString("updated", atom, AtomDate(items.Count > 0 ? items.Max(f => f.UpdatedAt) : DateTimeOffset.UnixEpoch));
            WriteLink(xml, "self", self, "application/atom+xml");
            WriteLink(xml, "alternate", baseUrl + "/fact-checks", "text/html");
            xml.WriteStartElement("author", atom);
            xml.WriteElementString("name", atom, text["Publisher"]);
            xml.WriteEndElement();
            foreach (var item in items)
            {
                var textLanguage = item.TextLanguage(language);
                xml.WriteStartElement("entry", atom);
                if (textLanguage != language)
                {
                    xml.WriteAttributeString("xml", "lang", null, textLanguage);
                }

                xml.WriteElementString("id", atom, "urn:uuid:" + item.Id.ToString("D"));
                xml.WriteElementString("title", atom, string.Format(CultureInfo.CurrentCulture, text["FeedEntryTitle"], text["Verdict_" + item.Verdict].Value, item.Claim(language)));
                xml.WriteElementString("updated", atom, AtomDate(item.UpdatedAt));
                xml.WriteElementString("published", atom, AtomDate(item.PublishedAt));
                WriteLink(xml, "alternate", baseUrl + "/fact-checks/" + item.Slug, "text/html");
                xml.WriteStartElement("category", atom);
                xml.WriteAttributeString("term", item.Verdict.ToString());
                xml.WriteAttributeString("label", text["Verdict_" + item.Verdict]);
                xml.WriteEndElement();
                // Plain text: nothing anyone wrote becomes markup in a feed reader.
                xml.WriteStartElement("content", atom);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(item.Response(language));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return Results.Bytes(buffer.ToArray(), "application/atom+xml; charset=utf-8");
    }

    private static string AtomDate(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void WriteLink(XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link", "http://www.w3.org/2005/Atom");
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }
}

/// <summary>Seeds the demo cases (when <c>Demo:Enabled</c> and there are none), then loads every report into the matching index.</summary>
internal sealed class RumourStartup(IServiceProvider services, IConfiguration configuration, NearDuplicateIndex index, ILogger<RumourStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        if (configuration.GetValue<bool>("Demo:Enabled"))
        {
            await RumourDemo.SeedAsync(scope.ServiceProvider, cancellationToken);
        }

        var dbFactory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var count = 0;
        await foreach (var report in db.Set<RumourReport>().AsNoTracking().Select(r => new { r.Id, r.CaseId, r.ClaimText, r.Language })
                           .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            index.Add(report.Id, report.CaseId, report.ClaimText, report.Language);
            count++;
        }

        logger.LogInformation("Rumour matching index loaded with {Count} reports", count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal sealed class FactCheckSitemap(IServiceProvider services) : ISitemapContributor
{
    public async IAsyncEnumerable<SitemapEntry> EntriesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new SitemapEntry("/fact-checks", null);
        await using var scope = services.CreateAsyncScope();
        var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(cancellationToken);
        await using (db)
        {
            foreach (var item in await db.Set<FactCheck>().AsNoTracking().Select(f => new { f.Slug, f.UpdatedAt }).ToListAsync(cancellationToken))
            {
                yield return new SitemapEntry("/fact-checks/" + item.Slug, item.UpdatedAt);
            }
        }
    }
}
