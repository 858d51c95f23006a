using System.Buffers.Binary;

namespace Ihec.Portal.Shared.Files;

/// <summary>
/// Removes metadata (EXIF with its GPS position, XMP, IPTC, comments, text chunks) from JPEG, PNG and WebP images
/// without decoding or re-encoding the pixels. A file that does not parse as its kind is returned unchanged, so a
/// caller that must not keep metadata checks <see cref="Strip"/>'s result is not null before storing.
/// </summary>
public static class ImageMetadata
{
    /// <summary>The image without metadata; the same bytes for other kinds; null when the image is malformed.</summary>
    public static byte[]? Strip(byte[] content, FileKind kind) => kind switch
    {
        FileKind.Jpeg => StripJpeg(content),
        FileKind.Png => StripPng(content),
        FileKind.Webp => StripWebp(content),
        _ => content,
    };

    private static byte[]? StripJpeg(byte[] data)
    {
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8)
        {
            return null;
        }

        using var output = new MemoryStream(data.Length);
        output.Write(data, 0, 2);
        var i = 2;
        while (i + 4 <= data.Length)
        {
            if (data[i] != 0xFF)
            {
                return null;
            }

            var marker = data[i + 1];
            if (marker == 0xFF)
            {
                i++; // fill byte
                continue;
            }

            if (marker == 0xDA)
            {
                // Start of scan: the entropy-coded image data and the rest of the file are kept as they are.
                output.Write(data, i, data.Length - i);
                return output.ToArray();
            }

            var length = (data[i + 2] << 8) | data[i + 3];
            if (length < 2 || i + 2 + length > data.Length)
            {
                return null;
            }

            // APP1 (EXIF, XMP), APP12, APP13 (IPTC), APP14 kept (colour transform), COM (comments) dropped.
            var drop = marker is 0xE1 or 0xEC or 0xED or 0xFE || (marker is >= 0xE3 and <= 0xEB) || marker == 0xEF;
            if (!drop)
            {
                output.Write(data, i, 2 + length);
            }

            i += 2 + length;
        }

        return null;
    }

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly HashSet<string> PngDropped = ["eXIf", "tEXt", "zTXt", "iTXt", "tIME"];

    private static byte[]? StripPng(byte[] data)
    {
        if (data.Length < 8 || !data.AsSpan(0, 8).SequenceEqual(PngSignature))
        {
            return null;
        }

        using var output = new MemoryStream(data.Length);
        output.Write(data, 0, 8);
        var i = 8;
        while (i + 12 <= data.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(i, 4));
            if (length > int.MaxValue || i + 12 + (long)length > data.Length)
            {
                return null;
            }

            var type = System.Text.Encoding.ASCII.GetString(data, i + 4, 4);
            var size = 12 + (int)length;
            if (!PngDropped.Contains(type))
            {
                output.Write(data, i, size);
            }

            i += size;
            if (type == "IEND")
            {
                return output.ToArray();
            }
        }

        return null;
    }

    private static byte[]? StripWebp(byte[] data)
    {
        if (data.Length < 12 || !data.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !data.AsSpan(8, 4).SequenceEqual("WEBP"u8))
        {
            return null;
        }

        using var output = new MemoryStream(data.Length);
        output.Write(data, 0, 12);
        var i = 12;
        while (i + 8 <= data.Length)
        {
            var fourcc = System.Text.Encoding.ASCII.GetString(data, i, 4);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(i + 4, 4));
            var size = 8 + (long)length + (length % 2);
            if (i + 8 + (long)length > data.Length)
            {
                return null;
            }

            size = Math.Min(size, data.Length - i);
            if (fourcc is not ("EXIF" or "XMP "))
            {
                var start = (int)output.Position;
                output.Write(data, i, (int)size);
                if (fourcc == "VP8X" && length >= 1)
                {
                    // Clear the "has EXIF" (bit 3) and "has XMP" (bit 2) flags.
                    var buffer = output.GetBuffer();
                    buffer[start + 8] &= unchecked((byte)~0x0C);
                }
            }

            i += (int)size;
        }

        var result = output.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(4, 4), (uint)(result.Length - 8));
        return result;
    }
}
