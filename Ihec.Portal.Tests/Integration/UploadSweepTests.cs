using System.Net;
using Ihec.Portal.Features.Chat;
using Ihec.Portal.Features.Rumours;
using Ihec.Portal.Infrastructure.Files;
using Ihec.Portal.Tests.Chat;
using Ihec.Portal.Tests.Infrastructure;
using Ihec.Portal.Tests.Organisations;
using Ihec.Portal.Tests.Rumours;
using Ihec.Portal.Tests.Violations;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ihec.Portal.Tests.Integration;

/// <summary>
/// Uploads left behind by forms never sent are deleted after a while; files that records refer to never are. The
/// records that refer to files are found in the code, not listed here: every <c>…FileId</c> column of the model.
/// </summary>
public sealed class UploadSweepTests(ChatPortal factory) : IClassFixture<ChatPortal>
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    /// <summary>
    /// Every module whose code writes to the file storage keeps records with a file-id column, so the sweep test below
    /// covers it (a module storing files under another column name would escape it).
    /// </summary>
    [Fact]
    public void Every_module_that_stores_files_has_a_file_id_column_the_sweep_test_covers()
    {
        var storing = typeof(Program).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("Ihec.Portal.Features.", StringComparison.Ordinal) == true
                        && t.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(IFileStorage))))
            .Select(t => Module(t.Namespace!))
            .ToHashSet();
        using var db = factory.CreateDbContext();
        var owners = FileIdColumns(db).Select(c => Module(c.Entity.Namespace!)).ToHashSet();

        // Positive control: the modules known to store files are found this way (a new one is welcome).
        Assert.Superset(new HashSet<string>(["Chat", "Library", "Organisations", "Reports", "Rumours", "Violations"]), storing);
        Assert.Superset(storing, owners);
    }

    [Fact]
    public async Task Old_uploads_nothing_refers_to_are_deleted_and_every_modules_referenced_files_kept()
    {
        // Referenced, one per module that stores files: an application's document, a rumour report's screenshot, a
        // violation's evidence, a CSO report's image, a chat attachment and a library document's PDF.
        var unique = OrganisationFlows.Unique();
        await OrganisationFlows.ApplyAsync(factory, unique);
        var member = await factory.SignedInClientAsync(RumourFlows.TammuzMember);
        var caseReference = await RumourFlows.FileAsync(member, RumourFlows.Report("ادعاء للاختبار " + unique), [("screenshots", "kept.png", Png)]);
        var rumourCase = await RumourFlows.CaseAsync(factory, caseReference);
        await ViolationFlows.FileAsync(member, ViolationFlows.Report("دليل محفوظ " + unique), [("evidence", "kept.png", Png)]);
        await DraftReportWithImageAsync(member, "تقرير بصورة " + unique);
        await ChatAttachmentAsync();
        await LibraryDraftWithPdfAsync("مسودة بملف " + unique);

        // Orphans: an application and a report that came back with errors and were abandoned with their files.
        var abandonedApplication = await factory.CreateBrowserLikeClient().SubmitFormAsync("/organisations/apply?culture=en", "apply",
            OrganisationFlows.Application(OrganisationFlows.Unique()).Without("Input.Declaration"), OrganisationFlows.Document());
        Assert.Equal(HttpStatusCode.OK, abandonedApplication.StatusCode);
        var abandonedReport = await member.SubmitFormAsync("/rumours/new?culture=en", "report-rumour",
            RumourFlows.Report(""), [("screenshots", "abandoned.png", OrganisationFlows.Png)]);
        Assert.Equal(HttpStatusCode.OK, abandonedReport.StatusCode);

        await using var db = factory.CreateDbContext();
        var columns = FileIdColumns(db);
        var referenced = new List<string>();
        var owners = new Dictionary<string, string>();
        foreach (var column in columns)
        {
            // Names from the model, not input.
            var sql = $"SELECT \"{column.Column}\" AS \"Value\" FROM \"{column.Table}\" WHERE \"{column.Column}\" IS NOT NULL";
            var ids = await db.Database.SqlQueryRaw<string>(sql).ToListAsync();
            Assert.True(ids.Count > 0, $"The test stores no file referred to by {column.Entity.Name}.{column.Column}.");
            referenced.AddRange(ids);
            ids.ForEach(id => owners[id] = $"{column.Entity.Name}.{column.Column}");
        }

        var folder = Path.Combine(factory.DataFolder, "files");
        var all = Directory.GetFiles(folder).Select(Path.GetFileName).ToList();
        Assert.Equal(referenced.Count + 2, all.Count);

        var sweeper = factory.Services.GetRequiredService<UploadSweeper>();
        // Young orphans stay: their forms may still be sent.
        Assert.Equal(0, await sweeper.SweepAsync());

        foreach (var file in Directory.GetFiles(folder))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddDays(-3));
        }

        var deleted = await sweeper.SweepAsync();

        var left = Directory.GetFiles(folder).Select(Path.GetFileName).ToList();
        var lost = referenced.Except(left).Select(id => owners[id!]).Order(StringComparer.Ordinal).ToList();
        Assert.True(lost.Count == 0, "Deleted although referenced by " + string.Join(", ", lost));
        Assert.Equal(2, deleted);
        Assert.Equal(referenced.Order(StringComparer.Ordinal), left.Order(StringComparer.Ordinal)!);
        var shot = await db.Set<RumourScreenshot>().FirstAsync(s => s.ReportId == rumourCase.Reports[0].Id);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/rumours/screenshots/{shot.Id}")).StatusCode);
    }

    private sealed record FileIdColumn(Type Entity, string Table, string Column);

    /// <summary>Every string column of the model whose property is named <c>…FileId</c>: the records that refer to stored files.</summary>
    private static List<FileIdColumn> FileIdColumns(DbContext db) =>
    [
        .. db.Model.GetEntityTypes()
            .SelectMany(e => e.GetProperties()
                .Where(p => p.ClrType == typeof(string) && p.Name.EndsWith("FileId", StringComparison.Ordinal))
                .Select(p => new FileIdColumn(e.ClrType, e.GetTableName()!, p.GetColumnName()))),
    ];

    /// <summary>The module a namespace belongs to: <c>Ihec.Portal.Features.Chat</c> and <c>Ihec.Portal.Shared.Chat.X</c> are both "Chat".</summary>
    private static string Module(string ns) => ns.Split('.') is var parts && parts.Length > 3 ? parts[3] : ns;

    private async Task DraftReportWithImageAsync(HttpClient member, string title)
    {
        var created = await member.SubmitFormAsync("/reports/mine/new?culture=en", "report",
            new Dictionary<string, string> { ["Input.Title"] = title, ["Input.Language"] = "ar" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var manage = created.RedirectPath()!.Split('?')[0];
        var upload = await member.SubmitFormAsync(manage + "?culture=en", "upload", [], [("file", "photo.png", Png)]);
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
    }

    private async Task LibraryDraftWithPdfAsync(string title)
    {
        var editor = await factory.SignedInClientAsync("editor@demo.ihec.iq");
        var created = await editor.SubmitFormAsync("/ihec/library/new", "document",
            Library.LibraryPublishingTests.DecisionFields(Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture), title, "نص القرار."));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var attached = await editor.SubmitFormAsync(created.RedirectPath()!.Split('?')[0], "attach", [new("language", "ar")],
            [("file", "decision.pdf", OrganisationFlows.Pdf)]);
        Assert.EndsWith("done=AttachmentAdded", attached.RedirectPath());
    }

    private async Task ChatAttachmentAsync()
    {
        await using var member = await factory.ConnectAsync(ChatPortal.TammuzMember);
        var started = await member.InvokeAsync<ChatResult<ConversationView>>("Start", "Sweep " + OrganisationFlows.Unique(), "en");
        Assert.True(started.Succeeded, started.ErrorText);
        var sent = await member.InvokeAsync<ChatResult<ChatMessageView>>("SendAttachment", started.Value!.Id, Guid.NewGuid().ToString("N"),
            "kept.png", "a photo", OneChunk(Png));
        Assert.True(sent.Succeeded, sent.ErrorText);
    }

    private static async IAsyncEnumerable<byte[]> OneChunk(byte[] content)
    {
        await Task.Yield();
        yield return content;
    }
}
