using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Reliability;

/// <summary>The backup taken before a change is a complete, consistent copy, in every journal mode.</summary>
public sealed class BackupTests
{
    [TestCase("delete")]
    [TestCase("wal")]
    public void RollbackOfMigration2_WithBackup_LeavesAnIntactCopyOfTheDatabaseBeforeTheChange(string journalMode)
    {
        using var database = new TestDatabase();
        database.MigrateTo(2); // the rollback of migration 2
        database.Execute($"PRAGMA journal_mode = {journalMode}");
        database.ExecuteFixture(Fixtures.SeedData);
        var profilesBefore = database.Scalar<long>("SELECT count(*) FROM profiles");

        var report = database.Migrator(o => o.BackupEnabled = true).Rollback(RollbackTarget.By(1));

        report.BackupPath.ShouldNotBeNull();
        File.Exists(report.BackupPath + ".partial").ShouldBeFalse();
        using var backup = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = report.BackupPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        backup.Open();
        SqlReads.Scalar<string>(backup, "PRAGMA integrity_check").ShouldBe("ok");
        SqlReads.Scalar<long>(backup, "SELECT max(Version) FROM VersionInfo").ShouldBe(2L); // the database before the rollback of migration 2
        SqlReads.Scalar<long>(backup, "SELECT count(*) FROM profiles").ShouldBe(profilesBefore);
        SqlReads.Scalar<long>(backup, "SELECT count(*) FROM pragma_table_info('profiles') WHERE name = 'openrouter_preset'").ShouldBe(1L);
        database.RecordedVersions().ShouldBe([1]);
    }
}
