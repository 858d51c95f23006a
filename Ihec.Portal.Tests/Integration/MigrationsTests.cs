using System.Net;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ihec.Portal.Tests.Integration;

/// <summary>
/// Each provider keeps its own checked-in migrations (DESIGN.md, Data). When a module changes the model it adds a
/// migration for both:
/// <c>dotnet ef migrations add Name --project Ihec.Portal --context SqlitePortalDbContext --output-dir Infrastructure/Data/Migrations/Sqlite</c>
/// and the same with <c>SqlServerPortalDbContext</c> and <c>Infrastructure/Data/Migrations/SqlServer</c>.
/// </summary>
public sealed class MigrationsTests
{
    [Fact]
    public void The_sqlite_model_has_no_changes_missing_from_its_migrations()
    {
        using var db = Sqlite();

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model differs from the SQLite migrations' snapshot: add a migration for SqlitePortalDbContext (see this class's summary).");
    }

    [Fact]
    public void The_sql_server_model_has_no_changes_missing_from_its_migrations()
    {
        using var db = SqlServer();

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model differs from the SQL Server migrations' snapshot: add a migration for SqlServerPortalDbContext (see this class's summary).");
    }

    [Fact]
    public void Each_provider_has_its_own_migrations()
    {
        using var sqlite = Sqlite();
        using var sqlServer = SqlServer();

        Assert.Empty(sqlite.Database.GetMigrations().Intersect(sqlServer.Database.GetMigrations()));
    }

    [Fact]
    public void The_sql_server_model_builds_and_scripts_the_schema_and_the_migrations()
    {
        using var db = SqlServer();

        Assert.NotNull(db.Model.FindEntityType(typeof(Ihec.Portal.Shared.Organisations.Organisation)));
        var create = db.Database.GenerateCreateScript();
        Assert.Contains("CREATE TABLE [Organisations]", create);
        Assert.Contains("CREATE TABLE [AspNetUsers]", create);

        var migrations = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        Assert.Contains("__EFMigrationsHistory", migrations);
        foreach (var id in db.Database.GetMigrations())
        {
            Assert.Contains(id, migrations);
        }
    }

    [Fact]
    public async Task A_new_sqlite_file_is_migrated_at_start_and_reported_ready()
    {
        await using var portal = new EmptyPortal();
        var client = portal.CreateClient();

        var ready = await Operations.Readiness.GetAsync(client);

        Assert.True(File.Exists(Path.Combine(portal.DataFolder, "portal.db")));
        await using (var db = portal.CreateDbContext())
        {
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.False(await db.Users.AnyAsync(), "Demo data was off: no accounts expected.");
        }

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", ready.Checks["database"]);
    }

    private static SqlitePortalDbContext Sqlite() =>
        new(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite("Data Source=:memory:").Options);

    // Building the model and scripts needs no server: the connection string is never opened.
    private static SqlServerPortalDbContext SqlServer() =>
        new(new DbContextOptionsBuilder<SqlServerPortalDbContext>()
            .UseSqlServer("Server=unused;Database=IhecPortal;Trusted_Connection=True;TrustServerCertificate=True").Options);

    /// <summary>The embedded defaults without demo data: only the migrations create the database.</summary>
    private sealed class EmptyPortal : PortalFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Demo:Enabled"] = "false" };
    }
}
