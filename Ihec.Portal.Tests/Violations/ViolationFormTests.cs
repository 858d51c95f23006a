using System.Net;
using Ihec.Portal.Features.Violations;
using Ihec.Portal.Shared.Files;
using Ihec.Portal.Shared.Violations;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Ihec.Portal.Tests.Violations.ViolationFlows;

namespace Ihec.Portal.Tests.Violations;

/// <summary>The reporting form has every field the issue lists, and a validation error loses nothing that was typed or attached.</summary>
public sealed class ViolationFormTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_form_asks_for_every_field_of_a_report()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var form = (await member.GetDocumentAsync("/violations/new?culture=en")).Forms.Single(f => f.QuerySelector("input[name=_handler]")?.GetAttribute("value") == "report-violation");

        string[] fields =
        [
            "Input.ElectionId", "Input.Category", "Input.OccurredAt", "Input.Governorate", "Input.District", "Input.PollingStationCode", "Input.Latitude", "Input.Longitude",
            "Input.Description", "Input.PeopleInvolved", "evidence", "Input.Witnessed", "Input.PublicConsent", "Input.SubmissionKey",
        ];
        foreach (var name in fields)
        {
            var field = form.QuerySelector($"[name='{name}']");
            Assert.True(field is not null, $"No field {name}");
            // Every visible field has a label.
            if (field.GetAttribute("type") != "hidden")
            {
                Assert.NotNull(form.QuerySelector($"label[for='{field.Id}']"));
            }
        }

        // Every category of the taxonomy is offered, by name.
        var categories = form.QuerySelectorAll("#category option").Select(o => o.GetAttribute("value")).Where(v => !string.IsNullOrEmpty(v)).ToList();
        Assert.Equal(Enum.GetNames<ViolationCategory>(), categories);
    }

    [Fact]
    public async Task Everything_typed_chosen_and_attached_survives_a_validation_error_and_files_once_corrected()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var key = Guid.NewGuid().ToString("N");
        var fields = Report("", key: key); // no description: the one error
        fields.RemoveAll(f => f.Key is "Input.Category" or "Input.District" or "Input.PeopleInvolved" or "Input.PollingStationCode");
        fields.Add(new("Input.Category", nameof(ViolationCategory.Intimidation)));
        fields.Add(new("Input.District", "الرصافة"));
        fields.Add(new("Input.PeopleInvolved", "مرشح القائمة ٣ وحمايته"));
        fields.Add(new("Input.PollingStationCode", "120455-02"));
        var occurred = fields.Single(f => f.Key == "Input.OccurredAt").Value;

        var response = await PostAsync(member, fields, [("evidence", "clip.mp4", MediaSamples.Mp4()), ("evidence", "photo.jpg", JpegWithGps())]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("Description", page.QuerySelector("#error-summary")!.TextContent);
        Assert.Equal(nameof(ViolationCategory.Intimidation), page.QuerySelector("#category option[selected]")!.GetAttribute("value"));
        Assert.StartsWith(occurred, page.QuerySelector("#occurred")!.GetAttribute("value")); // the browser shows "…T15:46:00" as 15:46
        Assert.Equal("IQ-BG", page.QuerySelector("#governorate option[selected]")!.GetAttribute("value"));
        Assert.Equal("الرصافة", page.QuerySelector("#district")!.GetAttribute("value"));
        Assert.Equal("120455-02", page.QuerySelector("#station")!.GetAttribute("value"));
        Assert.Equal("33.3152", page.QuerySelector("#latitude")!.GetAttribute("value"));
        Assert.Equal("44.3661", page.QuerySelector("#longitude")!.GetAttribute("value"));
        Assert.Equal("مرشح القائمة ٣ وحمايته", page.QuerySelector("#involved")!.TextContent);
        Assert.True(page.QuerySelector("#witnessed")!.HasAttribute("checked"));
        Assert.True(page.QuerySelector("#consent")!.HasAttribute("checked"));
        Assert.Equal(key, page.QuerySelector("input[name='Input.SubmissionKey']")!.GetAttribute("value"));
        // The files are kept with the form and named, so they are not asked for again.
        var kept = page.QuerySelector("#evidence-kept")!.TextContent;
        Assert.Contains("clip.mp4", kept);
        Assert.Contains("photo.jpg", kept);
        var tokens = page.QuerySelectorAll("input[name='Input.KeptEvidence']").Select(i => i.GetAttribute("value")!).ToList();
        Assert.Equal(2, tokens.Count);

        // Corrected, without choosing the files again: the report has them.
        var corrected = fields.Where(f => f.Key != "Input.Description").Append(new("Input.Description", "تهديد المراقبين أمام المركز")).ToList();
        corrected.AddRange(tokens.Select(t => new KeyValuePair<string, string>("Input.KeptEvidence", t)));
        var reference = await FileAsync(member, corrected);
        var report = await ReportAsync(factory, reference);
        Assert.Equal(ViolationCategory.Intimidation, report.Category);
        Assert.Equal("120455-02", report.PollingStationCode);
        Assert.Equal("مرشح القائمة ٣ وحمايته", report.PeopleInvolved);
        Assert.True(report.Witnessed);
        Assert.True(report.PublicConsent);
        Assert.Equal([FileKind.Jpeg, FileKind.Mp4], report.Evidence.Select(e => e.FileKind).Order());
        await using var db = factory.CreateDbContext();
        Assert.Equal(1, await db.Set<ViolationReport>().CountAsync(r => r.SubmissionKey == key));
    }

    [Fact]
    public async Task Unticked_boxes_stay_unticked_after_an_error()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var fields = Report("", consent: false);
        fields.RemoveAll(f => f.Key == "Input.Witnessed");

        var page = await (await PostAsync(member, fields)).ParseAsync();

        Assert.NotNull(page.QuerySelector("#error-summary"));
        Assert.False(page.QuerySelector("#witnessed")!.HasAttribute("checked"));
        Assert.False(page.QuerySelector("#consent")!.HasAttribute("checked"));
    }
}
