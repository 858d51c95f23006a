using System.Buffers.Binary;
using System.Text;

namespace Ihec.Portal.Tests.Violations;

/// <summary>Small but well-formed video and audio files, built byte by byte, some carrying the metadata phones write.</summary>
internal static class MediaSamples
{
    public const string Position = "+33.3152+044.3661/";
    public const string Device = "PhoneX";

    public static byte[] Box(string type, params byte[][] children)
    {
        var payload = children.SelectMany(c => c).ToArray();
        var box = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(box, (uint)box.Length);
        Encoding.Latin1.GetBytes(type).CopyTo(box, 4);
        payload.CopyTo(box, 8);
        return box;
    }

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    /// <summary>An MP4 (or MOV, M4A by brand) whose movie and track user data carry a position and a phone model, as Android and iPhone write them.</summary>
    public static byte[] IsoMedia(string brand = "isom", bool withMetadata = true)
    {
        var ftyp = Box("ftyp", Ascii(brand), [0, 0, 2, 0], Ascii("isommp41"));
        var movieData = withMetadata
            ? Box("udta", Box("\u00A9xyz", [0, 18, 0x15, 0xC7], Ascii(Position)), Box("\u00A9mod", Ascii(Device)))
            : [];
        var appleMeta = withMetadata ? Box("meta", [0, 0, 0, 0], Box("keys", Ascii("com.apple.quicktime.location.ISO6709")), Box("ilst", Ascii(Position))) : [];
        var trackData = withMetadata ? Box("udta", Box("\u00A9too", Ascii("Recorder " + Device))) : [];
        var moov = Box("moov", Box("mvhd", new byte[100]), Box("trak", Box("tkhd", new byte[84]), Box("mdia", new byte[16]), trackData), movieData, appleMeta);
        var mdat = Box("mdat", Ascii("frame-data-frame-data-frame-data"));
        return [.. ftyp, .. moov, .. mdat];
    }

    public static byte[] Mp4() => IsoMedia("isom");

    public static byte[] QuickTime() => IsoMedia("qt  ");

    public static byte[] M4a() => IsoMedia("M4A ");

    /// <summary>An MP3 with an ID3v2 tag naming the recording place and a device, an audio frame, and an ID3v1 tag.</summary>
    public static byte[] Mp3()
    {
        var frame = Ascii("TXXX" + "\0\0\0\u0018" + "\0\0" + "\0location " + Position + Device);
        var size = frame.Length;
        byte[] id3 = [.. Ascii("ID3"), 3, 0, 0, (byte)((size >> 21) & 0x7F), (byte)((size >> 14) & 0x7F), (byte)((size >> 7) & 0x7F), (byte)(size & 0x7F), .. frame];
        byte[] audio = [0xFF, 0xFB, 0x90, 0x64, .. new byte[413]];
        var v1 = new byte[128];
        Ascii("TAG" + Device).CopyTo(v1, 0);
        return [.. id3, .. audio, .. v1];
    }

    /// <summary>A WAV with a LIST/INFO chunk naming the device.</summary>
    public static byte[] Wav()
    {
        static byte[] Chunk(string id, byte[] data)
        {
            var chunk = new byte[8 + data.Length + (data.Length & 1)];
            Encoding.ASCII.GetBytes(id).CopyTo(chunk, 0);
            BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), (uint)data.Length);
            data.CopyTo(chunk, 8);
            return chunk;
        }

        var fmt = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, 1);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(2), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(4), 8000);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(8), 16000);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(12), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(14), 16);
        byte[] body = [.. Ascii("WAVE"), .. Chunk("fmt ", fmt), .. Chunk("LIST", [.. Ascii("INFO"), .. Chunk("ISFT", Ascii(Device))]), .. Chunk("data", new byte[800])];
        byte[] header = [.. Ascii("RIFF"), 0, 0, 0, 0];
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)body.Length);
        return [.. header, .. body];
    }

    /// <summary>The first page of an Ogg Opus stream (as WhatsApp voice notes start).</summary>
    public static byte[] Ogg() => [.. Ascii("OggS"), 0, 2, .. new byte[20], 1, 19, .. Ascii("OpusHead"), 1, 1, 0x38, 1, 0x80, 0xBB, 0, 0, 0, 0, 0];

    /// <summary>An EBML header with the WebM document type, then the start of a segment.</summary>
    public static byte[] WebM() =>
        [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0xF7, 0x81, 0x01, 0x42, 0xF2, 0x81, 0x04, 0x42, 0xF3, 0x81, 0x08,
         0x42, 0x82, 0x84, .. Ascii("webm"), 0x42, 0x87, 0x81, 0x04, 0x42, 0x85, 0x81, 0x02, 0x18, 0x53, 0x80, 0x67, 0x01, 0, 0, 0, 0, 0, 0, 0x10, .. new byte[16]];

    public static byte[] Matroska() =>
        [0x1A, 0x45, 0xDF, 0xA3, 0xA3, 0x42, 0x86, 0x81, 0x01, 0x42, 0xF7, 0x81, 0x01, 0x42, 0xF2, 0x81, 0x04, 0x42, 0xF3, 0x81, 0x08,
         0x42, 0x82, 0x88, .. Ascii("matroska"), 0x42, 0x87, 0x81, 0x04, 0x42, 0x85, 0x81, 0x02, 0x18, 0x53, 0x80, 0x67, 0x01, 0, 0, 0, 0, 0, 0, 0x10, .. new byte[16]];
}
