using System.Net;
using System.Text;
using Ihec.Portal.Features.Violations;
using Ihec.Portal.Shared.Violations;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Ihec.Portal.Tests.Violations.ViolationFlows;

namespace Ihec.Portal.Tests.Violations;

public sealed class ViolationReportingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Member_files_a_report_and_sees_it_in_the_organisations_list_as_submitted()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var reference = await FileAsync(member, Report("توزيع مبالغ نقدية أمام المركز — تقرير الاختبار الأول"));

        var report = await ReportAsync(factory, reference);
        Assert.Equal(ViolationState.Submitted, report.State);
        Assert.Equal("IQ-BG", report.PinGovernorate);
        Assert.False(report.GovernorateMismatch);
        Assert.True(report.Witnessed);
        Assert.True(report.PublicConsent);
        Assert.Equal(ViolationEventKind.Submitted, Assert.Single(report.Events).Kind);

        var list = await member.GetDocumentAsync($"/violations?culture=en&filed={reference}");
        Assert.NotNull(list.QuerySelector("#filed-notice"));
        var row = list.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(reference));
        Assert.Contains("Submitted", row.TextContent);
    }

    [Fact]
    public async Task A_retried_submission_with_the_same_key_files_once()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var key = Guid.NewGuid().ToString("N");
        var fields = Report("محاولة مكررة لنفس البلاغ", key: key);

        var first = await FileAsync(member, fields);
        var retried = await FileAsync(member, fields);
        // Two posts at the same moment (a double tap on a slow link) also file once.
        var concurrent = await Task.WhenAll(FileAsync(member, fields), FileAsync(member, fields));

        Assert.All(concurrent.Append(retried), r => Assert.Equal(first, r));
        await using var db = factory.CreateDbContext();
        Assert.Equal(1, await db.Set<ViolationReport>().CountAsync(r => r.SubmissionKey == key));
    }

    [Fact]
    public async Task A_point_outside_Iraq_is_refused_and_what_was_typed_is_kept()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        const string description = "وصف يجب أن يبقى بعد الخطأ";
        // Tehran.
        var response = await PostAsync(member, Report(description, latitude: "35.6892", longitude: "51.3890"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("outside Iraq", page.QuerySelector("#error-summary")!.TextContent);
        Assert.Equal("35.6892", page.QuerySelector("#latitude")!.GetAttribute("value"));
        Assert.Equal("51.3890", page.QuerySelector("#longitude")!.GetAttribute("value"));
        Assert.Equal(description, page.QuerySelector("#description")!.TextContent);
        Assert.Equal("IQ-BG", page.QuerySelector("#governorate option[selected]")!.GetAttribute("value"));
        await using var db = factory.CreateDbContext();
        Assert.False(await db.Set<ViolationReport>().AnyAsync(r => r.Description == description));
    }

    [Fact]
    public async Task A_pin_in_another_governorate_is_flagged_for_the_reviewer_not_corrected()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        // Chosen as Kirkuk, pinned in Baghdad.
        var reference = await FileAsync(member, Report("موقع لا يطابق المحافظة", governorate: "IQ-KI"));

        var report = await ReportAsync(factory, reference);
        Assert.Equal("IQ-KI", report.Governorate);
        Assert.Equal("IQ-BG", report.PinGovernorate);
        Assert.True(report.GovernorateMismatch);

        var reviewer = await factory.SignedInClientAsync(Reviewer);
        var page = await reviewer.GetDocumentAsync($"/ihec/violations/{report.Id}?culture=en");
        Assert.Contains("Baghdad", page.QuerySelector("#mismatch-flag")!.TextContent);
        var queue = await reviewer.GetDocumentAsync("/ihec/violations?culture=en&mismatch=true");
        Assert.Contains(queue.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains(reference));
        Assert.DoesNotContain(queue.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains("V-000001"));
    }

    [Fact]
    public async Task A_photo_is_stored_without_its_gps_and_device_metadata()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var photo = JpegWithGps();
        Assert.Contains("GPSLatitude", Encoding.ASCII.GetString(photo));

        var reference = await FileAsync(member, Report("صورة مع بيانات الموقع"), [("evidence", "IMG_0001.jpg", photo)]);

        var evidence = Assert.Single((await ReportAsync(factory, reference)).Evidence);
        var response = await member.GetAsync($"/violations/evidence/{evidence.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        var stored = Encoding.ASCII.GetString(await response.Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain("Exif", stored);
        Assert.DoesNotContain("GPS", stored);
        Assert.DoesNotContain("PhoneX", stored);
    }

    [Fact]
    public async Task A_file_that_is_not_a_photo_or_pdf_is_refused_by_its_content_whatever_its_name()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        const string description = "ملف تنفيذي باسم صورة";

        var response = await PostAsync(member, Report(description), [("evidence", "photo.jpg", Encoding.ASCII.GetBytes("MZ\x90\0 not an image"))]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("is not a valid photo (JPEG, PNG or WebP), PDF document, video (MP4, MOV or WebM) or audio recording", (await response.ParseAsync()).QuerySelector("#error-summary")!.TextContent);
        await using var db = factory.CreateDbContext();
        Assert.False(await db.Set<ViolationReport>().AnyAsync(r => r.Description == description));
    }

    [Fact]
    public async Task The_demo_reports_cover_the_review_states_a_flagged_pin_and_one_public_report()
    {
        var verified = await ReportAsync(factory, "V-000003");
        Assert.Equal((ViolationState.Verified, true, "IQ-BA", false), (verified.State, verified.PublicConsent, verified.PinGovernorate, verified.GovernorateMismatch));
        var flagged = await ReportAsync(factory, "V-000004");
        Assert.Equal(("IQ-KI", "IQ-AR", true), (flagged.Governorate, flagged.PinGovernorate, flagged.GovernorateMismatch));
        Assert.Equal(ViolationState.NeedsInformation, (await ReportAsync(factory, "V-000002")).State);
        Assert.Equal("IQ-BG", (await ReportAsync(factory, "V-000001")).PinGovernorate);
    }
}
