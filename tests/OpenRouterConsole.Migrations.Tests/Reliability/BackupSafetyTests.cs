using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Reliability;

/// <summary>The way back must survive its own rotation.</summary>
public sealed class BackupSafetyTests
{
    [Test]
    public void Restore_TheOldestKeptBackup_RestoresItInsteadOfPruningIt()
    {
        using var database = new TestDatabase();
        var migrator = database.Migrator(o =>
        {
            o.BackupEnabled = true;
            o.BackupsToKeep = 2;
        });
        migrator.Migrate(1);
        database.Execute("INSERT INTO profiles (name) VALUES ('first')");
        migrator.Migrate(); // backup of v1 with one profile
        database.Execute("INSERT INTO profiles (name) VALUES ('second')");
        migrator.Rollback(RollbackTarget.By(1)); // backup of v2 with two profiles
        var oldest = database.Backups()[0];
        oldest.ShouldContain(".v1.");

        var report = migrator.Restore(oldest);

        report.VersionAfter.ShouldBe(1);
        database.Scalar<long>("SELECT count(*) FROM profiles").ShouldBe(1);
        File.Exists(oldest).ShouldBeTrue("the backup that was restored must still be there");
        report.BackupPath.ShouldNotBeNull();
        File.Exists(report.BackupPath).ShouldBeTrue();
    }

    [Test]
    public void Backup_OthersCarryLaterFileTimes_TheNewBackupIsKept()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        database.Execute("INSERT INTO profiles (name) VALUES ('p')");
        for (var i = 0; i < 3; i++)
        {
            var copy = $"{database.Path}.v1.20200101T00000{i}Z.bak";
            File.Copy(database.Path, copy);
            File.SetLastWriteTimeUtc(copy, DateTime.UtcNow.AddYears(1));
        }

        var report = database.Migrator(o =>
        {
            o.BackupEnabled = true;
            o.BackupsToKeep = 2;
        }).Migrate();

        File.Exists(report.BackupPath).ShouldBeTrue();
        database.Backups().Count.ShouldBe(2);
        database.Backups().ShouldContain(report.BackupPath!);
    }

    [Test]
    public void Restore_TheDatabaseOntoItself_IsRefused()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        var before = database.Bytes();

        var error = Should.Throw<MigrationException>(() => database.Migrator().Restore(database.Path));

        error.Kind.ShouldBe(MigrationErrorKind.Usage);
        error.Message.ShouldContain("is the database itself");
        database.Bytes().ShouldBe(before);
    }

    [Test]
    public void Restore_OverATruncatedDatabase_SetsItAsideAndRestores()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        database.ExecuteFixture(Fixtures.SeedData);
        var migrator = database.Migrator(o => o.BackupEnabled = true);
        var backup = migrator.Rollback(RollbackTarget.By(1)).BackupPath!;
        var damaged = database.Bytes()[..4096];
        File.WriteAllBytes(database.Path, damaged);

        var report = migrator.Restore(backup);

        report.VersionAfter.ShouldBe(Versions.Latest);
        database.Scalar<long>("SELECT count(*) FROM profiles").ShouldBe(5);
        report.BackupPath.ShouldNotBeNull().ShouldContain(".damaged-");
        File.ReadAllBytes(report.BackupPath).ShouldBe(damaged, "the damaged file is kept, not overwritten");
    }

    [Test]
    public void Backup_ANameWithAnOverlongSuffix_IsLeftAloneAndDoesNotStopTheMigration()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        database.Execute("INSERT INTO profiles (name) VALUES ('p')");
        var older = $"{database.Path}.v1.20200101T000000Z.bak";
        var notOurs = $"{database.Path}.v1.20200101T000000Z-99999999999.bak";
        File.Copy(database.Path, older);
        File.Copy(database.Path, notOurs);

        var report = database.Migrator(o =>
        {
            o.BackupEnabled = true;
            o.BackupsToKeep = 1;
        }).Migrate();

        report.VersionAfter.ShouldBe(Versions.Latest);
        File.Exists(report.BackupPath).ShouldBeTrue();
        File.Exists(older).ShouldBeFalse("the older backup is pruned");
        File.Exists(notOurs).ShouldBeTrue("a name the pruner does not recognise is left alone");
    }
}
