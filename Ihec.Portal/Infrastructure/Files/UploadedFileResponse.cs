using Ihec.Portal.Shared.Files;

namespace Ihec.Portal.Infrastructure.Files;

/// <summary>
/// The one way a file a user uploaded is sent back (evidence, application documents, report, chat and library files,
/// rumour screenshots): with its type found by content, <c>nosniff</c>, and a sandboxing content security policy, so
/// that a file opened in the browser (a PDF, an image) runs no script and reaches nothing of the portal's origin.
/// </summary>
public static class UploadedFileResponse
{
    public const string ContentSecurityPolicy = "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox";

    /// <param name="inline">Shown in the browser (images, media, PDFs where the module wants it) rather than downloaded.</param>
    /// <param name="cacheControl">E.g. <c>private, no-store</c> for anything the public does not read.</param>
    /// <param name="ranges">Range requests, so that <c>&lt;video&gt;</c> and <c>&lt;audio&gt;</c> seek without the whole file.</param>
    public static IResult Send(HttpContext context, Stream content, FileKind kind, string fileName, bool inline, string cacheControl, bool ranges = true) =>
        Send(context, content, FileSignatures.ContentType(kind), fileName, inline, cacheControl, ranges);

    public static IResult Send(HttpContext context, Stream content, string contentType, string fileName, bool inline, string cacheControl, bool ranges = true)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = cacheControl;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.ContentDisposition = new System.Net.Mime.ContentDisposition { Inline = inline, FileName = fileName }.ToString();
        return Results.Stream(content, contentType, enableRangeProcessing: ranges);
    }
}
