using System.Net;
using System.Text;
using Ihec.Portal.Features.Violations;
using Ihec.Portal.Shared.Files;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Ihec.Portal.Tests.Violations.ViolationFlows;

namespace Ihec.Portal.Tests.Violations;

public sealed class ViolationMediaEvidenceTests(ViolationMediaEvidenceTests.SmallAudioLimit factory) : IClassFixture<ViolationMediaEvidenceTests.SmallAudioLimit>
{
    /// <summary>Audio limited to 1 MB so that the per-kind limit can be seen with small files; video keeps its default.</summary>
    public sealed class SmallAudioLimit : PortalFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Violations:MaxAudioBytes"] = "1048576" };
    }

    [Fact]
    public async Task Video_and_audio_are_accepted_served_with_their_type_and_shown_with_players_and_download_links()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        (string Name, byte[] Content, string Type)[] files =
        [
            ("clip.mp4", MediaSamples.Mp4(), "video/mp4"),
            ("IMG_0420.MOV", MediaSamples.QuickTime(), "video/quicktime"),
            ("recording.webm", MediaSamples.WebM(), "video/webm"),
            ("voice.m4a", MediaSamples.M4a(), "audio/mp4"),
            ("PTT-20260101.opus", MediaSamples.Ogg(), "audio/ogg"),
        ];
        var reference = await FileAsync(member, Report("مقطع فيديو وتسجيل صوتي لشراء الأصوات"), files.Select(f => ("evidence", f.Name, f.Content)));
        var report = await ReportAsync(factory, reference);
        Assert.Equal(files.Length, report.Evidence.Count);

        foreach (var (name, _, type) in files)
        {
            var evidence = report.Evidence.Single(e => Path.GetFileNameWithoutExtension(e.FileName) == Path.GetFileNameWithoutExtension(name));
            var response = await member.GetAsync($"/violations/evidence/{evidence.Id}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
        }

        // The stored MP4 carries neither the position nor the phone it was recorded with.
        var mp4 = report.Evidence.Single(e => e.FileKind == FileKind.Mp4);
        var stored = Encoding.Latin1.GetString(await member.GetByteArrayAsync($"/violations/evidence/{mp4.Id}"));
        Assert.DoesNotContain(MediaSamples.Position, stored);
        Assert.DoesNotContain(MediaSamples.Device, stored);
        Assert.Contains("frame-data", stored);

        var page = await member.GetDocumentAsync($"/violations/{report.Id}?culture=en");
        Assert.Equal(3, page.QuerySelectorAll("video[controls]").Length);
        Assert.Equal(2, page.QuerySelectorAll("audio[controls]").Length);
        var video = page.QuerySelector($"video[data-evidence='{mp4.Id}']")!;
        Assert.Equal($"/violations/evidence/{mp4.Id}", video.QuerySelector("source")!.GetAttribute("src"));
        Assert.Equal("Video: clip.mp4", video.GetAttribute("aria-label"));
        var download = page.QuerySelectorAll("a[download]").Single(a => a.GetAttribute("href") == $"/violations/evidence/{mp4.Id}");
        Assert.StartsWith("Download “clip.mp4”", download.TextContent);
        Assert.Contains(page.QuerySelectorAll("audio"), a => a.GetAttribute("aria-label") == "Audio recording: PTT-20260101.ogg");

        // The reviewer sees the same players.
        var reviewer = await factory.SignedInClientAsync(Reviewer);
        var review = await reviewer.GetDocumentAsync($"/ihec/violations/{report.Id}?culture=en");
        Assert.Equal(3, review.QuerySelectorAll("video[controls]").Length);
        Assert.Equal(2, review.QuerySelectorAll("audio[controls]").Length);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync($"/violations/evidence/{mp4.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_video_can_be_fetched_in_ranges_so_the_player_can_seek()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var reference = await FileAsync(member, Report("فيديو يمكن تقديمه"), [("evidence", "clip.mp4", MediaSamples.Mp4())]);
        var evidence = Assert.Single((await ReportAsync(factory, reference)).Evidence);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/violations/evidence/{evidence.Id}");
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 7);
        var response = await member.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(8, (await response.Content.ReadAsByteArrayAsync()).Length);
    }

    [Theory]
    [InlineData("en", "clip.mp4", "is not a valid photo (JPEG, PNG or WebP), PDF document, video (MP4, MOV or WebM) or audio recording")]
    [InlineData("ar", "clip.mp4", "ليس صورة")]
    [InlineData("ckb", "voice.mp3", "دروست نییە")]
    public async Task A_renamed_file_that_is_not_media_is_refused_with_a_localised_message(string culture, string name, string message)
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var description = "ملف نصي باسم مقطع " + culture;

        var response = await member.SubmitFormAsync($"/violations/new?culture={culture}", "report-violation", Report(description),
            [("evidence", name, Encoding.UTF8.GetBytes("just some text, renamed to look like a recording"))]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        var summary = page.QuerySelector("#error-summary")!.TextContent;
        Assert.Contains(message, summary);
        Assert.Contains(Path.GetFileNameWithoutExtension(name), summary);
        Assert.Equal(description, page.QuerySelector("#description")!.TextContent);
        await using var db = factory.CreateDbContext();
        Assert.False(await db.Set<ViolationReport>().AnyAsync(r => r.Description == description));
    }

    [Fact]
    public async Task Audio_larger_than_its_own_limit_is_refused_while_a_video_of_that_size_is_accepted()
    {
        var member = await factory.SignedInClientAsync(TammuzMember);
        var padding = new byte[1_200_000];
        byte[] longAudio = [.. MediaSamples.Ogg(), .. padding];
        byte[] video = [.. MediaSamples.Mp4(), .. MediaSamples.Box("free", padding)];

        var refused = await PostAsync(member, Report("تسجيل صوتي طويل"), [("evidence", "long.ogg", longAudio)]);
        Assert.Contains("“long.ogg” is larger than 1 MB", (await refused.ParseAsync()).QuerySelector("#error-summary")!.TextContent);

        var reference = await FileAsync(member, Report("فيديو بالحجم نفسه"), [("evidence", "same-size.mp4", video)]);
        Assert.Equal(FileKind.Mp4, Assert.Single((await ReportAsync(factory, reference)).Evidence).FileKind);
    }

    [Fact]
    public async Task Another_organisation_gets_not_found_for_a_video_or_recording()
    {
        var tammuz = await factory.SignedInClientAsync(TammuzMember);
        var reference = await FileAsync(tammuz, Report("فيديو خاص بمنظمة تموز"), [("evidence", "clip.mp4", MediaSamples.Mp4()), ("evidence", "voice.wav", MediaSamples.Wav())]);
        var report = await ReportAsync(factory, reference);

        var kirkuk = await factory.SignedInClientAsync(KirkukMember);
        var analyst = await factory.SignedInClientAsync("antirumour@demo.ihec.iq");
        var anonymous = factory.CreateBrowserLikeClient();
        Assert.Equal(2, report.Evidence.Count);
        foreach (var evidence in report.Evidence)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await kirkuk.GetAsync($"/violations/evidence/{evidence.Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync($"/violations/evidence/{evidence.Id}")).StatusCode);
            Assert.True((await anonymous.GetAsync($"/violations/evidence/{evidence.Id}")).IsSignInRedirect());
            Assert.Equal(HttpStatusCode.OK, (await tammuz.GetAsync($"/violations/evidence/{evidence.Id}")).StatusCode);
        }
    }
}
