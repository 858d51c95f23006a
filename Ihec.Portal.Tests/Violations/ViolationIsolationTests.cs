using System.Net;
using Ihec.Portal.Tests.Infrastructure;
using static Ihec.Portal.Tests.Violations.ViolationFlows;

namespace Ihec.Portal.Tests.Violations;

public sealed class ViolationIsolationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Another_organisation_gets_not_found_for_the_report_its_evidence_and_its_thread()
    {
        var tammuz = await factory.SignedInClientAsync(TammuzMember);
        const string description = "بلاغ سري لمنظمة تموز فقط";
        var reference = await FileAsync(tammuz, Report(description), [("evidence", "photo.jpg", JpegWithGps())]);
        var report = await ReportAsync(factory, reference);
        var evidence = Assert.Single(report.Evidence);

        var kirkuk = await factory.SignedInClientAsync(KirkukMember);
        var page = await kirkuk.GetAsync($"/violations/{report.Id}?culture=en");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain(description, await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await kirkuk.GetAsync($"/violations/evidence/{evidence.Id}")).StatusCode);
        Assert.DoesNotContain(reference, await kirkuk.GetStringAsync("/violations?culture=en"));

        // Posting an answer to another organisation's report (with a token from one's own page) is refused and changes nothing:
        // the page renders no answer form for a report it does not find.
        var own = await ReportAsync(factory, await FileAsync(kirkuk, Report("بلاغ كركوك", governorate: "IQ-KI", latitude: "35.4681", longitude: "44.3922")));
        var document = await kirkuk.GetDocumentAsync($"/violations/{own.Id}?culture=en");
        var token = document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = await kirkuk.PostAsync($"/violations/{report.Id}?culture=en", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "answer", ["__RequestVerificationToken"] = token, ["Input.Text"] = "intrusion",
        }));
        // Blazor answers 400 to a post naming a form the page did not render.
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Empty((await ReportAsync(factory, reference)).Comments);

        // The reporting organisation and the reviewers do see it.
        Assert.Equal(HttpStatusCode.OK, (await tammuz.GetAsync($"/violations/{report.Id}")).StatusCode);
        var download = await tammuz.GetAsync($"/violations/evidence/{evidence.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        UploadedFileAssert.IsSandboxed(download);
        var reviewer = await factory.SignedInClientAsync(Reviewer);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync($"/violations/evidence/{evidence.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync($"/ihec/violations/{report.Id}")).StatusCode);
    }

    [Fact]
    public async Task Staff_outside_monitoring_cannot_open_evidence()
    {
        var tammuz = await factory.SignedInClientAsync(TammuzMember);
        var reference = await FileAsync(tammuz, Report("دليل لا يراه إلا الرصد"), [("evidence", "photo.jpg", JpegWithGps())]);
        var evidence = Assert.Single((await ReportAsync(factory, reference)).Evidence);

        var analyst = await factory.SignedInClientAsync("antirumour@demo.ihec.iq");
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync($"/violations/evidence/{evidence.Id}")).StatusCode);
    }
}
