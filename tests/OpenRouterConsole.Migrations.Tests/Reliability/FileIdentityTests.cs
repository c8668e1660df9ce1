using System.Diagnostics;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Cli;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Reliability;

/// <summary>
/// A database file is what it is, not how its path is spelled: through a symlinked file, a
/// symlinked folder, <c>..</c> after a symlink, or a hard link, the lock, the -o guard, backups and
/// restore all act on the one real file.
/// </summary>
public sealed class FileIdentityTests
{
    /// <summary>The three ways a deployment reaches one database file under another name.</summary>
    public enum Spelling
    {
        SymlinkedFile,
        SymlinkedDirectory,
        DotDotAfterSymlink,
    }

    [TestCase(Spelling.SymlinkedFile)]
    [TestCase(Spelling.SymlinkedDirectory)]
    [TestCase(Spelling.DotDotAfterSymlink)]
    public void Lock_HeldThroughTheRealPath_StopsARunThroughAnotherSpelling(Spelling spelling)
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        var before = database.Bytes();
        var other = Spell(database, spelling);
        using var held = new FileStream(database.Path + ".migrate.lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var result = CliRunner.Run("rollback", "-c", $"Data Source={other};Pooling=False", "--timeout", "0.3");

        result.ExitCode.ShouldBe(1, result.ToString());
        result.StderrLines[^1].ShouldBe($"error: Timed out after 0.3 s waiting for the migration lock on '{database.Path}', held by another process.");
        database.Bytes().ShouldBe(before);
    }

    [Test]
    [Category("Slow")]
    public void MigrateAndRollback_ThroughTwoNames_AtOnceInRealProcesses_NeverMixTheirSteps()
    {
        for (var round = 0; round < 3; round++)
        {
            using var database = new TestDatabase();
            database.MigrateTo(1);
            LargeSeed.Fill(database, profiles: 3000, sessions: 3000, messages: 3000, usageLogs: 3000, withPresets: false);
            var link = Path.Combine(database.Directory, "link.db");
            File.CreateSymbolicLink(link, database.Path);

            using var migrate = ToolProcess.Start("migrate", "-c", database.ConnectionString, "--no-backup", "--timeout", "60");
            using var rollback = ToolProcess.Start("rollback", "-c", $"Data Source={link}", "--no-backup", "--timeout", "60");
            migrate.WaitForExit(TimeSpan.FromMinutes(2)).ShouldBeTrue();
            rollback.WaitForExit(TimeSpan.FromMinutes(2)).ShouldBeTrue();

            // Whatever order they ran in, the file is at a version whose schema it has.
            var verify = database.Migrator().Verify();
            verify.IsClean.ShouldBeTrue(string.Join("; ", verify.Differences.Select(d => d.Message)));
            if (database.RecordedVersions().Contains(1))
            {
                database.ApplicationTables().ShouldContain("profiles");
            }
        }
    }

    [Test]
    public void DataSource_DotDotAfterASymlinkedFolder_MigratesTheFileTheKernelOpens()
    {
        using var root = new TestDatabase();
        var release = Directory.CreateDirectory(Path.Combine(root.Directory, "releases", "v42")).FullName;
        var app = Directory.CreateDirectory(Path.Combine(root.Directory, "app")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(app, "current"), release);
        var spelled = Path.Combine(app, "current", "..", "console.db");
        var physical = Path.Combine(root.Directory, "releases", "console.db");

        var result = CliRunner.Run("migrate", "-c", $"Data Source={spelled};Pooling=False");

        result.ShouldSucceed();
        result.StdoutLines.ShouldContain($"Database: {physical}");
        File.Exists(physical).ShouldBeTrue("'current/..' is the folder the link leads out of: releases/");
        File.Exists(Path.Combine(app, "console.db")).ShouldBeFalse("the textual reading of '..' is not the file SQLite opens");
        File.Exists(physical + ".migrate.lock").ShouldBeTrue("the lock sits beside the real file");
    }

    [TestCase(Spelling.SymlinkedFile)]
    [TestCase(Spelling.SymlinkedDirectory)]
    [TestCase(Spelling.DotDotAfterSymlink)]
    public void Output_NamingTheDatabaseThroughAnotherSpelling_IsRefused(Spelling spelling)
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        var before = database.Bytes();
        var other = Spell(database, spelling);

        var result = CliRunner.Run(database, "migrate", "--no-backup", "-o", other);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StderrLines.ShouldHaveSingleItem().ShouldContain("is the database, one of its files or one of its backups");
        database.Bytes().ShouldBe(before);
    }

    [Test]
    public void Output_NamingAHardLinkOfTheDatabase_IsRefused()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        var before = database.Bytes();
        var hardLink = Path.Combine(database.Directory, "script.sql");
        Shell.HardLink(database.Path, hardLink);

        var result = CliRunner.Run(database, "migrate", "--no-backup", "-o", hardLink);

        result.ExitCode.ShouldBe(2, result.ToString());
        database.Bytes().ShouldBe(before);
    }

    [Test]
    public void Migrate_AHardLinkedDatabase_WarnsThatSqliteDoesNotSupportIt()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        Shell.HardLink(database.Path, Path.Combine(database.Directory, "other-name.db"));

        var result = CliRunner.Run(database, "migrate", "--no-backup");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.StderrLines.ShouldBe([$"warning: {database.Path} has 2 hard links; SQLite does not support hard-linked databases, and a process using another name is not kept out by this lock"]);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Output_NamingAnExistingBackup_IsRefusedAndTheBackupKept(bool throughSymlinkedDirectory)
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        var rollback = CliRunner.Run(database, "rollback");
        rollback.ShouldSucceed();
        var backup = rollback.BackupPath.ShouldNotBeNull();
        var backupBytes = File.ReadAllBytes(backup);
        var named = backup;
        if (throughSymlinkedDirectory)
        {
            var dirLink = Path.Combine(database.Directory, "via");
            Directory.CreateSymbolicLink(dirLink, database.Directory);
            named = Path.Combine(dirLink, Path.GetFileName(backup));
        }

        var result = CliRunner.Run(database, "migrate", "--no-backup", "-o", named);

        result.ExitCode.ShouldBe(2, result.ToString());
        File.ReadAllBytes(backup).ShouldBe(backupBytes);
    }

    [Test]
    public void Restore_BackupNamedThroughASymlinkedFolder_IsNotPrunedByItsOwnSafetyCopy()
    {
        using var database = new TestDatabase();
        var migrator = database.Migrator(o =>
        {
            o.BackupEnabled = true;
            o.BackupsToKeep = 1;
        });
        migrator.Migrate(1);
        database.Execute("INSERT INTO profiles (name) VALUES ('first')");
        migrator.Migrate(); // the one kept backup: v1
        var backup = database.Backups().ShouldHaveSingleItem();
        var dirLink = Path.Combine(database.Directory, "via");
        Directory.CreateSymbolicLink(dirLink, database.Directory);

        var report = migrator.Restore(Path.Combine(dirLink, Path.GetFileName(backup)));

        report.VersionAfter.ShouldBe(1);
        File.Exists(backup).ShouldBeTrue("the backup being restored must survive the pruning after its safety copy");
        database.Scalar<long>("SELECT count(*) FROM profiles").ShouldBe(1);
    }

    [Test]
    public void Restore_OverADamagedDatabaseThatIsASymlink_RestoresTheRealFileAndKeepsTheLink()
    {
        using var store = new TestDatabase();
        using var backupSource = new TestDatabase();
        backupSource.MigrateToLatest();
        backupSource.Execute("INSERT INTO profiles (name) VALUES ('from backup')");
        File.WriteAllText(store.Path, "this is no longer a SQLite database, just text of some length..............................................");
        var link = Path.Combine(store.Directory, "link.db");
        File.CreateSymbolicLink(link, store.Path);

        var result = CliRunner.Run("restore", backupSource.Path, "-c", $"Data Source={link};Pooling=False");

        result.ExitCode.ShouldBe(0, result.ToString());
        new FileInfo(link).LinkTarget.ShouldBe(store.Path, "the link must still be a link to the real file");
        store.RecordedVersions().ShouldBe(Versions.All);
        store.Scalar<string>("SELECT name FROM profiles").ShouldBe("from backup");
        Directory.GetFiles(store.Directory, "console.db.damaged-*").ShouldHaveSingleItem();
    }

    [Test]
    public void LockOwnerNote_ASymlinkPlantedAtItsPath_IsNotWrittenThrough()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        var victim = Path.Combine(database.Directory, "victim.txt");
        File.WriteAllText(victim, "precious");
        File.CreateSymbolicLink(database.Path + ".migrate.lock.owner", victim);

        var result = CliRunner.Run(database, "migrate", "--no-backup");

        result.ShouldSucceed();
        File.ReadAllText(victim).ShouldBe("precious");
        database.RecordedVersions().ShouldBe(Versions.All);
    }

    [Test]
    public void LockFile_ADanglingSymlinkAtItsPath_IsReportedAtOnceAndNotFollowed()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        var before = database.Bytes();
        var target = Path.Combine(database.Directory, "elsewhere", "planted.lock");
        File.Delete(database.Path + ".migrate.lock");
        File.CreateSymbolicLink(database.Path + ".migrate.lock", target);
        var clock = Stopwatch.StartNew();

        var result = CliRunner.Run(database, "migrate", "--timeout", "30");

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), "a lock file that cannot be used is no reason to wait");
        result.ShouldFailWith(1, $"The migration lock file '{database.Path}.migrate.lock' is a symbolic link; refusing to follow it. Remove it.");
        database.Bytes().ShouldBe(before);
        File.Exists(target).ShouldBeFalse();
    }

    [Test]
    public void LockFile_NameTooLong_IsReportedAtOnceWithItsCause()
    {
        // 245 characters: a legal name for the database and its journal (+ "-journal"), not for its
        // lock file (+ ".migrate.lock"): names are limited to 255 bytes.
        using var database = new TestDatabase(new string('d', 242) + ".db");
        database.Execute("PRAGMA user_version = 1");
        var clock = Stopwatch.StartNew();

        var result = CliRunner.Run(database, "migrate", "--timeout", "30");

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        result.ExitCode.ShouldBe(1, result.ToString());
        result.StderrLines.ShouldHaveSingleItem().ShouldStartWith($"error: Cannot open the migration lock file '{database.Path}.migrate.lock': ");
        result.Stderr.ShouldContain("too long");
        result.Stderr.ShouldNotContain("held by");
    }

    [Test]
    [NonParallelizable]
    public void LockFile_OnAReadOnlyMount_IsReportedAtOnceWithItsCause()
    {
        using var scratch = new TestDatabase();
        var mountPoint = Shell.MountTmpfs(scratch.Directory, "4m");
        try
        {
            var databasePath = Path.Combine(mountPoint, "console.db");
            var connection = $"Data Source={databasePath};Pooling=False";
            CliRunner.Run("migrate", "-t", "1", "-c", connection).ShouldSucceed();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Shell.Run("mount", "-o", "remount,ro", mountPoint).ShouldBe(0);
            var clock = Stopwatch.StartNew();

            var result = CliRunner.Run("migrate", "--timeout", "30", "-c", connection);

            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
            result.ExitCode.ShouldBe(1, result.ToString());
            result.StderrLines.ShouldHaveSingleItem().ShouldStartWith($"error: Cannot open the migration lock file '{databasePath}.migrate.lock': ");
            result.Stderr.ShouldContain("Read-only file system");
        }
        finally
        {
            Shell.Unmount(mountPoint);
        }
    }

    private static string Spell(TestDatabase database, Spelling spelling)
    {
        var name = Path.GetFileName(database.Path);
        switch (spelling)
        {
            case Spelling.SymlinkedFile:
                var link = Path.Combine(database.Directory, "link.db");
                File.CreateSymbolicLink(link, database.Path);
                return link;
            case Spelling.SymlinkedDirectory:
                var dirLink = Path.Combine(database.Directory, "dirlink");
                Directory.CreateSymbolicLink(dirLink, database.Directory);
                return Path.Combine(dirLink, name);
            default:
                // app/current -> <folder>/sub: app/current/.. is <folder> to the kernel, app/ as text.
                var sub = Directory.CreateDirectory(Path.Combine(database.Directory, "sub")).FullName;
                var app = Directory.CreateDirectory(Path.Combine(database.Directory, "app")).FullName;
                Directory.CreateSymbolicLink(Path.Combine(app, "current"), sub);
                return Path.Combine(app, "current", "..", name);
        }
    }
}
