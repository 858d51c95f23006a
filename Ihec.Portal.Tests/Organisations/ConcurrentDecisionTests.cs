using Ihec.Portal.Features.Organisations;
using Ihec.Portal.Infrastructure.Auditing;
using Ihec.Portal.Shared.Organisations;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ihec.Portal.Tests.Organisations.OrganisationFlows;

namespace Ihec.Portal.Tests.Organisations;

public sealed class ConcurrentDecisionTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly AuditActor Staff = new(null, "relations-test", null);

    [Fact]
    public async Task Two_staff_deciding_at_once_cannot_both_change_the_organisation()
    {
        for (var round = 0; round < 5; round++)
        {
            var organisation = await FindAsync(factory, await ApplyAsync(factory, Unique()));

            var results = await Task.WhenAll(
                DecideAsync(organisation.Id, OrganisationDecision.Accept, null),
                DecideAsync(organisation.Id, OrganisationDecision.Refuse, "Incomplete."));

            Assert.Single(results, r => r.Succeeded);
            var loser = Assert.Single(results, r => !r.Succeeded);
            Assert.Equal("ChangedMeanwhile", loser.Errors[0].Key);
            var decided = await FindByIdAsync(factory, organisation.Id);
            await using var db = factory.CreateDbContext();
            var decisions = await db.AuditEntries.Where(e => e.OrganisationId == organisation.Id && e.Action != "organisation.apply").CountAsync();
            Assert.Equal(1, decisions);
            Assert.Equal(decided.Status == OrganisationStatus.Accredited ? 1 : 0,
                await db.Users.CountAsync(u => u.OrganisationId == organisation.Id));
        }
    }

    [Fact]
    public async Task Status_is_a_concurrency_token_so_a_stale_copy_cannot_overwrite_a_decision()
    {
        var organisation = await FindAsync(factory, await ApplyAsync(factory, Unique()));
        await using var stale = factory.CreateDbContext();
        var copy = await stale.Organisations.SingleAsync(o => o.Id == organisation.Id);
        await using (var other = factory.CreateDbContext())
        {
            var current = await other.Organisations.SingleAsync(o => o.Id == organisation.Id);
            current.Status = OrganisationStatus.Refused;
            await other.SaveChangesAsync();
        }

        copy.Status = OrganisationStatus.Accredited;

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());
        Assert.Equal(OrganisationStatus.Refused, (await FindByIdAsync(factory, organisation.Id)).Status);
    }

    private async Task<Result> DecideAsync(Guid id, OrganisationDecision decision, string? reason)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<OrganisationService>();
        return await service.DecideAsync(id, new DecisionForm { Decision = decision, Reason = reason, ExpectedStatus = OrganisationStatus.Submitted }, Staff);
    }
}
