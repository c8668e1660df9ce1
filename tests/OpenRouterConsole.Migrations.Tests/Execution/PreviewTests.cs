using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Execution;

/// <summary>PreviewMigrate and PreviewRollback: the steps and SQL a run would take, with nothing changed.</summary>
public sealed class PreviewTests
{
    [Test]
    public void PreviewMigrate_MissingFile_ReturnsEveryStepAndItsSqlAndCreatesNoFile()
    {
        using var database = new TestDatabase();

        var preview = database.Migrator().PreviewMigrate();

        preview.VersionBefore.ShouldBe(0);
        preview.VersionAfter.ShouldBe(Versions.Latest);
        preview.Steps.Select(s => s.Version).ShouldBe(Versions.All);
        preview.Sql.ShouldContain("CREATE TABLE IF NOT EXISTS profiles");
        preview.Sql.ShouldContain("ALTER TABLE profiles ADD COLUMN openrouter_preset");
        preview.Sql.ShouldNotContain(";;");
        database.Files().ShouldBeEmpty("a preview creates neither the database nor a lock file");
    }

    [Test]
    public void PreviewMigrate_ToATarget_StopsThere()
    {
        using var database = new TestDatabase();

        var preview = database.Migrator().PreviewMigrate(Versions.All[0]);

        preview.Steps.ShouldHaveSingleItem().Version.ShouldBe(Versions.All[0]);
        preview.Sql.ShouldNotContain("openrouter_preset");
    }

    [Test]
    public void PreviewRollback_OfMigration2_ReturnsItsDownSqlAndChangesNoByte()
    {
        using var database = new TestDatabase();
        database.MigrateTo(2);
        var before = database.Bytes();

        var preview = database.Migrator(o => o.BackupEnabled = true).PreviewRollback(RollbackTarget.By(1));

        preview.Steps.ShouldHaveSingleItem().Direction.ShouldBe(MigrationDirection.Down);
        preview.VersionAfter.ShouldBe(1);
        preview.Sql.ShouldContain("DROP COLUMN openrouter_preset");
        database.Bytes().ShouldBe(before);
        database.Backups().ShouldBeEmpty();
    }

    [Test]
    public void PreviewMigrate_UpToDate_IsNothingToDoWithNoSql()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();

        var preview = database.Migrator().PreviewMigrate();

        preview.NothingToDo.ShouldBeTrue();
        preview.Sql.ShouldBeEmpty();
    }

    [Test]
    public void PreviewMigrate_ChangedScript_IsRefusedLikeMigrate()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        database.Execute($"UPDATE MigrationChecksums SET Sha256 = '{new string('b', 64)}' WHERE Version = 1");

        Should.Throw<MigrationException>(() => database.Migrator().PreviewMigrate())
            .Message.ShouldContain("AllowChangedScripts");
    }

    [Test]
    public void Migrate_CaptureSql_ReportsTheSqlThatRan()
    {
        using var database = new TestDatabase();

        var report = database.Migrator(o => o.CaptureSql = true).Migrate();

        report.Sql.ShouldNotBeNull().ShouldContain("CREATE TABLE IF NOT EXISTS messages");
        report.Sql.ShouldNotContain(";;");
        database.RecordedVersions().ShouldBe(Versions.All);
    }

    [Test]
    public void Migrate_WithoutCaptureSql_ReportsNoSql()
    {
        using var database = new TestDatabase();

        database.Migrator().Migrate().Sql.ShouldBeNull();
    }
}
