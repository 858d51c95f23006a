namespace Ihec.Portal.Shared.Files;

public enum FileKind
{
    Unknown,
    Pdf,
    Png,
    Jpeg,
    Webp,
}

/// <summary>Recognises a file by its first bytes (magic numbers), never by its name or declared type.</summary>
public static class FileSignatures
{
    public const int BytesNeeded = 12;

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

        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return FileKind.Webp;
        }

        return FileKind.Unknown;
    }

    public static string ContentType(FileKind kind) => kind switch
    {
        FileKind.Pdf => "application/pdf",
        FileKind.Png => "image/png",
        FileKind.Jpeg => "image/jpeg",
        FileKind.Webp => "image/webp",
        _ => "application/octet-stream",
    };

    public static string Extension(FileKind kind) => kind switch
    {
        FileKind.Pdf => ".pdf",
        FileKind.Png => ".png",
        FileKind.Jpeg => ".jpg",
        FileKind.Webp => ".webp",
        _ => ".bin",
    };
}
