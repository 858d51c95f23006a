using Microsoft.AspNetCore.Identity;

namespace Ihec.Portal.Infrastructure.Data;

public class PortalUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    /// <summary>The CSO this user belongs to; null for IHEC staff and the administrator.</summary>
    public Guid? OrganisationId { get; set; }
    /// <summary>The language for e-mails to this user.</summary>
    public string PreferredCulture { get; set; } = "ar";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>A seeded demo account (the only kind that the demo setting may exempt from two-factor).</summary>
    public bool IsDemo { get; set; }
    /// <summary>Set when a CSO administrator removes the member; the account can no longer sign in.</summary>
    public bool IsDeactivated { get; set; }
}
