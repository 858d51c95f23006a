using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Infrastructure.Geography;
using Ihec.Portal.Shared.Violations;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Features.Violations;

/// <summary>
/// With <c>Demo:Enabled</c> and no reports yet, seeds a few for the demo organisations: one in each of the review's
/// main states, one whose pin lies in another governorate than the one chosen, and one verified with consent so the
/// public map shows something. All belong to the demo tally engine's current election.
/// </summary>
internal sealed class ViolationDemo(IServiceProvider services, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue<bool>("Demo:Enabled"))
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var dbFactory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var boundaries = scope.ServiceProvider.GetRequiredService<GovernorateBoundaries>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<ViolationReport>().AnyAsync(cancellationToken))
        {
            return;
        }

        var organisations = await db.Organisations.Where(o => o.Reference.StartsWith("CSO-DEMO-")).ToDictionaryAsync(o => o.Reference, o => o.Id, cancellationToken);
        var members = await db.Users.Where(u => u.Email!.StartsWith("member@")).ToDictionaryAsync(u => u.Email!, cancellationToken);
        if (!organisations.TryGetValue("CSO-DEMO-0001", out var tammuz) || !organisations.TryGetValue("CSO-DEMO-0002", out var kirkuk)
            || !members.TryGetValue("member@tammuz.demo", out var tammuzMember) || !members.TryGetValue("member@kirkuk-women.demo", out var kirkukMember))
        {
            return;
        }

        var reviewer = await db.Users.FirstOrDefaultAsync(u => u.Email == "monitoring@demo.ihec.iq", cancellationToken);
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();

        ViolationReport Report(int number, Guid organisation, PortalUser member, ViolationCategory category, string governorate, string district,
            double lat, double lon, string description, TimeSpan ago, ViolationState state, bool consent)
        {
            var pin = boundaries.GovernorateAt(lon, lat);
            var report = new ViolationReport
            {
                Number = number, OrganisationId = organisation, ReporterUserId = member.Id, ReporterName = member.DisplayName, Category = category,
                // The demo tally engine's current election.
                ElectionId = Statistics.DemoTallyData.CouncilOfRepresentatives,
                OccurredAt = now - ago - TimeSpan.FromHours(2), Governorate = governorate, District = district, Latitude = lat, Longitude = lon,
                PinGovernorate = pin, GovernorateMismatch = pin != governorate, Description = description, Witnessed = true, PublicConsent = consent,
                State = state, SubmittedAt = now - ago, UpdatedAt = now - ago, SubmissionKey = Guid.NewGuid().ToString("N"), IsDemo = true,
            };
            report.Events.Add(new ViolationEvent { At = report.SubmittedAt, ActorName = member.DisplayName, Kind = ViolationEventKind.Submitted, ToState = ViolationState.Submitted });
            if (state != ViolationState.Submitted)
            {
                report.Events.Add(new ViolationEvent { At = now - ago / 2, ActorName = reviewer?.DisplayName ?? "IHEC", Kind = ViolationEventKind.StateChanged,
                    FromState = ViolationState.Submitted, ToState = state });
                // Not opened since by the organisation's members: the demo shows the "updated" marker and the navigation's count.
                report.ChangedForReporterAt = now - ago / 2;
            }

            return report;
        }

        var buying = Report(1, tammuz, tammuzMember, ViolationCategory.VoteBuying, "IQ-BG", "الكرخ", 33.3152, 44.3661,
            "شوهد أشخاص يوزعون بطاقات شحن ومبالغ نقدية على الناخبين قرب مدخل مركز الاقتراع مقابل التصويت لمرشح معين.", TimeSpan.FromHours(3),
            ViolationState.Submitted, consent: true);
        var threats = Report(2, kirkuk, kirkukMember, ViolationCategory.HateSpeech, "IQ-KI", "كركوك", 35.4681, 44.3922,
            "منشورات تحريضية ضد مرشحات في كركوك تدعو إلى منعهن من الظهور في الحملة الانتخابية.", TimeSpan.FromHours(20),
            ViolationState.NeedsInformation, consent: false);
        threats.StateReason = "يرجى إرسال روابط المنشورات أو صور منها مع تاريخ النشر.";
        threats.Events[^1].Details = threats.StateReason;
        threats.Comments.Add(new ViolationComment { AuthorUserId = reviewer?.Id ?? "", AuthorName = reviewer?.DisplayName ?? "IHEC", FromIhec = true,
            Text = threats.StateReason, CreatedAt = now - TimeSpan.FromHours(10) });
        var stuffing = Report(3, tammuz, tammuzMember, ViolationCategory.BallotStuffing, "IQ-BA", "البصرة", 30.5085, 47.7804,
            "رأى المراقب موظفاً يضع عدداً من أوراق الاقتراع في الصندوق بعد إغلاق المحطة.", TimeSpan.FromDays(2),
            ViolationState.Verified, consent: true);
        stuffing.PollingStationCode = "210345-3";
        // Chosen as Kirkuk, pinned in Erbil: flagged for the reviewer.
        var obstruction = Report(4, kirkuk, kirkukMember, ViolationCategory.ObstructionOfObservers, "IQ-KI", "الدبس", 36.1911, 44.0092,
            "منع مدير المركز مراقبينا من الدخول رغم إبراز باجات الاعتماد.", TimeSpan.FromDays(1),
            ViolationState.UnderReview, consent: true);
        obstruction.AssignedToUserId = reviewer?.Id;
        obstruction.AssignedToName = reviewer?.DisplayName;

        db.AddRange(buying, threats, stuffing, obstruction);
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
