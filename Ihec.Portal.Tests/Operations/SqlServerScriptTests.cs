using System.Text.RegularExpressions;
using Ihec.Portal.Features.Chat;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Ihec.Portal.Tests.Operations;

/// <summary>
/// deploy/sqlserver-migrations.sql is what docs/deploy.md tells operators to run: it must be the current migrations'
/// script, and it and every statement the portal writes itself for SQL Server must be valid T-SQL. No SQL Server runs
/// here: Microsoft's own T-SQL parser (ScriptDom) checks the syntax; docs/deploy.md says what that does not prove.
/// </summary>
public sealed partial class SqlServerScriptTests
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

    [Fact]
    public void The_deploy_script_is_valid_t_sql_creating_every_table_of_the_model()
    {
        var script = File.ReadAllText(Path.Combine(SourceTree.Root, ScriptPath));
        using var db = SqlServerContext();

        var parsed = Parse(script, ScriptPath);

        var created = parsed.Statements<CreateTableStatement>().Select(t => t.SchemaObjectName.BaseIdentifier.Value).ToHashSet();
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().ToHashSet();
        Assert.Superset(tables, created);
    }

    /// <summary>The check itself: the same script with one typo no longer parses.</summary>
    [Fact]
    public void A_deploy_script_with_a_syntax_error_is_caught()
    {
        var script = File.ReadAllText(Path.Combine(SourceTree.Root, ScriptPath));
        var at = script.IndexOf("CREATE TABLE", StringComparison.Ordinal);
        Assert.True(at > 0);
        var broken = script[..at] + "CREATE TABEL" + script[(at + "CREATE TABLE".Length)..];
        var line = script[..at].Count(c => c == '\n') + 1;

        var (_, errors) = ParseWithErrors(broken);

        Assert.Contains(errors, e => e.Line == line);
    }

    [Fact]
    public void The_chat_writers_own_statements_are_valid_t_sql_on_sql_server()
    {
        using var db = SqlServerContext();
        using var commands = new ChatWriteCommands(db);

        Assert.Equal(2, commands.Statements.Count);
        var insert = Parse(commands.Statements[0], "the chat message INSERT");
        var move = Parse(commands.Statements[1], "the conversation UPDATE");
        Assert.Single(insert.Statements<InsertStatement>());
        Assert.Single(move.Statements<UpdateStatement>());
        // SQL Server's delimiters, not SQLite's: the statements were built for the provider.
        Assert.StartsWith("INSERT INTO [ChatMessages]", commands.Statements[0], StringComparison.Ordinal);
    }

    /// <summary>
    /// The files that hand SQL text to the database themselves rather than through EF's query translation. A new one
    /// must be parsed above for SQL Server, or be SQLite-only; this list makes the author decide.
    /// </summary>
    [Fact]
    public void Raw_sql_is_only_where_these_tests_know_it()
    {
        var known = new Dictionary<string, string>
        {
            ["Ihec.Portal/Features/Chat/ChatWriteCommands.cs"] = "parsed for SQL Server above",
            ["Ihec.Portal/Features/Chat/ChatMessageWriter.cs"] = "SQLite only: a PRAGMA under Database.IsSqlite()",
            ["Ihec.Portal/Infrastructure/Data/SqliteTuning.cs"] = "SQLite only: PRAGMAs on SQLite connections",
            ["Ihec.Portal/Infrastructure/Data/PortalBackup.cs"] = "SQLite only: quick_check on the backup copy (backup refuses SQL Server)",
        };

        var found = SourceTree.PortalFiles(".cs")
            .Where(f => !SourceTree.Relative(f).Contains("/Migrations/", StringComparison.Ordinal) && RawSql().IsMatch(File.ReadAllText(f)))
            .Select(SourceTree.Relative)
            .ToList();

        Assert.Equal(known.Keys.Order(StringComparer.Ordinal), found.Order(StringComparer.Ordinal));
    }

    private static SqlServerPortalDbContext SqlServerContext() =>
        // Building the model and the statements needs no server: the connection is never opened.
        new(new DbContextOptionsBuilder<SqlServerPortalDbContext>()
            .UseSqlServer("Server=unused;Database=IhecPortal;Trusted_Connection=True;TrustServerCertificate=True").Options);

    /// <summary>Parses with the grammar of SQL Server 2022 (compatibility level 160), the oldest version docs/deploy.md supports.</summary>
    private static (TSqlFragment Fragment, IList<ParseError> Errors) ParseWithErrors(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        var fragment = parser.Parse(reader, out var errors);
        return (fragment, errors);
    }

    private static TSqlFragment Parse(string sql, string what)
    {
        var (fragment, errors) = ParseWithErrors(sql);
        Assert.True(errors.Count == 0,
            $"{what} is not valid T-SQL:\n" + string.Join("\n", errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}")));
        return fragment;
    }

    [GeneratedRegex(@"ExecuteSqlRaw|ExecuteSqlInterpolated|ExecuteSql\(|FromSqlRaw|FromSqlInterpolated|FromSql\(|SqlQueryRaw|SqlQuery\(|SqlQuery<|CommandText\s*=|\.Sql\(")]
    private static partial Regex RawSql();

    // Git may check the file out with CRLF; the generator writes the platform's line ending.
    private static string Normalise(string script) =>
        script.TrimStart('\uFEFF').Replace("\r\n", "\n").TrimEnd();
}

internal static class TSqlFragments
{
    /// <summary>Every statement of type <typeparamref name="T"/> anywhere in the fragment (inside IF blocks and batches too).</summary>
    public static List<T> Statements<T>(this TSqlFragment fragment) where T : TSqlStatement
    {
        var visitor = new Collector<T>();
        fragment.Accept(visitor);
        return visitor.Found;
    }

    private sealed class Collector<T> : TSqlFragmentVisitor where T : TSqlStatement
    {
        public List<T> Found { get; } = [];

        public override void Visit(TSqlStatement node)
        {
            if (node is T found)
            {
                Found.Add(found);
            }

            base.Visit(node);
        }
    }
}
