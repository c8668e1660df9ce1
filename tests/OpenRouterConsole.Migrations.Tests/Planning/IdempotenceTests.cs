using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Planning;

/// <summary>Migrating what is already there: up-to-date files, and databases made before versioning.</summary>
public sealed class IdempotenceTests
{
    [Test]
    public void Migrate_UpToDateDatabase_IsANoOpThatLeavesTheFileUntouched()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        database.ExecuteFixture(Fixtures.SeedData);
        var bytesBefore = database.Bytes();

        var report = database.MigrateToLatest();

        report.NothingToDo.ShouldBeTrue();
        report.VersionAfter.ShouldBe(MigrationCatalog.Console.LatestVersion);
        database.Bytes().ShouldBe(bytesBefore);
    }

    [Test]
    public void Migrate_DatabaseMadeByOlderStartUpCode_RecordsVersions1And2AndKeepsData()
    {
        using var database = new TestDatabase();
        database.ExecuteFixture(Fixtures.LegacySchema);
        database.ExecuteFixture(Fixtures.SeedData);
        var countsBefore = TableContent.RowCounts(database);
        var checksumsBefore = TableContent.Checksums(database);
        var schemaBefore = database.Schema().ToText();

        // The older start-up code made the schema of version 2.
        var report = database.MigrateTo(2);

        report.VersionBefore.ShouldBe(0);
        database.RecordedVersions().ShouldBe([1, 2]);
        database.Schema().ToText().ShouldBe(schemaBefore, "adoption must change nothing but the version table");
        TableContent.RowCounts(database).ShouldBe(countsBefore);
        TableContent.Checksums(database).ShouldBe(checksumsBefore);
    }

    [Test]
    public void Migrate_DatabaseMadeByOlderStartUpCode_HasTheLatestColumnsInItsOwnOrder()
    {
        using var database = new TestDatabase();
        database.ExecuteFixture(Fixtures.LegacySchema);

        database.MigrateToLatest();

        using var reference = new TestDatabase();
        reference.MigrateToLatest();
        ColumnSets(database).ShouldBe(ColumnSets(reference));
    }

    [Test]
    public void Migrate_AfterHandRunInitialScript_RecordsVersionOneAndAppliesTheRest()
    {
        using var database = new TestDatabase();
        database.Execute(Fixtures.EmbeddedScript("Sqlite.001_initial_schema.sql"));
        database.Execute("INSERT INTO profiles (name) VALUES ('made by hand')");

        var report = database.MigrateToLatest();

        database.RecordedVersions().ShouldBe(Versions.All);
        report.Steps.Select(s => s.Step.Version).ShouldBe(Versions.All);
        ApprovedSnapshot.Verify(database.Schema(), Versions.Latest);
        database.Scalar<string>("SELECT name FROM profiles").ShouldBe("made by hand");
    }

    [Test]
    public void Rollback_MissingDatabase_FailsAndCreatesNoFile()
    {
        using var database = new TestDatabase();

        // A typo in the path must not pass for a database with nothing to roll back.
        var error = Should.Throw<MigrationException>(() => database.Migrator().Rollback(RollbackTarget.All));

        error.Message.ShouldBe($"'{database.Path}' does not exist; nothing to roll back (check the path).");
        database.Files().ShouldBeEmpty("neither the database nor a lock file");
    }

    [Test]
    public void Rollback_DatabaseAtVersionZero_SaysNothingToDo()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        database.RollbackTo(0);
        var before = database.Bytes();

        var report = database.Migrator().Rollback(RollbackTarget.All);

        report.NothingToDo.ShouldBeTrue();
        database.Bytes().ShouldBe(before);
    }

    // One line a column, sorted: the schema with column order left out.
    private static string[] ColumnSets(TestDatabase database) =>
        database.Schema().Tables
            .SelectMany(t => t.Columns.Select(c => $"{t.Name}.{c}"))
            .Order(StringComparer.Ordinal)
            .ToArray();
}
