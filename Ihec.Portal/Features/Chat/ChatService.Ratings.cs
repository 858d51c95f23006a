using System.Security.Claims;
using Ihec.Portal.Features.Organisations;
using Ihec.Portal.Infrastructure.Auditing;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Chat;

/// <summary>What the rating page shows: the conversation, whether it may be rated, and the rating once given.</summary>
public sealed record RatingView(ConversationView Conversation, ChatRating? Rating)
{
    public bool CanRate => Conversation.State == ConversationState.Resolved && Rating is null;
}

/// <summary>An organisation's rating of a resolved conversation: once, by a member of the organisation.</summary>
public sealed partial class ChatService
{
    /// <summary>The conversation and its rating, for a member of its organisation; null for anyone else (the page answers not found).</summary>
    public async Task<RatingView?> RatingAsync(ClaimsPrincipal user, Guid conversationId, CancellationToken cancellationToken = default)
    {
        if (await CallerAsync(user) is not { IsAgent: false } caller)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var view = (await ViewsAsync(db, Visible(db, caller).Where(c => c.Id == conversationId), cancellationToken)).SingleOrDefault();
        if (view is null)
        {
            return null;
        }

        var rating = await db.Set<ChatRating>().AsNoTracking().SingleOrDefaultAsync(r => r.ConversationId == conversationId, cancellationToken);
        return new RatingView(view, rating);
    }

    /// <summary>Stores a member's rating of a resolved conversation; a second rating is refused.</summary>
    public async Task<Result> RateAsync(ClaimsPrincipal user, Guid conversationId, RatingForm form, CancellationToken cancellationToken = default)
    {
        if (await CallerAsync(user) is not { IsAgent: false } caller)
        {
            return Result.Fail("RatingNotFound");
        }

        form.Comment = string.IsNullOrWhiteSpace(form.Comment) ? null : form.Comment.Trim();
        var errors = FormCheck.Validate(form);
        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var conversation = await Visible(db, caller).AsNoTracking().SingleOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        if (conversation is null)
        {
            return Result.Fail("RatingNotFound");
        }

        if (conversation.State != ConversationState.Resolved)
        {
            return Result.Fail("RatingNotResolved");
        }

        if (await db.Set<ChatRating>().AnyAsync(r => r.ConversationId == conversationId, cancellationToken))
        {
            return Result.Fail("RatingAlreadyGiven");
        }

        db.Add(new ChatRating
        {
            ConversationId = conversationId,
            Score = form.Score!.Value,
            Comment = form.Comment,
            UserId = caller.UserId,
            UserName = caller.Name,
            CreatedAt = clock.GetUtcNow(),
        });
        db.Audit(ActorOf(user), ChatOperationsAudit.Rated, ChatAuditActions.ConversationEntity, conversationId.ToString(),
            form.Score.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), conversation.OrganisationId, clock);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two members rated at the same moment: the first one stands.
            return Result.Fail("RatingAlreadyGiven");
        }

        return Result.Ok;
    }
}
