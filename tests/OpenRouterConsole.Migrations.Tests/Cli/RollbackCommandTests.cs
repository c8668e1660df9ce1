using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Cli;

/// <summary><c>rollback</c>, <c>rollback by N</c>, <c>rollback to V</c>, <c>rollback all</c>, and backup rotation.</summary>
public sealed class RollbackCommandTests
{
    [Test]
    public void Rollback_WithoutTarget_RevertsMigration2()
    {
        using var database = new TestDatabase();
        database.MigrateTo(2); // migration 2 is the one this test reverts

        var result = CliRunner.Run(database, "rollback");

        result.ShouldSucceed();
        database.RecordedVersions().ShouldBe([1]);
        result.StdoutLines[^1].ShouldBe("Version: 2 -> 1");
        result.BackupPath.ShouldNotBeNull();
        File.Exists(result.BackupPath).ShouldBeTrue();
    }

    [Test]
    public void RollbackBy_Two_FromVersion2_RevertsMigrations2And1()
    {
        using var database = new TestDatabase();
        database.MigrateTo(2);

        var result = CliRunner.Run(database, "rollback", "by", "2");

        result.ShouldSucceed();
        database.RecordedVersions().ShouldBeEmpty();
        result.Stdout.ShouldContain("Reverted 2 (Add profiles.openrouter_preset)");
        result.Stdout.ShouldContain("Reverted 1 (Initial schema)");
        result.StdoutLines[^1].ShouldBe("Version: 2 -> 0");
    }

    [Test]
    public void RollbackTo_One_LeavesVersionOne()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();

        var result = CliRunner.Run(database, "rollback", "to", "1", "--no-backup");

        result.ShouldSucceed();
        database.RecordedVersions().ShouldBe([1]);
        database.Backups().ShouldBeEmpty();
    }

    [Test]
    public void RollbackAll_LeavesNoApplicationTable()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();

        var result = CliRunner.Run(database, "rollback", "all");

        result.ShouldSucceed();
        database.RecordedVersions().ShouldBeEmpty();
        database.ApplicationTables().ShouldBeEmpty();
    }

    [Test]
    public void Rollback_Preview_PrintsTheDownSqlAndChangesNothing()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        var before = database.Bytes();

        var result = CliRunner.Run(database, "rollback", "all", "--preview");

        result.ShouldSucceed();
        result.Stdout.ShouldContain("DROP TABLE", Case.Insensitive);
        result.StdoutLines[^1].ShouldBe($"Version: {Versions.Latest} -> 0 (preview: nothing was changed)");
        database.Bytes().ShouldBe(before);
        database.Backups().ShouldBeEmpty();
    }

    [Test]
    public void Rollback_NothingApplied_SaysNothingToDoAndChangesNothing()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        database.RollbackTo(0);
        var before = database.Bytes();

        var result = CliRunner.Run(database, "rollback");

        result.ShouldSucceed();
        result.StdoutLines.ShouldBe([$"Nothing to do: {database.Path} is at version 0."]);
        database.Bytes().ShouldBe(before);
        database.Backups().ShouldBeEmpty();
    }

    [Test]
    public void Rollback_EmptyFile_SaysNothingToDoAndLeavesItEmpty()
    {
        using var database = new TestDatabase();
        File.WriteAllBytes(database.Path, []);

        var result = CliRunner.Run(database, "rollback");

        result.ShouldSucceed();
        new FileInfo(database.Path).Length.ShouldBe(0);
    }

    [Test]
    public void RollbackBy_MoreStepsThanApplied_FailsAndChangesNothing()
    {
        using var database = new TestDatabase();
        database.MigrateTo(2);
        var before = database.Bytes();

        var result = CliRunner.Run(database, "rollback", "by", "3");

        result.ShouldFailWith(1, "Cannot roll back 3 steps: the database records only 2 applied migration(s).");
        database.Bytes().ShouldBe(before);
    }

    [Test]
    public void BackupRotation_KeepBackupsTwo_KeepsOnlyTheNewestTwo()
    {
        using var database = new TestDatabase();
        CliRunner.Run(database, "migrate").ShouldSucceed();
        var backups = new List<string>();

        for (var cycle = 0; cycle < 3; cycle++)
        {
            var down = CliRunner.Run(database, "rollback", "--keep-backups", "2");
            var up = CliRunner.Run(database, "--keep-backups", "2", "migrate");
            down.ShouldSucceed();
            up.ShouldSucceed();
            backups.Add(down.BackupPath.ShouldNotBeNull());
            backups.Add(up.BackupPath.ShouldNotBeNull());
        }

        // Names may repeat within one second once an older namesake was pruned; only the newest two remain.
        backups.Count.ShouldBe(6, "every change took a backup");
        database.Backups().ShouldBe(backups.TakeLast(2).Order(StringComparer.Ordinal).ToArray());
    }

    [Test]
    public void RollbackTo_UnknownVersion_FailsBeforeTakingTheLock()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        using var held = OpenRouterConsole.Migrations.Runner.Locking.MigrationLock.Acquire(database.Path, TimeSpan.Zero);

        var result = CliRunner.Run(database, "rollback", "to", (Versions.Latest + 5).ToString(System.Globalization.CultureInfo.InvariantCulture), "--timeout", "30");

        result.ShouldFailWith(2, $"Cannot roll back to version {Versions.Latest + 5}: no migration has that version (known: {Versions.KnownList}).");
    }
}
