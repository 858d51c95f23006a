using System.Text;
using Ihec.Portal.Shared.Files;
using Ihec.Portal.Tests.Violations;

namespace Ihec.Portal.Tests.Unit;

public sealed class MediaMetadataTests
{
    public static TheoryData<byte[], FileKind> Samples => new()
    {
        { MediaSamples.Mp4(), FileKind.Mp4 },
        { MediaSamples.QuickTime(), FileKind.QuickTime },
        { MediaSamples.IsoMedia("3gp4"), FileKind.Mp4 },
        { MediaSamples.M4a(), FileKind.M4a },
        { MediaSamples.WebM(), FileKind.WebM },
        { MediaSamples.Matroska(), FileKind.Matroska },
        { MediaSamples.Mp3(), FileKind.Mp3 },
        { MediaSamples.Mp3()[^545..], FileKind.Mp3 },
        { MediaSamples.Ogg(), FileKind.Ogg },
        { MediaSamples.Wav(), FileKind.Wav },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Video_and_audio_are_recognised_by_their_container_signature(byte[] file, FileKind expected) =>
        Assert.Equal(expected, FileSignatures.Detect(file.AsSpan(0, Math.Min(file.Length, FileSignatures.BytesNeeded))));

    [Theory]
    [InlineData("heic")] // a HEIC photo is an ISO media file too, but not a video
    [InlineData("avif")]
    [InlineData("xxxx")]
    public void Other_iso_media_brands_are_not_video(string brand) =>
        Assert.Equal(FileKind.Unknown, FileSignatures.Detect(MediaSamples.IsoMedia(brand)));

    [Fact]
    public void An_ebml_file_of_another_document_type_is_unknown() =>
        Assert.Equal(FileKind.Unknown, FileSignatures.Detect([0x1A, 0x45, 0xDF, 0xA3, 0x84, 0x42, 0x82, 0x81, (byte)'x', 0, 0, 0, 0]));

    [Theory]
    [InlineData(FileKind.Mp4)]
    [InlineData(FileKind.QuickTime)]
    [InlineData(FileKind.M4a)]
    public void Iso_media_loses_its_position_and_device_in_place_and_keeps_its_media(FileKind kind)
    {
        var original = kind switch { FileKind.QuickTime => MediaSamples.QuickTime(), FileKind.M4a => MediaSamples.M4a(), _ => MediaSamples.Mp4() };
        Assert.Contains(MediaSamples.Position, Encoding.ASCII.GetString(original));

        var stripped = MediaMetadata.Strip(original, kind)!;

        var text = Encoding.ASCII.GetString(stripped);
        Assert.Equal(original.Length, stripped.Length); // sizes unchanged: sample offsets stay valid
        Assert.DoesNotContain(MediaSamples.Position, text);
        Assert.DoesNotContain(MediaSamples.Device, text);
        Assert.DoesNotContain("udta", text);
        Assert.DoesNotContain("ISO6709", text);
        Assert.Contains("frame-data-frame-data-frame-data", text);
        Assert.Contains("mvhd", text);
        Assert.Contains("tkhd", text);
        Assert.Equal(kind, FileSignatures.Detect(stripped.AsSpan(0, FileSignatures.BytesNeeded)));
    }

    [Fact]
    public void Iso_media_whose_boxes_do_not_add_up_is_refused()
    {
        var broken = MediaSamples.Mp4();
        broken[^20] = 0xFF; // inside mdat: fine
        Assert.NotNull(MediaMetadata.Strip(broken, FileKind.Mp4));
        Assert.Null(MediaMetadata.Strip(broken[..^10], FileKind.Mp4)); // truncated: the last box runs past the end
        Assert.Null(MediaMetadata.Strip(MediaSamples.Box("ftyp", MediaSamples.Ascii("isom")), FileKind.Mp4)); // no movie
    }

    [Fact]
    public void Mp3_loses_its_id3_tags_and_keeps_its_frames()
    {
        var original = MediaSamples.Mp3();
        var stripped = MediaMetadata.Strip(original, FileKind.Mp3)!;

        var text = Encoding.ASCII.GetString(stripped);
        Assert.DoesNotContain("ID3", text);
        Assert.DoesNotContain("TAG", text);
        Assert.DoesNotContain(MediaSamples.Device, text);
        Assert.Equal(417, stripped.Length);
        Assert.Equal([0xFF, 0xFB, 0x90, 0x64], stripped[..4]);
    }

    [Fact]
    public void Wav_keeps_only_its_format_and_audio()
    {
        var stripped = MediaMetadata.Strip(MediaSamples.Wav(), FileKind.Wav)!;

        var text = Encoding.ASCII.GetString(stripped);
        Assert.DoesNotContain("LIST", text);
        Assert.DoesNotContain(MediaSamples.Device, text);
        Assert.Contains("fmt ", text);
        Assert.Contains("data", text);
        Assert.Equal(stripped.Length - 8, BitConverter.ToInt32(stripped, 4));
        Assert.Equal(12 + 24 + 8 + 800, stripped.Length);
    }

    [Fact]
    public void Ogg_and_webm_are_stored_as_uploaded()
    {
        var ogg = MediaSamples.Ogg();
        Assert.Same(ogg, MediaMetadata.Strip(ogg, FileKind.Ogg));
        var webm = MediaSamples.WebM();
        Assert.Same(webm, MediaMetadata.Strip(webm, FileKind.WebM));
    }
}
