using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Ihec.Portal.Infrastructure.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (embedded default) or <c>SqlServer</c>.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Connection string; for SQLite, empty means a file under the data folder.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Apply pending migrations when the portal starts (the default). Set to false where the schema is applied with the
    /// idempotent SQL script (docs/deploy.md), so the portal's database account needs no DDL rights; <c>/readyz</c>
    /// then reports the database as unhealthy until the script has been run.
    /// </summary>
    public bool MigrateAtStartup { get; set; } = true;

    /// <summary>SQLite only: <c>NORMAL</c> (the default; with the write-ahead log, durable against a process crash) or <c>FULL</c> (sync every commit).</summary>
    public string SqliteSynchronous { get; set; } = "NORMAL";

    /// <summary>SQLite only: how long a connection waits for another one's write lock before giving up.</summary>
    public int SqliteBusyTimeoutMs { get; set; } = 5_000;

    public bool IsSqlServer => string.Equals(Provider, "SqlServer", StringComparison.OrdinalIgnoreCase);
}

public static class DataModule
{
    public static IServiceCollection AddPortalData(this IServiceCollection services, IConfiguration configuration, string dataFolder)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (!options.IsSqlServer && !string.Equals(options.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Database:Provider must be Sqlite or SqlServer, not '{options.Provider}'.");
        }

        if (options.SqliteSynchronous.ToUpperInvariant() is not ("NORMAL" or "FULL") || options.SqliteBusyTimeoutMs < 0)
        {
            throw new InvalidOperationException("Database:SqliteSynchronous must be NORMAL or FULL, and Database:SqliteBusyTimeoutMs not negative.");
        }

        services.AddSingleton(new DatabaseWriteGate(serialise: !options.IsSqlServer));

        if (options.IsSqlServer)
        {
            var connection = options.ConnectionString
                ?? throw new InvalidOperationException("Database:ConnectionString is required for SqlServer.");
            services.AddDbContextFactory<SqlServerPortalDbContext>(o => o.UseSqlServer(connection));
            services.AddSingleton<IDbContextFactory<PortalDbContext>, PortalDbContextFactory<SqlServerPortalDbContext>>();
        }
        else
        {
            var connection = SqliteConnectionString(options, dataFolder);
            var tuning = new SqliteTuning(options.SqliteSynchronous.ToUpperInvariant(), options.SqliteBusyTimeoutMs);
            services.AddDbContextFactory<SqlitePortalDbContext>(o => o.UseSqlite(connection).AddInterceptors(tuning));
            services.AddSingleton<IDbContextFactory<PortalDbContext>, PortalDbContextFactory<SqlitePortalDbContext>>();
            services.AddHostedService<SqliteCheckpointer>();
        }

        // Identity's EF stores want a scoped context; components and services use the factory.
        services.AddScoped<PortalDbContext>(sp => sp.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext());
        return services;
    }

    /// <summary>The SQLite connection string: the configured one, or <c>portal.db</c> in the data folder.</summary>
    public static string SqliteConnectionString(DatabaseOptions options, string dataFolder) =>
        string.IsNullOrWhiteSpace(options.ConnectionString)
            ? $"Data Source={Path.Combine(dataFolder, "portal.db")}"
            : options.ConnectionString;

    /// <summary>Applies pending migrations at start-up, unless <c>Database:MigrateAtStartup</c> is false (the SQL script is run instead).</summary>
    public static async Task MigrateAsync(IServiceProvider services)
    {
        var options = services.GetRequiredService<IConfiguration>().GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (!options.MigrateAtStartup)
        {
            return;
        }

        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
    }
}

internal sealed class PortalDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<PortalDbContext>
    where TContext : PortalDbContext
{
    public PortalDbContext CreateDbContext() => inner.CreateDbContext();
}

/// <summary>Lets <c>dotnet ef</c> build each provider's model without starting the app.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePortalDbContext>
{
    public SqlitePortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerPortalDbContext>
{
    public SqlServerPortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerPortalDbContext>()
            .UseSqlServer("Server=localhost;Database=IhecPortal;Trusted_Connection=True;TrustServerCertificate=True").Options);
}
