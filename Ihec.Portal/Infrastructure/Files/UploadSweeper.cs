using Ihec.Portal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Ihec.Portal.Infrastructure.Files;

/// <summary>
/// The stored files one module's records refer to. Every module that keeps files registers one, so the sweep never
/// deletes a file in use: a module without one must not store files.
/// </summary>
public interface IStoredFileReferences
{
    IAsyncEnumerable<string> FileIdsAsync(PortalDbContext db, CancellationToken cancellationToken);

    /// <summary>Whether one of the module's records refers to the file.</summary>
    Task<bool> RefersToAsync(PortalDbContext db, string fileId, CancellationToken cancellationToken);
}

public sealed class UploadSweepOptions
{
    public const string Section = "Uploads";

    /// <summary>
    /// How long an upload nothing refers to is kept: longer than any form keeps an upload for its next attempt (a
    /// rejected application or report keeps its files for 12 hours by default).
    /// </summary>
    public TimeSpan UnreferencedLifetime { get; set; } = TimeSpan.FromDays(2);

    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Deletes uploads that no record refers to once they are older than <see cref="UploadSweepOptions.UnreferencedLifetime"/>:
/// the documents of applications that were never sent, screenshots of reports abandoned after a validation error.
/// People's registration papers and images are not kept without a reason.
/// </summary>
public sealed partial class UploadSweeper(
    IFileStorage files,
    IDbContextFactory<PortalDbContext> dbFactory,
    IEnumerable<IStoredFileReferences> references,
    Microsoft.Extensions.Options.IOptions<UploadSweepOptions> options,
    TimeProvider clock,
    ILogger<UploadSweeper> logger) : BackgroundService
{
    /// <summary>One sweep; returns the number of files deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = clock.GetUtcNow() - options.Value.UnreferencedLifetime;
        var old = new List<string>();
        await foreach (var (id, storedAt) in files.ListAsync(cancellationToken))
        {
            if (storedAt < cutoff)
            {
                old.Add(id);
            }
        }

        if (old.Count == 0)
        {
            return 0;
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            foreach (var source in references)
            {
                await foreach (var id in source.FileIdsAsync(db, cancellationToken))
                {
                    used.Add(id);
                }
            }
        }

        var deleted = 0;
        foreach (var id in old.Where(id => !used.Contains(id)))
        {
            await files.DeleteAsync(id, cancellationToken);
            deleted++;
        }

        if (deleted > 0)
        {
            LogSwept(logger, deleted);
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.SweepInterval, clock, stoppingToken);
                await SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogSweepFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} uploads that nothing refers to")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sweep of unreferenced uploads failed; it runs again later")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}

/// <summary>A module's references as one query over its file-id column.</summary>
public sealed class StoredFileReferences(Func<PortalDbContext, IQueryable<string?>> query) : IStoredFileReferences
{
    public async IAsyncEnumerable<string> FileIdsAsync(PortalDbContext db, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var id in query(db).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!string.IsNullOrEmpty(id))
            {
                yield return id;
            }
        }
    }

    public Task<bool> RefersToAsync(PortalDbContext db, string fileId, CancellationToken cancellationToken) =>
        query(db).AnyAsync(id => id == fileId, cancellationToken);
}
