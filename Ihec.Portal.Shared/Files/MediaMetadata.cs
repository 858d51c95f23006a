using System.Buffers.Binary;

namespace Ihec.Portal.Shared.Files;

/// <summary>
/// Removes metadata from video and audio evidence without decoding or re-encoding it, where that can be done safely:
/// <list type="bullet">
/// <item>MP4, MOV and M4A: the user-data and metadata boxes (<c>udta</c>, <c>meta</c>, XMP <c>uuid</c>) at the top level,
/// in <c>moov</c> and in each track are turned into <c>free</c> boxes of the same size with their contents zeroed. This is where
/// phones write the recording position (<c>©xyz</c>, <c>com.apple.quicktime.location.ISO6709</c>), the device make and
/// model and the software. Sizes do not change, so the sample offsets stay valid and the file plays as before.</item>
/// <item>MP3: ID3v2 tags at the start and the ID3v1 tag at the end are removed.</item>
/// <item>WAV: only the <c>fmt </c>, <c>fact</c> and <c>data</c> chunks are kept (no <c>LIST</c>/<c>INFO</c>, <c>bext</c>, <c>iXML</c>).</item>
/// </list>
/// WebM, Matroska and Ogg are stored as uploaded: their tags (Matroska <c>Tags</c>, Vorbis comments) can only be removed by
/// rewriting the container (sizes, and for Ogg the page checksums), which no maintained .NET library does and which
/// we do not hand-roll. The recorders that produce them (browsers, WhatsApp, Android's recorder) do not write a position.
/// </summary>
public static class MediaMetadata
{
    /// <summary>The file without metadata; the same bytes for kinds stored as uploaded; null when the file does not parse as its kind.</summary>
    public static byte[]? Strip(byte[] content, FileKind kind) => kind switch
    {
        FileKind.Mp4 or FileKind.QuickTime or FileKind.M4a => StripIsoMedia(content),
        FileKind.Mp3 => StripMp3(content),
        FileKind.Wav => StripWav(content),
        _ => content,
    };

    private static readonly byte[] XmpUuid = [0xBE, 0x7A, 0xCF, 0xCB, 0x97, 0xA9, 0x42, 0xE8, 0x9C, 0x71, 0x99, 0x94, 0x91, 0xE3, 0xAF, 0xAC];

    private static byte[]? StripIsoMedia(byte[] data)
    {
        var copy = (byte[])data.Clone();
        var sawMovie = false;
        if (!Walk(copy, 0, copy.Length, depth: 0, ref sawMovie) || !sawMovie)
        {
            return null;
        }

        return copy;
    }

    /// <summary>Walks the boxes in [start, end); neutralises metadata boxes; false when the boxes do not tile the range.</summary>
    private static bool Walk(byte[] data, int start, int end, int depth, ref bool sawMovie)
    {
        var i = start;
        while (i < end)
        {
            if (end - i < 8)
            {
                // Some writers pad a container with a 32-bit zero terminator.
                return depth > 0 && data.AsSpan(i, end - i).IndexOfAnyExcept((byte)0) < 0;
            }

            long size = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(i));
            var header = 8;
            if (size == 1)
            {
                if (end - i < 16)
                {
                    return false;
                }

                size = (long)BinaryPrimitives.ReadUInt64BigEndian(data.AsSpan(i + 8));
                header = 16;
            }
            else if (size == 0)
            {
                size = end - i; // to the end of the enclosing range
            }

            if (size < header || size > end - i)
            {
                return false;
            }

            var type = data.AsSpan(i + 4, 4);
            var boxEnd = i + (int)size;
            var isXmp = type.SequenceEqual("uuid"u8) && size >= header + 16 && data.AsSpan(i + header, 16).SequenceEqual(XmpUuid);
            if (type.SequenceEqual("udta"u8) || type.SequenceEqual("meta"u8) || isXmp)
            {
                "free"u8.CopyTo(data.AsSpan(i + 4));
                data.AsSpan(i + header, boxEnd - i - header).Clear();
            }
            else if (type.SequenceEqual("moov"u8) || type.SequenceEqual("trak"u8))
            {
                if (depth == 0 && type.SequenceEqual("moov"u8))
                {
                    sawMovie = true;
                }

                if (depth < 2 && !Walk(data, i + header, boxEnd, depth + 1, ref sawMovie))
                {
                    return false;
                }
            }

            i = boxEnd;
        }

        return true;
    }

    private static byte[]? StripMp3(byte[] data)
    {
        var start = 0;
        // One or more ID3v2 tags: "ID3", version, flags, a 28-bit synchsafe size; a footer adds 10 bytes.
        while (data.Length - start >= 10 && data.AsSpan(start, 3).SequenceEqual("ID3"u8))
        {
            var sizeBytes = data.AsSpan(start + 6, 4);
            if (sizeBytes.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0)
            {
                return null;
            }

            var size = (sizeBytes[0] << 21) | (sizeBytes[1] << 14) | (sizeBytes[2] << 7) | sizeBytes[3];
            var total = 10 + size + ((data[start + 5] & 0x10) != 0 ? 10 : 0);
            if (total > data.Length - start)
            {
                return null;
            }

            start += total;
        }

        var end = data.Length;
        if (end - start >= 128 && data.AsSpan(end - 128, 3).SequenceEqual("TAG"u8))
        {
            end -= 128;
        }

        // What remains must be audio frames.
        return end - start >= 4 && data[start] == 0xFF && (data[start + 1] & 0xE0) == 0xE0 ? data[start..end] : null;
    }

    private static byte[]? StripWav(byte[] data)
    {
        if (data.Length < 12 || !data.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !data.AsSpan(8, 4).SequenceEqual("WAVE"u8))
        {
            return null;
        }

        using var kept = new MemoryStream(data.Length);
        var i = 12;
        bool format = false, audio = false;
        while (i + 8 <= data.Length)
        {
            var type = data.AsSpan(i, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(i + 4));
            var padded = size + (size & 1);
            if (padded > (uint)(data.Length - i - 8))
            {
                // A recorder that stopped early may leave the data chunk's size too large: keep what is there.
                if (!type.SequenceEqual("data"u8))
                {
                    return null;
                }

                padded = (uint)(data.Length - i - 8);
            }

            if (type.SequenceEqual("fmt "u8) || type.SequenceEqual("fact"u8) || type.SequenceEqual("data"u8))
            {
                format |= type.SequenceEqual("fmt "u8);
                audio |= type.SequenceEqual("data"u8);
                kept.Write(data, i, 8 + (int)padded);
            }

            i += 8 + (int)padded;
        }

        if (!format || !audio)
        {
            return null;
        }

        var output = new byte[12 + kept.Length];
        "RIFF"u8.CopyTo(output);
        BinaryPrimitives.WriteUInt32LittleEndian(output.AsSpan(4), (uint)(output.Length - 8));
        "WAVE"u8.CopyTo(output.AsSpan(8));
        kept.GetBuffer().AsSpan(0, (int)kept.Length).CopyTo(output.AsSpan(12));
        return output;
    }
}
