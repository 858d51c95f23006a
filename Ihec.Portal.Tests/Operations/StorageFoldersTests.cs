using Ihec.Portal.Infrastructure.Files;
using Ihec.Portal.Infrastructure.Search;
using Ihec.Portal.Shared.Files;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Ihec.Portal.Tests.Operations;

/// <summary>Several instances share uploaded files but each keeps its own search index (docs/deploy.md).</summary>
public sealed class StorageFoldersTests
{
    [Fact]
    public async Task Uploaded_files_and_the_search_index_go_to_their_configured_folders()
    {
        var root = Path.Combine(Path.GetTempPath(), "ihec-portal-tests", "storage-" + Guid.NewGuid().ToString("N"));
        var shared = Path.Combine(root, "shared-files");
        var index = Path.Combine(root, "local-index");
        try
        {
            await using (var portal = new SeparateFolders(shared, index))
            {
                var storage = portal.Services.GetRequiredService<IFileStorage>();
                var stored = await storage.SaveAsync(new MemoryStream("%PDF-1.7\n"u8.ToArray()), FileKind.Pdf);
                var hits = portal.Services.GetRequiredService<ISearchIndex>().Search(new SearchRequest("انتخابات"));

                Assert.True(File.Exists(Path.Combine(shared, stored.Id)));
                Assert.False(Directory.Exists(Path.Combine(portal.DataFolder, "files")));
                Assert.NotEmpty(Directory.GetFiles(index, "segments*", SearchOption.AllDirectories));
                Assert.False(Directory.Exists(Path.Combine(portal.DataFolder, "index")));
                Assert.NotEmpty(hits.Hits);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private sealed class SeparateFolders(string files, string index) : PortalFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Files:Folder"] = files,
            ["Search:IndexFolder"] = index,
        };
    }
}
