using Ihec.Portal.Infrastructure.Localisation;
using Ihec.Portal.Shared.Tables;

namespace Ihec.Portal.Infrastructure.Exports;

/// <summary>
/// Every table the portal exports is mapped here twice, as <c>{path}.csv</c> and <c>{path}.xlsx</c>, with one handler and
/// one authorisation: the handler returns <see cref="Exports.Table"/> and the extension of the request chooses the form.
/// </summary>
public static class Exports
{
    /// <summary>
    /// Maps GET <c>{path}.csv</c> and <c>{path}.xlsx</c> to <paramref name="handler"/>, each described for the OpenAPI
    /// document with <paramref name="summary"/> (the form is added to it); conventions apply to both.
    /// </summary>
    public static IEndpointConventionBuilder MapExport(this IEndpointRouteBuilder app, string path, Delegate handler, string summary) =>
        new Both(
            app.MapGet(path + ".csv", handler).WithSummary(summary + " As CSV (UTF-8 with a byte-order mark, CRLF).")
                .Produces(StatusCodes.Status200OK, contentType: "text/csv"),
            app.MapGet(path + ".xlsx", handler).WithSummary(summary + " As an XLSX workbook (typed cells, right-to-left sheet in ar and ckb).")
                .Produces(StatusCodes.Status200OK, contentType: Xlsx.ContentType));

    /// <summary>The table as the file the request asked for, named <paramref name="fileStem"/> with its extension.</summary>
    public static IResult Table(string fileStem, ExportTable table) => new ExportResult(fileStem, table);

    public static bool IsXlsx(HttpRequest request) => request.Path.Value?.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) == true;

    private sealed class ExportResult(string fileStem, ExportTable table) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            var response = context.Response;
            var xlsx = IsXlsx(context.Request);
            response.ContentType = xlsx ? Xlsx.ContentType : Csv.ContentType;
            response.Headers.ContentDisposition = $"attachment; filename=\"{fileStem}.{(xlsx ? "xlsx" : "csv")}\"";
            if (!xlsx)
            {
                await Csv.WriteAsync(response.Body, table, context.RequestAborted);
                return;
            }

            // The zip package needs a seekable stream: the workbook is built in a temporary file, then sent.
            var path = Path.Combine(Path.GetTempPath(), $"ihec-export-{Guid.NewGuid():N}.xlsx");
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
                FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await Xlsx.WriteAsync(file, fileStem, Cultures.IsRightToLeft(Cultures.Current), table, context.RequestAborted);
            response.ContentLength = file.Length;
            file.Position = 0;
            await file.CopyToAsync(response.Body, context.RequestAborted);
        }
    }

    private sealed class Both(IEndpointConventionBuilder first, IEndpointConventionBuilder second) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            first.Add(convention);
            second.Add(convention);
        }

        public void Finally(Action<EndpointBuilder> finallyConvention)
        {
            first.Finally(finallyConvention);
            second.Finally(finallyConvention);
        }
    }
}
