using System.Net;
using Ihec.Portal.Tests.Infrastructure;
using Ihec.Portal.Tests.Organisations;
using Ihec.Portal.Tests.Violations;

namespace Ihec.Portal.Tests.Security;

/// <summary>
/// #20 item 6: a kept-upload token (a file sent with a form that came back with errors) attaches its file only for the
/// uploader, and only once: another organisation or browser replaying it, or the uploader replaying it after filing, gets
/// no file.
/// </summary>
public sealed class KeptUploadTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Evidence_token_attaches_for_the_uploader_once_and_never_for_another_organisation()
    {
        var tammuz = await factory.SignedInClientAsync(ViolationFlows.TammuzMember);
        var kirkuk = await factory.SignedInClientAsync(ViolationFlows.KirkukMember);
        var withError = await ViolationFlows.PostAsync(tammuz, ViolationFlows.Report(""), [("evidence", "photo.jpg", ViolationFlows.JpegWithGps())]);
        var token = (await withError.ParseAsync()).QuerySelector("input[name='Input.KeptEvidence']")!.GetAttribute("value")!;

        var stolen = await ViolationFlows.FileAsync(kirkuk, WithKept(ViolationFlows.Report("تقرير من منظمة أخرى"), "Input.KeptEvidence", token));
        var own = await ViolationFlows.FileAsync(tammuz, WithKept(ViolationFlows.Report("تقرير بالأدلة"), "Input.KeptEvidence", token));
        var replayed = await ViolationFlows.FileAsync(tammuz, WithKept(ViolationFlows.Report("تقرير مكرر"), "Input.KeptEvidence", token));

        Assert.Empty((await ViolationFlows.ReportAsync(factory, stolen)).Evidence);
        Assert.Single((await ViolationFlows.ReportAsync(factory, own)).Evidence);
        Assert.Empty((await ViolationFlows.ReportAsync(factory, replayed)).Evidence);
    }

    [Fact]
    public async Task Application_document_token_attaches_for_the_applicants_browser_once()
    {
        var applicant = factory.CreateBrowserLikeClient();
        var first = await applicant.SubmitFormAsync("/organisations/apply?culture=en", "apply",
            OrganisationFlows.Application(OrganisationFlows.Unique()).Without("Input.Declaration"), OrganisationFlows.Document());
        var token = (await first.ParseAsync()).QuerySelector("input[name='Input.KeptDocument']")!.GetAttribute("value")!;

        var otherBrowser = factory.CreateBrowserLikeClient();
        var stolen = await otherBrowser.SubmitFormAsync("/organisations/apply?culture=en", "apply",
            OrganisationFlows.Application(OrganisationFlows.Unique()).With("Input.KeptDocument", token), files: []);
        var own = await applicant.SubmitFormAsync("/organisations/apply?culture=en", "apply",
            OrganisationFlows.Application(OrganisationFlows.Unique()).With("Input.KeptDocument", token), files: []);
        var replayed = await applicant.SubmitFormAsync("/organisations/apply?culture=en", "apply",
            OrganisationFlows.Application(OrganisationFlows.Unique()).With("Input.KeptDocument", token), files: []);

        Assert.Equal(HttpStatusCode.OK, stolen.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await stolen.ParseAsync()).QuerySelector("#document-error")?.TextContent));
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await replayed.ParseAsync()).QuerySelector("#document-error")?.TextContent));
    }

    private static List<KeyValuePair<string, string>> WithKept(List<KeyValuePair<string, string>> fields, string name, string token)
    {
        fields.Add(new(name, token));
        return fields;
    }
}
