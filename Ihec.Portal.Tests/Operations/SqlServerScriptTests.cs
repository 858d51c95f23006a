using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ihec.Portal.Tests.Operations;

/// <summary>deploy/sqlserver-migrations.sql is what docs/deploy.md tells operators to run: it must be the current migrations' script.</summary>
public sealed class SqlServerScriptTests
{
    public const string ScriptPath = "deploy/sqlserver-migrations.sql";
    public const string Regenerate = "tools/sqlserver-script";

    [Fact]
    public void The_checked_in_idempotent_sql_server_script_is_current()
    {
        // Building the model and the script needs no server: the connection string is never opened.
        using var db = new SqlServerPortalDbContext(new DbContextOptionsBuilder<SqlServerPortalDbContext>()
            .UseSqlServer("Server=unused;Database=IhecPortal;Trusted_Connection=True;TrustServerCertificate=True").Options);
        var current = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var path = Path.Combine(SourceTree.Root, ScriptPath);
        Assert.True(File.Exists(path), $"{ScriptPath} is missing. Generate it with `{Regenerate}` and commit it.");
        var checkedIn = File.ReadAllText(path);

        Assert.True(Normalise(current) == Normalise(checkedIn),
            $"{ScriptPath} is not the idempotent script of the current SQL Server migrations. Regenerate it with `{Regenerate}` "
            + "(dotnet ef migrations script --idempotent --project Ihec.Portal --context SqlServerPortalDbContext "
            + $"--output {ScriptPath}) and commit it.");
    }

    [Fact]
    public void The_script_applies_every_migration_once_and_records_it()
    {
        var script = File.ReadAllText(Path.Combine(SourceTree.Root, ScriptPath));
        using var db = new SqlServerPortalDbContext(new DbContextOptionsBuilder<SqlServerPortalDbContext>()
            .UseSqlServer("Server=unused;Database=IhecPortal").Options);

        Assert.StartsWith("IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL", script.TrimStart('\uFEFF'));
        foreach (var id in db.Database.GetMigrations())
        {
            Assert.Contains($"WHERE [MigrationId] = N'{id}'", script);
            Assert.Contains($"VALUES (N'{id}'", script);
        }
    }

    // Git may check the file out with CRLF; the generator writes the platform's line ending.
    private static string Normalise(string script) =>
        script.TrimStart('\uFEFF').Replace("\r\n", "\n").TrimEnd();
}
