using FluentMigrator.Runner;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OpenRouterConsole.Migrations.RebuildExamples;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Runner.Execution;
using OpenRouterConsole.Migrations.Runner.Execution.ScriptOnly;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Execution;

/// <summary>
/// The script-only path writes, byte for byte in what it records, the database FluentMigrator's runner
/// writes (AppliedOn and RecordedOn aside, whose format must match), and FluentMigrator can take over.
/// </summary>
public sealed class ScriptOnlySessionTests
{
    private const string AppliedOnPattern = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]";
    private const string RecordedOnPattern = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z";

    [TestCaseSource(typeof(CatalogVersions), nameof(CatalogVersions.All))]
    public void FreshFile_UpToEachVersion_RecordsWhatFluentMigratorRecords(long version)
    {
        using var direct = new TestDatabase();
        using var fluent = new TestDatabase();
        var steps = UpSteps(MigrationCatalog.Console, 0, version);

        RunScriptOnly(direct, MigrationCatalog.Console, steps).ShouldBeTrue("every console migration only runs scripts");
        RunFluentMigrator(fluent, MigrationCatalog.Console, steps);

        Describe(direct).ShouldBe(Describe(fluent));
        Describe(direct).ShouldContain(line => line.StartsWith("table VersionInfo", StringComparison.Ordinal));
    }

    [TestCaseSource(typeof(CatalogVersions), nameof(CatalogVersions.All))]
    public void LatestFile_RolledBackBelowEachVersion_RecordsWhatFluentMigratorRecords(long version)
    {
        using var direct = new TestDatabase();
        using var fluent = new TestDatabase();
        var catalog = MigrationCatalog.Console;
        RunFluentMigrator(direct, catalog, UpSteps(catalog, 0, catalog.LatestVersion));
        RunFluentMigrator(fluent, catalog, UpSteps(catalog, 0, catalog.LatestVersion));
        var steps = DownSteps(catalog, catalog.LatestVersion, CatalogVersions.Before(version));

        RunScriptOnly(direct, catalog, steps).ShouldBeTrue();
        RunFluentMigrator(fluent, catalog, steps);

        Describe(direct).ShouldBe(Describe(fluent));
    }

    [Test]
    public void FreshFile_ThenPlainFluentMigratorRollsBackEverything_LeavesTheEmptyVersionTable()
    {
        using var database = new TestDatabase();
        RunScriptOnly(database, MigrationCatalog.Console, UpSteps(MigrationCatalog.Console, 0, MigrationCatalog.Console.LatestVersion)).ShouldBeTrue();

        using (var services = new ServiceCollection()
                   .AddFluentMigratorCore()
                   .ConfigureRunner(runner => runner.AddSQLite().WithGlobalConnectionString(database.ConnectionString).ScanIn(MigrationsAssembly.Assembly).For.All())
                   .BuildServiceProvider(validateScopes: false))
        {
            var runner = services.GetRequiredService<IMigrationRunner>();
            runner.HasMigrationsToApplyUp().ShouldBeFalse("FluentMigrator reads the versions the script-only path recorded");
            runner.MigrateDown(0);
        }

        database.RecordedVersions().ShouldBeEmpty();
        database.ApplicationTables().ShouldBeEmpty();
    }

    [Test]
    public void FreshFile_ThenTheRunnerAppliesRebuildMigrations_TakesFluentMigratorForThemOnTheSameVersionTable()
    {
        using var database = new TestDatabase();
        var examples = MigrationCatalog.For(RebuildExamplesAssembly.Assembly);
        var scriptOnly = examples.All.Where(m => !m.RebuildsTables).Select(m => m.Version).ToArray();
        RunScriptOnly(database, examples, UpSteps(examples, 0, scriptOnly.Max())).ShouldBeTrue();
        var firstRebuild = examples.All.First(m => m.RebuildsTables).Version;
        RunScriptOnly(database, examples, UpSteps(examples, scriptOnly.Max(), firstRebuild)).ShouldBeFalse("a rebuild needs FluentMigrator's runner");

        database.Migrator(o => o.MigrationAssembly = RebuildExamplesAssembly.Assembly).Migrate(RebuildExamplesAssembly.LastGoodVersion);

        database.RecordedVersions().ShouldBe(examples.All.Select(m => m.Version).Where(v => v <= RebuildExamplesAssembly.LastGoodVersion));
        database.Scalar<long>("SELECT count(*) FROM MigrationChecksums").ShouldBe(database.RecordedVersions().Count);
    }

    [Test]
    public void FailingScript_LeavesTheFileExactlyAsItWas()
    {
        using var database = new TestDatabase();
        var catalog = MigrationCatalog.Console;
        var first = catalog.All[0].Version;
        var second = catalog.All[1];
        database.MigrateTo(first);
        // A view where migration 2 alters the table: its script fails after the version check passed.
        database.Execute("ALTER TABLE profiles RENAME TO profiles_kept; CREATE VIEW profiles AS SELECT * FROM profiles_kept;");
        var bytesBefore = database.Bytes();

        var error = Should.Throw<MigrationException>(() => RunScriptOnly(database, catalog, UpSteps(catalog, first, catalog.LatestVersion)));

        error.Message.ShouldStartWith($"Migration {second.Version} ({second.Description}) failed up:");
        database.Bytes().ShouldBe(bytesBefore);
    }

    [Test]
    public void CancelledAfterTheFirstStep_RollsBackTheWholeRun()
    {
        using var database = new TestDatabase();
        var catalog = MigrationCatalog.Console;
        catalog.All.Count.ShouldBeGreaterThan(1, "the case needs a second step to stop before");
        using var cancel = new CancellationTokenSource();
        var reported = new List<long>();

        Should.Throw<OperationCanceledException>(() => ScriptOnlySession.TryRun(
            catalog, database.ConnectionString, UpSteps(catalog, 0, catalog.LatestVersion), (step, _) =>
            {
                reported.Add(step.Version);
                cancel.Cancel();
            }, cancel.Token));

        reported.ShouldBe([catalog.All[0].Version]);
        database.Scalar<long>("SELECT count(*) FROM sqlite_master").ShouldBe(0);
    }

    [Test]
    public void OlderVersionTableWithoutDescription_IsLeftToFluentMigrator()
    {
        using var database = new TestDatabase();
        database.Execute("CREATE TABLE VersionInfo (Version INTEGER NOT NULL, AppliedOn DATETIME)");
        var bytesBefore = database.Bytes();

        RunScriptOnly(database, MigrationCatalog.Console, UpSteps(MigrationCatalog.Console, 0, MigrationCatalog.Console.LatestVersion)).ShouldBeFalse();

        database.Bytes().ShouldBe(bytesBefore);
    }

    private static bool RunScriptOnly(TestDatabase database, MigrationCatalog catalog, IReadOnlyList<MigrationStep> steps) =>
        ScriptOnlySession.TryRun(catalog, database.ConnectionString, steps, (_, _) => { }, CancellationToken.None);

    private static void RunFluentMigrator(TestDatabase database, MigrationCatalog catalog, IReadOnlyList<MigrationStep> steps)
    {
        using var session = new FluentMigratorSession(catalog, database.ConnectionString, previewOnly: false, sqlOutput: null);
        session.Run(steps, (_, _) => { });
    }

    private static MigrationStep[] UpSteps(MigrationCatalog catalog, long from, long to) =>
        catalog.All.Where(m => m.Version > from && m.Version <= to).Select(m => new MigrationStep(m.Version, m.Description, MigrationDirection.Up, m.Version)).ToArray();

    private static MigrationStep[] DownSteps(MigrationCatalog catalog, long from, long to)
    {
        var versions = catalog.All.Select(m => m.Version).Where(v => v > to && v <= from).OrderDescending().ToArray();
        return versions.Select((v, i) => new MigrationStep(v, catalog.Describe(v), MigrationDirection.Down, i + 1 < versions.Length ? versions[i + 1] : to)).ToArray();
    }

    // The whole schema (root pages too: the objects were created in the same order) and both history
    // tables, times replaced by whether their format is FluentMigrator's and ours.
    private static List<string> Describe(TestDatabase database)
    {
        using var connection = database.Open();
        var lines = new List<string>();
        Read(connection, "SELECT type, name, tbl_name, rootpage, sql FROM sqlite_master ORDER BY type, name", lines);
        Read(connection, $"SELECT 'version', Version, Description, typeof(AppliedOn), AppliedOn GLOB '{AppliedOnPattern}' FROM VersionInfo ORDER BY rowid", lines);
        Read(connection, $"SELECT 'checksum', Version, Script, Sha256, RecordedOn GLOB '{RecordedOnPattern}' FROM MigrationChecksums ORDER BY Version", lines);
        return lines;
    }

    private static void Read(SqliteConnection connection, string sql, List<string> lines)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            lines.Add(string.Join(' ', values.Select(v => v is DBNull ? "NULL" : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))));
        }
    }
}
