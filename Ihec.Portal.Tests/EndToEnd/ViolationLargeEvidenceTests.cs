using System.Net;
using Ihec.Portal.Shared.Files;
using Ihec.Portal.Tests.Infrastructure;
using Ihec.Portal.Tests.Violations;
using static Ihec.Portal.Tests.Violations.ViolationFlows;

namespace Ihec.Portal.Tests.EndToEnd;

/// <summary>
/// Through the real Kestrel server (whose default body limit is 30 MB): a video larger than that, within the video
/// limit, is accepted, because the report form raises its own request limit.
/// </summary>
[Collection(PlaywrightCollection.Name)]
public sealed class ViolationLargeEvidenceTests(PlaywrightPortal browser)
{
    [Fact]
    public async Task A_40_MB_video_passes_kestrels_default_limit_and_is_stored()
    {
        // A client of the real server (the factory's own clients would go to the in-memory one), signed in through the form.
        using var member = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(browser.BaseUrl), Timeout = TimeSpan.FromMinutes(3),
        };
        var signIn = await member.SubmitFormAsync("/account/login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = TammuzMember, ["Input.Password"] = PortalFactory.DemoPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        byte[] video = [.. MediaSamples.Mp4(), .. MediaSamples.Box("free", new byte[40 * 1024 * 1024])];

        var reference = await FileAsync(member, Report("فيديو كبير عبر الخادم الحقيقي"), [("evidence", "long.mp4", video)]);

        var evidence = Assert.Single((await ReportAsync(browser.Portal, reference)).Evidence);
        Assert.Equal(FileKind.Mp4, evidence.FileKind);
        Assert.Equal(video.Length, evidence.Length);
        var head = await member.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/violations/evidence/{evidence.Id}"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(video.Length, head.Content.Headers.ContentLength);
    }
}
