namespace Ihec.Portal.Infrastructure.Redis;

/// <summary>This process among the instances: lets a subscriber skip what it published itself when it has already acted on it.</summary>
public sealed class PortalInstance
{
    public string Id { get; } = Guid.NewGuid().ToString("N");
}
