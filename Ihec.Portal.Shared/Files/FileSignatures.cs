namespace Ihec.Portal.Shared.Files;

/// <summary>What a file is, by its content. New kinds are added at the end (stored by name, but kept in a stable order).</summary>
public enum FileKind
{
    Unknown,
    Pdf,
    Png,
    Jpeg,
    Webp,
    /// <summary>MPEG-4 video (ISO base media file: mp4, m4v, 3gp).</summary>
    Mp4,
    /// <summary>QuickTime video (mov), as iPhones record it.</summary>
    QuickTime,
    WebM,
    Matroska,
    /// <summary>MPEG-4 audio (m4a), as phones' voice recorders save it.</summary>
    M4a,
    Mp3,
    /// <summary>Ogg (Opus or Vorbis audio), as WhatsApp voice notes and Android recorders save it.</summary>
    Ogg,
    Wav,
}

/// <summary>Recognises a file by its first bytes (magic numbers, container signatures), never by its name or declared type.</summary>
public static class FileSignatures
{
    /// <summary>Enough for every signature, including the EBML document type of WebM and Matroska.</summary>
    public const int BytesNeeded = 64;

    // ISO base media brands accepted as video or audio; other ftyp files (HEIC photos, AVIF, CMAF fragments of unknown kind) are not.
    private static readonly HashSet<string> VideoBrands =
        ["isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "M4V ", "M4VH", "M4VP", "3gp4", "3gp5", "3gp6", "3g2a", "3g2b", "mmp4", "MSNV", "XAVC", "f4v "];

    private static readonly HashSet<string> AudioBrands = ["M4A ", "M4B "];

    public static FileKind Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8))
        {
            return FileKind.Pdf;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return FileKind.Png;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return FileKind.Jpeg;
        }

        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8))
        {
            return head[8..12].SequenceEqual("WEBP"u8) ? FileKind.Webp
                : head[8..12].SequenceEqual("WAVE"u8) ? FileKind.Wav
                : FileKind.Unknown;
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = System.Text.Encoding.ASCII.GetString(head[8..12]);
            return brand == "qt  " ? FileKind.QuickTime
                : AudioBrands.Contains(brand) ? FileKind.M4a
                : VideoBrands.Contains(brand) ? FileKind.Mp4
                : FileKind.Unknown;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            // The EBML header names the document type within its first bytes.
            return head.IndexOf("webm"u8) > 0 ? FileKind.WebM
                : head.IndexOf("matroska"u8) > 0 ? FileKind.Matroska
                : FileKind.Unknown;
        }

        if (head.Length >= 5 && head.StartsWith("OggS"u8) && head[4] == 0)
        {
            return FileKind.Ogg;
        }

        if (head.Length >= 10 && head.StartsWith("ID3"u8) && head[3] is 2 or 3 or 4 && head[4] != 0xFF)
        {
            return FileKind.Mp3;
        }

        return IsMpegAudioFrame(head) ? FileKind.Mp3 : FileKind.Unknown;
    }

    /// <summary>An MPEG audio frame header (Layer III): 11 sync bits, a valid version, bitrate and sample rate.</summary>
    private static bool IsMpegAudioFrame(ReadOnlySpan<byte> head) =>
        head.Length >= 4 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0
        && ((head[1] >> 3) & 0x3) != 1 // version: not reserved
        && ((head[1] >> 1) & 0x3) == 1 // layer III
        && (head[2] >> 4) is not (0 or 15) // bitrate: not free, not bad
        && ((head[2] >> 2) & 0x3) != 3; // sample rate: not reserved

    public static bool IsVideo(FileKind kind) => kind is FileKind.Mp4 or FileKind.QuickTime or FileKind.WebM or FileKind.Matroska;

    public static bool IsAudio(FileKind kind) => kind is FileKind.M4a or FileKind.Mp3 or FileKind.Ogg or FileKind.Wav;

    public static string ContentType(FileKind kind) => kind switch
    {
        FileKind.Pdf => "application/pdf",
        FileKind.Png => "image/png",
        FileKind.Jpeg => "image/jpeg",
        FileKind.Webp => "image/webp",
        FileKind.Mp4 => "video/mp4",
        FileKind.QuickTime => "video/quicktime",
        FileKind.WebM => "video/webm",
        FileKind.Matroska => "video/x-matroska",
        FileKind.M4a => "audio/mp4",
        FileKind.Mp3 => "audio/mpeg",
        FileKind.Ogg => "audio/ogg",
        FileKind.Wav => "audio/wav",
        _ => "application/octet-stream",
    };

    public static string Extension(FileKind kind) => kind switch
    {
        FileKind.Pdf => ".pdf",
        FileKind.Png => ".png",
        FileKind.Jpeg => ".jpg",
        FileKind.Webp => ".webp",
        FileKind.Mp4 => ".mp4",
        FileKind.QuickTime => ".mov",
        FileKind.WebM => ".webm",
        FileKind.Matroska => ".mkv",
        FileKind.M4a => ".m4a",
        FileKind.Mp3 => ".mp3",
        FileKind.Ogg => ".ogg",
        FileKind.Wav => ".wav",
        _ => ".bin",
    };
}
