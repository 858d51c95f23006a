namespace Ihec.Portal.Infrastructure;

/// <summary>Where the embedded defaults keep their files (database, mail pickup, uploads).</summary>
public sealed class PortalPaths
{
    public PortalPaths(IConfiguration configuration, IWebHostEnvironment environment)
    {
        var configured = configuration["DataFolder"];
        DataFolder = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(environment.ContentRootPath, "data")
            : Path.GetFullPath(configured);
        Directory.CreateDirectory(DataFolder);
    }

    public string DataFolder { get; }
}
