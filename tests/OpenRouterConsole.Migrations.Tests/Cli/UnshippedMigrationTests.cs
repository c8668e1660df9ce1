using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Cli;

/// <summary>
/// The README's way out when a migration that has not shipped was applied to a development database and
/// its scripts then changed: restore the backup taken before it was applied, then migrate again.
/// </summary>
public sealed class UnshippedMigrationTests
{
    [Test]
    public void ChangedScriptsOfTheLatestMigration_RestoreTheBackupTakenBeforeIt_ThenMigrate_AppliesTheNewScripts()
    {
        using var database = new TestDatabase();
        database.MigrateTo(Versions.Latest - 1);
        database.Execute("INSERT INTO profiles (name) VALUES ('kept')");
        var applied = CliRunner.Run(database, "migrate");
        applied.ShouldSucceed();
        var backupBeforeIt = applied.BackupPath.ShouldNotBeNull();
        // As if the latest migration's up script had been edited since it was applied here.
        database.Execute($"UPDATE MigrationChecksums SET Sha256 = 'edited-since' WHERE Version = {Versions.Latest}");
        var refused = CliRunner.Run(database, "rollback");
        refused.ExitCode.ShouldBe(1);
        refused.Stderr.ShouldContain("applied migration scripts changed after they shipped");
        refused.Stderr.ShouldContain("restore the backup taken before it");

        CliRunner.Run(database, "restore", backupBeforeIt).ShouldSucceed();
        var migrated = CliRunner.Run(database, "migrate");

        migrated.ShouldSucceed();
        database.RecordedVersions().ShouldBe(Versions.All);
        database.Scalar<string>($"SELECT Sha256 FROM MigrationChecksums WHERE Version = {Versions.Latest}")
            .ShouldBe(OpenRouterConsole.Migrations.Runner.MigrationCatalog.Console.UpScriptOf(Versions.Latest)!.Value.Checksum);
        database.Migrator().Verify().IsClean.ShouldBeTrue();
        database.Scalar<long>("SELECT count(*) FROM profiles WHERE name = 'kept'").ShouldBe(1);
    }
}
