using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Cli;

/// <summary><c>restore FILE</c>: a backup goes back in place, after the current file is backed up.</summary>
public sealed class RestoreCommandTests
{
    [Test]
    public void Restore_BackupFromARollback_BringsBackSchemaAndRows()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        database.Execute("INSERT INTO profiles (name, openrouter_preset) VALUES ('kept', 'fast')");
        var rollback = CliRunner.Run(database, "rollback", "all");
        rollback.ShouldSucceed();
        var backup = rollback.BackupPath.ShouldNotBeNull();

        var result = CliRunner.Run(database, "restore", backup);

        result.ShouldSucceed();
        // The safety copy is taken first, and printed first.
        result.StdoutLines[0].ShouldStartWith($"Backup: {database.Path}.v0.");
        result.StdoutLines[1].ShouldBe($"Restored {database.Path} from {backup}");
        result.StdoutLines[^1].ShouldBe($"Version: 0 -> {Versions.Latest}");
        database.RecordedVersions().ShouldBe(Versions.All);
        database.Scalar<string>("SELECT openrouter_preset FROM profiles WHERE name = 'kept'").ShouldBe("fast");
    }

    [Test]
    public void Restore_DriftedBackup_IsRefusedNamingTheOverride_ThenRestoredWithAllowDrift()
    {
        using var database = new TestDatabase();
        using var drifted = new TestDatabase();
        database.MigrateToLatest();
        drifted.MigrateTo(1);
        drifted.Execute("ALTER TABLE sessions ADD COLUMN pinned INTEGER");
        var before = database.Bytes();

        var refused = CliRunner.Run(database, "restore", drifted.Path, "--no-backup");
        database.Bytes().ShouldBe(before);
        var allowed = CliRunner.Run(database, "restore", drifted.Path, "--no-backup", "--allow-drift");

        refused.ExitCode.ShouldBe(1);
        refused.Stderr.ShouldContain($"Refusing to restore '{drifted.Path}': it records version 1 but its schema differs");
        refused.Stderr.ShouldContain("pass --allow-drift (tool) or set AllowSchemaDrift (host)");
        allowed.ExitCode.ShouldBe(0, allowed.ToString());
        database.RecordedVersions().ShouldBe([1]);
    }

    [Test]
    public void Restore_NoBackup_TakesNoSafetyCopy()
    {
        using var database = new TestDatabase();
        using var source = new TestDatabase();
        source.MigrateTo(1);
        database.MigrateToLatest();

        var result = CliRunner.Run(database, "restore", source.Path, "--no-backup");

        result.ShouldSucceed();
        result.BackupPath.ShouldBeNull();
        database.Backups().ShouldBeEmpty();
        database.RecordedVersions().ShouldBe([1]);
    }

    [Test]
    public void Restore_MissingBackup_FailsAndLeavesTheDatabase()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        var before = database.Bytes();
        var missing = System.IO.Path.Combine(database.Directory, "nope.bak");

        var result = CliRunner.Run(database, "restore", missing);

        result.ShouldFailWith(2, $"The backup '{missing}' does not exist or is empty.");
        database.Bytes().ShouldBe(before);
    }

    [Test]
    public void Restore_WithPreview_IsAUsageError()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        var before = database.Bytes();

        var result = CliRunner.Run(database, "restore", database.Path + ".bak", "--preview");

        result.ShouldFailWith(2, "'restore' does not take --preview.");
        database.Bytes().ShouldBe(before);
    }
}
