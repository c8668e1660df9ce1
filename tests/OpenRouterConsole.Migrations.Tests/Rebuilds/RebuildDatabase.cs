using OpenRouterConsole.Migrations.RebuildExamples;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Rebuilds;

/// <summary>The real runner over the test-only rebuild examples (migrations 1, 2, then rebuilds 3 to 6).</summary>
public static class RebuildDatabase
{
    public const string SnapshotSet = "RebuildExamples";

    /// <summary>The good rebuilds: 3 (sessions), 4 (messages), 5 (profiles, renamed and retyped column).</summary>
    public static IEnumerable<long> GoodRebuilds() =>
        MigrationCatalog.For(RebuildExamplesAssembly.Assembly).All.Select(m => m.Version).Where(v => v > 2 && v <= RebuildExamplesAssembly.LastGoodVersion);

    public static ConsoleMigrator Migrator(TestDatabase database, Action<MigrationOptions>? configure = null) =>
        database.Migrator(options =>
        {
            options.MigrationAssembly = RebuildExamplesAssembly.Assembly;
            configure?.Invoke(options);
        });

    public static void MigrateTo(TestDatabase database, long version) => Migrator(database).Migrate(version);

    public static void RollbackTo(TestDatabase database, long version) => Migrator(database).Rollback(RollbackTarget.To(version));

    /// <summary>The committed seed data at version 2, one profile deleted at the top so the AUTOINCREMENT sequence is above every id.</summary>
    public static TestDatabase SeededAtVersion2()
    {
        var database = new TestDatabase();
        MigrateTo(database, 2);
        database.ExecuteFixture(Fixtures.SeedData);
        database.Execute("INSERT INTO profiles (name) VALUES ('deleted at the top'); DELETE FROM profiles WHERE name = 'deleted at the top';");
        return database;
    }

    public static long ForeignKeyViolations(TestDatabase database) => database.Scalar<long>("SELECT count(*) FROM pragma_foreign_key_check");
}
