using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.Runner.Safety;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Cli;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Reliability;

/// <summary>Restore, backup and the lock while the console keeps using its database.</summary>
[NonParallelizable]
public sealed class LiveConsoleTests
{
    [Test]
    public void Restore_WhileAConsoleCommitsInWalMode_EveryCommittedRowIsInTheSafetyCopyOrTheRestoredDatabase()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        database.Execute("PRAGMA journal_mode = WAL");
        var backup = database.Migrator(o => o.BackupEnabled = true).Rollback(RollbackTarget.By(1)).BackupPath.ShouldNotBeNull();
        database.MigrateToLatest();

        // The "console": commits one row every couple of milliseconds, noting each one that committed.
        var committed = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var console = Task.Run(() =>
        {
            using var connection = new SqliteConnection(database.ConnectionString);
            connection.Open();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    using var insert = connection.CreateCommand();
                    insert.CommandText = $"INSERT INTO sessions (id, session_type) VALUES ('row-{i}', 'chat')";
                    insert.ExecuteNonQuery();
                    committed.Add($"row-{i}");
                }
                catch (SqliteException)
                {
                    // Busy past the timeout, or the table briefly gone: not committed, not counted.
                }

                Thread.Sleep(2);
            }
        });
        Thread.Sleep(300);

        var result = ToolProcess.Run("restore", backup, "-c", database.ConnectionString);
        Thread.Sleep(200);
        stop.Cancel();
        console.Wait();

        result.ExitCode.ShouldBe(0, result.ToString());
        var safetyCopy = result.BackupPath.ShouldNotBeNull();
        var kept = Ids(database.ConnectionString).Concat(Ids($"Data Source={safetyCopy};Pooling=False")).ToHashSet();
        var lost = committed.Where(id => !kept.Contains(id)).ToArray();
        TestContext.Out.WriteLine($"{committed.Count} rows committed during the test; {lost.Length} lost.");
        committed.Count.ShouldBeGreaterThan(50);
        lost.ShouldBeEmpty();
    }

    [Test]
    public void Restore_DamagedBackup_IsRefusedAndTheDatabaseNotTouched()
    {
        using var database = new TestDatabase();
        using var backup = new TestDatabase();
        database.MigrateToLatest();
        backup.MigrateToLatest();
        LargeSeed.Fill(backup, profiles: 2000, sessions: 2000, messages: 2000, usageLogs: 2000, withPresets: true);
        backup.CorruptRootPageOf("messages");
        var before = database.Bytes();

        var result = CliRunner.Run(database, "restore", backup.Path);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.StderrLines.ShouldHaveSingleItem().ShouldStartWith($"error: Refusing to restore '{backup.Path}': ");
        database.Bytes().ShouldBe(before);
        database.Backups().ShouldBeEmpty();
    }

    [TestCase("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)", "it is not a console database at a known version")]
    [TestCase("CREATE TABLE VersionInfo (Version INTEGER NOT NULL, AppliedOn DATETIME, Description TEXT); INSERT INTO VersionInfo VALUES (9, NULL, 'x')", "records version(s) 9")]
    [TestCase("CREATE TABLE VersionInfo (Version INTEGER NOT NULL, AppliedOn DATETIME, Description TEXT); INSERT INTO VersionInfo VALUES (1, NULL, 'x')", "its schema differs")]
    public void Restore_NotAConsoleDatabaseAtAKnownVersion_IsRefused(string sql, string reason)
    {
        using var database = new TestDatabase();
        using var unrelated = new TestDatabase();
        database.MigrateToLatest();
        unrelated.Execute(sql);
        var before = database.Bytes();

        var result = CliRunner.Run(database, "restore", unrelated.Path);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.StderrLines.ShouldHaveSingleItem().ShouldContain(reason);
        database.Bytes().ShouldBe(before);
        database.Backups().ShouldBeEmpty();
    }

    [Test]
    public void Restore_OfADamagedDatabaseOnAFullDisk_PutsTheOriginalBackAndSaysSo()
    {
        using var scratch = new TestDatabase();
        using var backup = new TestDatabase();
        backup.MigrateToLatest();
        backup.Execute("INSERT INTO profiles (name, system_prompt) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) SELECT 'p' || i, printf('%.500c', 'x') FROM n");
        var mountPoint = Shell.MountTmpfs(scratch.Directory, "512k");
        try
        {
            var databasePath = Path.Combine(mountPoint, "console.db");
            var damaged = new byte[64 * 1024];
            new Random(3).NextBytes(damaged);
            File.WriteAllBytes(databasePath, damaged);

            var result = CliRunner.Run("restore", backup.Path, "-c", $"Data Source={databasePath};Pooling=False");

            result.ExitCode.ShouldBe(1, result.ToString());
            result.StderrLines[0].ShouldStartWith($"warning: {databasePath} cannot be read by SQLite; moved it to {databasePath}.damaged-");
            result.StderrLines[^1].ShouldStartWith($"error: Could not restore '{databasePath}' from '{backup.Path}': ");
            result.StderrLines[^1].ShouldEndWith("the damaged original was put back in place.");
            File.ReadAllBytes(databasePath).ShouldBe(damaged);
            Directory.GetFiles(mountPoint).Select(Path.GetFileName).Order().ShouldBe(["console.db", "console.db.migrate.lock"]);
        }
        finally
        {
            Shell.Unmount(mountPoint);
        }
    }

    [Test]
    public void Backup_WhileTheConsoleBrieflyLocksTheFile_WaitsInsteadOfFailing()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        database.Execute("INSERT INTO profiles (name) VALUES ('p')");
        Task? holder = null;
        using var console = database.Open();
        // Right after the runner says what it will do (its next step is the backup), the console
        // takes an exclusive lock (a commit in rollback-journal mode) for half a second.
        var migrator = new ConsoleMigrator(
            new MigrationOptions { ConnectionString = database.ConnectionString, IntegrityCheck = false },
            new CallbackLogger(message =>
            {
                if (message.Contains("migration(s) to apply", StringComparison.Ordinal))
                {
                    Execute(console, "BEGIN EXCLUSIVE");
                    holder = Task.Run(() =>
                    {
                        Thread.Sleep(500);
                        Execute(console, "COMMIT");
                    });
                }
            }));

        var report = migrator.Migrate();

        holder.ShouldNotBeNull().Wait();
        report.VersionAfter.ShouldBe(Versions.Latest);
        File.Exists(report.BackupPath).ShouldBeTrue();
    }

    [Test]
    public void IntegrityCheck_OnAHealthyDatabaseLockedByTheConsole_SaysLockedNotCorrupted()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        var before = database.Bytes();
        using var console = database.Open();
        var migrator = new ConsoleMigrator(
            new MigrationOptions { ConnectionString = database.ConnectionString + ";Default Timeout=1", BackupEnabled = false },
            new CallbackLogger(message =>
            {
                if (message.Contains("migration(s) to apply", StringComparison.Ordinal))
                {
                    Execute(console, "BEGIN EXCLUSIVE");
                }
            }));

        var error = Should.Throw<MigrationException>(() => migrator.Migrate());
        Execute(console, "ROLLBACK");

        error.Message.ShouldNotContain("corrupt");
        error.Message.ShouldNotContain("Restore it from a backup");
        error.Message.ShouldContain("locked");
        database.Bytes().ShouldBe(before);
    }

    [Test]
    public void Commit_BlockedByAReader_IsOnePlainSentenceAndChangesNothing()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        using var reader = database.Open();
        Execute(reader, "BEGIN");
        using (var read = reader.CreateCommand())
        {
            read.CommandText = "SELECT count(*) FROM profiles";
            read.ExecuteScalar();
        }

        var result = CliRunner.Run("migrate", "--no-backup", "-c", database.ConnectionString + ";Default Timeout=1");
        Execute(reader, "ROLLBACK");

        result.ExitCode.ShouldBe(1, result.ToString());
        var line = result.StderrLines.ShouldHaveSingleItem();
        line.ShouldNotContain("unexpected");
        line.ShouldContain("locked");
        database.RecordedVersions().ShouldBe([1]);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static HashSet<string> Ids(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM sessions";
        using var reader = command.ExecuteReader();
        var ids = new HashSet<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
