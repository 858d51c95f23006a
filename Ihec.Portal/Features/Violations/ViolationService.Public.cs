using System.Linq.Expressions;
using Ihec.Portal.Shared.Violations;

namespace Ihec.Portal.Features.Violations;

// What may be public. The public map's data (ViolationService.Map.cs) starts from this rule, and no reporter,
// organisation, description or exact position ever leaves it.
public sealed partial class ViolationService
{
    private static readonly Expression<Func<ViolationReport, bool>> IsPublic =
        r => r.State == ViolationState.Verified && r.PublicConsent && r.DuplicateOfId == null;
}
