namespace Ihec.Portal.Tests.Infrastructure;

/// <summary>The portal on a data folder the test chooses (so a later portal, or another process, can use it after it).</summary>
public class FolderPortal(string dataFolder) : PortalFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["DataFolder"] = dataFolder };
}
