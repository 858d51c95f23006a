using System.Text;
using System.Xml;
using Microsoft.Extensions.Options;
using Ihec.Portal.Infrastructure.Web;

namespace Ihec.Portal.Infrastructure.Search;

/// <summary>A page the public may read, for <c>/sitemap.xml</c>.</summary>
public sealed record SitemapEntry(string Path, DateTimeOffset? LastModified);

/// <summary>Each module with public pages lists them; <c>/sitemap.xml</c> joins every contributor.</summary>
public interface ISitemapContributor
{
    IAsyncEnumerable<SitemapEntry> EntriesAsync(CancellationToken cancellationToken);
}

public static class SitemapEndpoint
{
    private const string Mapped = "Ihec.Portal.SitemapMapped";

    /// <summary>Maps <c>/sitemap.xml</c> once, however many modules ask for it.</summary>
    public static IEndpointRouteBuilder MapPortalSitemap(this WebApplication app)
    {
        if (((IApplicationBuilder)app).Properties.ContainsKey(Mapped))
        {
            return app;
        }

        ((IApplicationBuilder)app).Properties[Mapped] = true;
        app.MapGet("/sitemap.xml", async (IEnumerable<ISitemapContributor> contributors, IOptions<PortalUrlOptions> urls, HttpContext context) =>
        {
            var baseUrl = urls.Value.Base;
            var buffer = new MemoryStream();
            await using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), Indent = true }))
            {
                await xml.WriteStartDocumentAsync();
                xml.WriteStartElement("urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
                foreach (var contributor in contributors)
                {
                    await foreach (var entry in contributor.EntriesAsync(context.RequestAborted))
                    {
                        xml.WriteStartElement("url");
                        xml.WriteElementString("loc", baseUrl + entry.Path);
                        if (entry.LastModified is { } modified)
                        {
                            xml.WriteElementString("lastmod", modified.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
                        }

                        xml.WriteEndElement();
                    }
                }

                xml.WriteEndElement();
                await xml.WriteEndDocumentAsync();
            }

            return Results.Bytes(buffer.ToArray(), "application/xml; charset=utf-8");
        }).AllowAnonymous().WithTags("Search")
            .WithSummary("The sitemap (sitemaps.org 0.9) of the public pages: endorsed reports, published fact-checks, library documents.")
            .Produces(StatusCodes.Status200OK, contentType: "application/xml");
        return app;
    }
}
