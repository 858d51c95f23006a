using Ihec.Portal.Shared.Files;

namespace Ihec.Portal.Infrastructure.Files;

public sealed record StoredFile(string Id, FileKind Kind, long Length);

/// <summary>Uploaded files, kept outside wwwroot; only authorising endpoints read them.</summary>
public interface IFileStorage
{
    Task<StoredFile> SaveAsync(Stream content, FileKind kind, CancellationToken cancellationToken = default);
    Task<Stream?> OpenAsync(string id, CancellationToken cancellationToken = default);
    Task DeleteAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Every stored file with when it was stored, for the sweep of files nothing refers to.</summary>
    IAsyncEnumerable<(string Id, DateTimeOffset StoredAt)> ListAsync(CancellationToken cancellationToken = default);
}

public sealed class LocalFileStorage(PortalPaths paths) : IFileStorage
{
    private string Root => paths.FilesFolder;

    public async Task<StoredFile> SaveAsync(Stream content, FileKind kind, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Root);
        var id = Guid.NewGuid().ToString("N") + FileSignatures.Extension(kind);
        var path = Path.Combine(Root, id);
        try
        {
            await using var file = File.Create(path);
            await content.CopyToAsync(file, cancellationToken);
            await file.FlushAsync(cancellationToken);
            return new StoredFile(id, kind, file.Length);
        }
        catch
        {
            // A full disk, a cancelled upload: no part of a file is left behind (no record refers to it yet).
            File.Delete(path);
            throw;
        }
    }

    public Task<Stream?> OpenAsync(string id, CancellationToken cancellationToken = default)
    {
        var path = PathFor(id);
        return Task.FromResult<Stream?>(path is not null && File.Exists(path) ? File.OpenRead(path) : null);
    }

    public Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        var path = PathFor(id);
        if (path is not null && File.Exists(path))
        {
            File.Delete(path);
        }

        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<(string Id, DateTimeOffset StoredAt)> ListAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(Root))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(Root))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = Path.GetFileName(path);
            if (PathFor(id) is not null)
            {
                yield return (id, new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero));
            }
        }

        await Task.CompletedTask;
    }

    // Ids are generated here; anything else (a path, "..") is refused.
    private string? PathFor(string id) =>
        id.Length is > 32 and < 40 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '.') && !id.Contains("..", StringComparison.Ordinal)
            ? Path.Combine(Root, id)
            : null;
}

/// <summary>Checks an upload by its content (magic bytes) and size, never by its name.</summary>
public static class UploadCheck
{
    public enum Outcome { Ok, Empty, TooLarge, WrongType }

    public static async Task<(Outcome Outcome, FileKind Kind, MemoryStream? Content)> InspectAsync(
        IFormFile? file, long maxBytes, IReadOnlyCollection<FileKind> allowed, CancellationToken cancellationToken = default)
    {
        if (file is null || file.Length == 0)
        {
            return (Outcome.Empty, FileKind.Unknown, null);
        }

        if (file.Length > maxBytes)
        {
            return (Outcome.TooLarge, FileKind.Unknown, null);
        }

        var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        var kind = FileSignatures.Detect(buffer.GetBuffer().AsSpan(0, (int)Math.Min(buffer.Length, FileSignatures.BytesNeeded)));
        if (!allowed.Contains(kind))
        {
            await buffer.DisposeAsync();
            return (Outcome.WrongType, kind, null);
        }

        buffer.Position = 0;
        return (Outcome.Ok, kind, buffer);
    }
}
