using System.Text.Json;
using Ihec.Portal.Features.Violations;
using Ihec.Portal.Shared.Violations;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Ihec.Portal.Tests.Violations.ViolationFlows;

namespace Ihec.Portal.Tests.Violations;

/// <summary>
/// Exports are complete, not capped: with well over 5,000 reports (where the best-known crowd-mapping platform stops),
/// every row a reviewer may see is in the CSV and the GeoJSON, and the map data for the whole country stays a handful of
/// clusters. (bench/ViolationMap does the same with 100,000.)
/// </summary>
public sealed class ViolationExportScaleTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Every_row_is_exported_and_the_map_data_stays_small()
    {
        const int seeded = 12_000;
        await using (var db = factory.CreateDbContext())
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var organisation = await db.Organisations.Where(o => o.Reference == "CSO-DEMO-0001").Select(o => o.Id).SingleAsync();
            var start = (await db.Set<ViolationReport>().MaxAsync(r => (int?)r.Number) ?? 0) + 1;
            var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(3)).AddDays(-1);
            for (var i = 0; i < seeded; i++)
            {
                // Around Basra, a few hundred metres apart, submitted (never public).
                db.Add(new ViolationReport
                {
                    Number = start + i, OrganisationId = organisation, ReporterUserId = "seed", ReporterName = "Seed", Category = ViolationCategory.Other,
                    OccurredAt = now.AddMinutes(-i), Governorate = "IQ-BA", PinGovernorate = "IQ-BA", District = "البصرة",
                    Latitude = 30.40 + (i % 100) * 0.003, Longitude = 47.70 + (i / 100) * 0.002, Description = "seed", State = ViolationState.Submitted,
                    SubmittedAt = now, UpdatedAt = now, SubmissionKey = Guid.NewGuid().ToString("N"),
                });
            }

            await db.SaveChangesAsync();
        }

        int total;
        await using (var db = factory.CreateDbContext())
        {
            total = await db.Set<ViolationReport>().CountAsync();
        }

        var reviewer = await factory.SignedInClientAsync(Reviewer);
        var csv = await reviewer.GetStringAsync("/violations/map/violations.csv");
        Assert.Equal(total + 1, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);

        using (var geo = JsonDocument.Parse(await reviewer.GetStringAsync("/violations/map/violations.geojson")))
        {
            Assert.Equal(total, geo.RootElement.GetProperty("features").GetArrayLength());
        }

        var clusters = await reviewer.GetStringAsync("/violations/map/clusters.json?zoom=6");
        Assert.True(clusters.Length < 4_000, $"{clusters.Length} bytes of map data");
        using var json = JsonDocument.Parse(clusters);
        Assert.Equal(total, json.RootElement.GetProperty("clusters").EnumerateArray().Sum(c => c[2].GetInt32()));

        // The organisation's own export holds exactly its own rows.
        var tammuz = await factory.SignedInClientAsync(TammuzMember);
        int own;
        await using (var db = factory.CreateDbContext())
        {
            var tammuzId = await db.Organisations.Where(o => o.Reference == "CSO-DEMO-0001").Select(o => o.Id).SingleAsync();
            own = await db.Set<ViolationReport>().CountAsync(r => r.OrganisationId == tammuzId);
        }

        Assert.True(own > seeded);
        var ownCsv = await tammuz.GetStringAsync("/violations/map/violations.csv");
        Assert.Equal(own + 1, ownCsv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
