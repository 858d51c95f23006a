namespace Ihec.Portal.Infrastructure;

/// <summary>
/// Where the embedded defaults keep their files (database, mail pickup, uploads, search index, keys). Uploaded files and
/// the search index can be moved out of the data folder: files to storage every instance shares (<c>Files:Folder</c>),
/// the index to a disk of the instance's own (<c>Search:IndexFolder</c>).
/// </summary>
public sealed class PortalPaths
{
    public PortalPaths(IConfiguration configuration, IWebHostEnvironment environment)
    {
        var configured = configuration["DataFolder"];
        DataFolder = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(environment.ContentRootPath, "data")
            : Path.GetFullPath(configured);
        Directory.CreateDirectory(DataFolder);
        FilesFolder = FolderOr(configuration["Files:Folder"], Path.Combine(DataFolder, "files"));
        IndexFolder = FolderOr(configuration["Search:IndexFolder"], Path.Combine(DataFolder, "index"));
    }

    public string DataFolder { get; }

    /// <summary>Uploaded files (<c>Files:Folder</c>; by default <c>files</c> in the data folder).</summary>
    public string FilesFolder { get; }

    /// <summary>The Lucene index, one schema version per subfolder (<c>Search:IndexFolder</c>; by default <c>index</c> in the data folder).</summary>
    public string IndexFolder { get; }

    private static string FolderOr(string? configured, string fallback) =>
        string.IsNullOrWhiteSpace(configured) ? fallback : Path.GetFullPath(configured);
}
