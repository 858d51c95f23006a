using System.Security.Claims;
using Ihec.Portal.Features.Organisations;
using Ihec.Portal.Infrastructure.Auditing;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Chat;

/// <summary>A canned response in one language, for the picker.</summary>
public sealed record CannedResponseView(Guid Id, string Title, string Text);

/// <summary>The media unit's canned responses: kept in Arabic, Sorani and English, inserted into replies.</summary>
public sealed partial class ChatService
{
    public const int MaxCannedResponses = 500;

    /// <summary>Every canned response in <paramref name="language"/> (ar, ckb or en), by title; the media unit only.</summary>
    public async Task<IReadOnlyList<CannedResponseView>> CannedResponsesAsync(ClaimsPrincipal user, string language, CancellationToken cancellationToken = default)
    {
        var all = await CannedResponsesForEditingAsync(user, cancellationToken);
        return all.Select(c => new CannedResponseView(c.Id, c.Title, c.TextIn(language))).ToList();
    }

    /// <summary>Every canned response with its three texts, by title; the media unit only.</summary>
    public async Task<IReadOnlyList<CannedResponse>> CannedResponsesForEditingAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (await CallerAsync(user) is not { IsAgent: true })
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var all = await db.Set<CannedResponse>().AsNoTracking().Take(MaxCannedResponses).ToListAsync(cancellationToken);
        return all.OrderBy(c => c.Title, StringComparer.CurrentCulture).ToList();
    }

    public async Task<CannedResponse?> CannedResponseAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken = default)
    {
        if (await CallerAsync(user) is not { IsAgent: true })
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<CannedResponse>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
    }

    /// <summary>Creates (<paramref name="id"/> null) or changes a canned response; checks the form whatever the page did.</summary>
    public async Task<Result<Guid>> SaveCannedResponseAsync(ClaimsPrincipal user, Guid? id, CannedResponseForm form, CancellationToken cancellationToken = default)
    {
        if (await CallerAsync(user) is not { IsAgent: true } caller)
        {
            return Result<Guid>.Fail("CannedNotAllowed");
        }

        form.Title = form.Title?.Trim();
        form.TextAr = form.TextAr?.Trim();
        form.TextCkb = form.TextCkb?.Trim();
        form.TextEn = form.TextEn?.Trim();
        var errors = FormCheck.Validate(form);
        if (errors.Count > 0)
        {
            return Result<Guid>.Fail(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        CannedResponse? canned;
        if (id is { } existing)
        {
            canned = await db.Set<CannedResponse>().SingleOrDefaultAsync(c => c.Id == existing, cancellationToken);
            if (canned is null)
            {
                return Result<Guid>.Fail("CannedNotFound");
            }
        }
        else
        {
            if (await db.Set<CannedResponse>().CountAsync(cancellationToken) >= MaxCannedResponses)
            {
                return Result<Guid>.Fail("CannedTooMany", "", MaxCannedResponses);
            }

            canned = new CannedResponse();
            db.Add(canned);
        }

        canned.Title = form.Title!;
        canned.TextAr = form.TextAr!;
        canned.TextCkb = form.TextCkb!;
        canned.TextEn = form.TextEn!;
        canned.UpdatedAt = clock.GetUtcNow();
        canned.UpdatedByName = caller.Name;
        db.Audit(ActorOf(user), ChatOperationsAudit.CannedSaved, ChatOperationsAudit.CannedEntity, canned.Id.ToString(), canned.Title, null, clock);
        await db.SaveChangesAsync(cancellationToken);
        return Result<Guid>.Success(canned.Id);
    }

    public async Task<Result> DeleteCannedResponseAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken = default)
    {
        if (await CallerAsync(user) is not { IsAgent: true })
        {
            return Result.Fail("CannedNotAllowed");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var canned = await db.Set<CannedResponse>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (canned is null)
        {
            return Result.Fail("CannedNotFound");
        }

        db.Remove(canned);
        db.Audit(ActorOf(user), ChatOperationsAudit.CannedDeleted, ChatOperationsAudit.CannedEntity, id.ToString(), canned.Title, null, clock);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }
}
