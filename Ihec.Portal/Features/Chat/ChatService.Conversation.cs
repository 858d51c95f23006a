using System.Security.Claims;
using Ihec.Portal.Shared.Security;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Chat;

/// <summary>What a conversation page shows besides the messages.</summary>
public sealed partial class ChatService
{
    /// <summary>One conversation the caller may see, or not found.</summary>
    public async Task<ChatResult<ConversationView>> ConversationAsync(ClaimsPrincipal user, Guid conversationId, CancellationToken cancellationToken = default)
    {
        if (await CallerAsync(user) is not { } caller)
        {
            return Fail<ConversationView>(ChatError.NotFound);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return (await ViewsAsync(db, Visible(db, caller).Where(c => c.Id == conversationId), cancellationToken)).SingleOrDefault() is { } view
            ? ChatResult<ConversationView>.Ok(view)
            : Fail<ConversationView>(ChatError.NotFound);
    }

    /// <summary>The other side's marks: for a CSO member the media unit's, for the media unit the organisation's (the furthest of each).</summary>
    public async Task<ChatResult<ChatReadMark>> OtherSideMarkAsync(ClaimsPrincipal user, Guid conversationId, CancellationToken cancellationToken = default)
    {
        if (await CallerAsync(user) is not { } caller)
        {
            return Fail<ChatReadMark>(ChatError.NotFound);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await Visible(db, caller).AnyAsync(c => c.Id == conversationId, cancellationToken))
        {
            return Fail<ChatReadMark>(ChatError.NotFound);
        }

        var markers = await db.Set<ChatReadMarker>().AsNoTracking().Where(m => m.ConversationId == conversationId && m.UserId != caller.UserId).ToListAsync(cancellationToken);
        var agents = await db.UserRoles.Where(r => markers.Select(m => m.UserId).Contains(r.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).Where(x => x.Name == PortalRoles.IhecMedia)
            .Select(x => x.UserId).ToListAsync(cancellationToken);
        var other = markers.Where(m => agents.Contains(m.UserId) != caller.IsAgent).ToList();
        var delivered = other.Count == 0 ? 0 : other.Max(m => m.DeliveredSequence);
        var read = other.Count == 0 ? 0 : other.Max(m => m.ReadSequence);
        DateTimeOffset? at = other.Count == 0 ? null : other.Max(m => m.UpdatedAt);
        return ChatResult<ChatReadMark>.Ok(new ChatReadMark(conversationId, "", !caller.IsAgent, delivered, read, at));
    }
}
