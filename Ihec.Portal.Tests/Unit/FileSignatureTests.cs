using System.Text;
using Ihec.Portal.Shared.Files;

namespace Ihec.Portal.Tests.Unit;

public sealed class FileSignatureTests
{
    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37 }, FileKind.Pdf)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D }, FileKind.Png)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, FileKind.Jpeg)]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50 }, FileKind.Webp)]
    public void Known_files_are_recognised_by_their_first_bytes(byte[] head, FileKind expected) =>
        Assert.Equal(expected, FileSignatures.Detect(head));

    [Theory]
    [InlineData("<html><script>alert(1)</script>")]
    [InlineData("MZ\u0090\0 executable")]
    [InlineData("")]
    [InlineData("%PD")]
    public void Anything_else_is_unknown_whatever_its_name(string content) =>
        Assert.Equal(FileKind.Unknown, FileSignatures.Detect(Encoding.Latin1.GetBytes(content)));

    [Fact]
    public void A_riff_file_that_is_neither_webp_nor_wav_is_unknown()
    {
        Assert.Equal(FileKind.Wav, FileSignatures.Detect("RIFF\u0001\u0002\u0003\u0004WAVE"u8));
        Assert.Equal(FileKind.Unknown, FileSignatures.Detect("RIFF\u0001\u0002\u0003\u0004AVI "u8));
    }
}
