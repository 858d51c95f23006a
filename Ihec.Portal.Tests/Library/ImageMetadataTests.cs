using System.Buffers.Binary;
using System.Text;
using Ihec.Portal.Shared.Files;

namespace Ihec.Portal.Tests.Library;

public sealed class ImageMetadataTests
{
    private static readonly byte[] Gps = Encoding.ASCII.GetBytes("Exif\0\0GPSLatitude 33.3152 GPSLongitude 44.3661");

    [Fact]
    public void Jpeg_loses_exif_and_comments_but_keeps_its_image_data()
    {
        byte[] jfif = [0xFF, 0xE0, 0x00, 0x07, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00];
        var exif = Segment(0xE1, Gps);
        var comment = Segment(0xFE, Encoding.ASCII.GetBytes("taken at home"));
        byte[] scan = [0xFF, 0xDA, 0x00, 0x02, 0x12, 0x34, 0x56, 0xFF, 0xD9];
        var jpeg = Concat([0xFF, 0xD8], jfif, exif, comment, scan);

        var stripped = ImageMetadata.Strip(jpeg, FileKind.Jpeg)!;

        Assert.Equal(Concat([0xFF, 0xD8], jfif, scan), stripped);
    }

    [Fact]
    public void Png_loses_exif_and_text_chunks()
    {
        var ihdr = Chunk("IHDR", new byte[13]);
        var idat = Chunk("IDAT", [1, 2, 3]);
        var iend = Chunk("IEND", []);
        var png = Concat([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], ihdr, Chunk("eXIf", Gps), Chunk("tEXt", Encoding.ASCII.GetBytes("Author\0me")), idat, iend);

        var stripped = ImageMetadata.Strip(png, FileKind.Png)!;

        Assert.Equal(Concat([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], ihdr, idat, iend), stripped);
    }

    [Fact]
    public void Webp_loses_exif_and_xmp_chunks_and_their_flags()
    {
        var vp8x = RiffChunk("VP8X", [0x0C, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        var image = RiffChunk("VP8L", [1, 2, 3]);
        var webp = Riff(vp8x, RiffChunk("EXIF", Gps), image, RiffChunk("XMP ", Encoding.ASCII.GetBytes("<x/>")));

        var stripped = ImageMetadata.Strip(webp, FileKind.Webp)!;

        var expectedHeader = RiffChunk("VP8X", [0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        Assert.Equal(Riff(expectedHeader, image), stripped);
        Assert.DoesNotContain("GPS", Encoding.ASCII.GetString(stripped));
    }

    [Fact]
    public void Malformed_image_is_refused_and_pdf_passes_through()
    {
        Assert.Null(ImageMetadata.Strip([0xFF, 0xD8, 0x00, 0x01, 0x02], FileKind.Jpeg));
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4 ...");
        Assert.Same(pdf, ImageMetadata.Strip(pdf, FileKind.Pdf));
    }

    private static byte[] Segment(byte marker, byte[] payload) =>
        Concat([0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)((payload.Length + 2) & 0xFF)], payload);

    private static byte[] Chunk(string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        return Concat(length, Encoding.ASCII.GetBytes(type), data, [0, 0, 0, 0]);
    }

    private static byte[] RiffChunk(string fourcc, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)data.Length);
        return Concat(Encoding.ASCII.GetBytes(fourcc), length, data, data.Length % 2 == 1 ? [0] : []);
    }

    private static byte[] Riff(params byte[][] chunks)
    {
        var body = Concat([.. "WEBP"u8.ToArray()], Concat(chunks));
        var size = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)body.Length);
        return Concat("RIFF"u8.ToArray(), size, body);
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
