using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Migrations;

/// <summary>
/// Every migration, up and down, runs its own provider's script on every processor. An IfDatabase id
/// that matches no processor would otherwise make a migration "run" empty and still be recorded.
/// </summary>
public sealed class MigrationEmitsSqlTests
{
    private static IEnumerable<TestCaseData> Processors() =>
        UpstreamProcessor.Processors.Keys.Select(name =>
        {
            var data = new TestCaseData(name).SetName($"EveryMigration_RunsItsOwnScript_UpAndDown({name})");
            return name == "sqlite" ? data : data.SetCategory(PostgresServer.Category);
        });

    [TestCaseSource(nameof(Processors))]
    public void EveryMigration_RunsItsOwnScript_UpAndDown(string processor)
    {
        var folder = processor == "sqlite" ? "Sqlite" : "Postgres";
        using var sqlite = processor == "sqlite" ? new TestDatabase() : null;
        using var postgres = processor == "sqlite" ? null : new PostgresTestDatabase();
        using var upstream = UpstreamProcessor.Create(processor, sqlite?.ConnectionString ?? postgres!.ConnectionString);
        var migrations = upstream.Runner.MigrationLoader.LoadMigrations();
        upstream.TakeSql();

        foreach (var known in MigrationCatalog.Console.All)
        {
            upstream.Runner.MigrateUp(known.Version);
            ShouldHaveRun(upstream.TakeSql(), folder, known.Version, down: false);
        }

        foreach (var known in MigrationCatalog.Console.All.Reverse())
        {
            upstream.Runner.MigrateDown(known.Version - 1);
            ShouldHaveRun(upstream.TakeSql(), folder, known.Version, down: true);
        }

        migrations.Count.ShouldBe(MigrationCatalog.Console.All.Count);
    }

    /// <summary>Every statement of the script must appear in what the processor ran.</summary>
    private static void ShouldHaveRun(string sql, string folder, long version, bool down)
    {
        var resource = MigrationsAssembly.Assembly.GetManifestResourceNames().Single(name =>
            name.StartsWith($"{folder}.{version:000}_", StringComparison.Ordinal) && name.EndsWith("_down.sql", StringComparison.Ordinal) == down);
        var statements = Fixtures.EmbeddedScript(resource)
            .Split('\n')
            .Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal))
            .Aggregate(string.Empty, (text, line) => text + "\n" + line)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(statement => statement.Length > 0)
            .ToArray();

        statements.ShouldNotBeEmpty();
        var ran = Normalise(sql);
        foreach (var statement in statements)
        {
            ran.ShouldContain(Normalise(statement), Case.Sensitive, $"migration {version} {(down ? "down" : "up")} did not run {resource}");
        }
    }

    private static string Normalise(string sql) => string.Join(' ', sql.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
