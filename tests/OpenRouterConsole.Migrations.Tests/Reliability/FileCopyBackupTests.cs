using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Runner.Backup;
using OpenRouterConsole.Migrations.Runner.Files;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Reliability;

/// <summary>
/// The backup of a rollback-journal database copies the file's bytes under a read transaction: the
/// copy is the committed state whatever other connections do meanwhile, and it costs no one a lock.
/// </summary>
public sealed class FileCopyBackupTests
{
    [Test]
    public void FileCopy_OnLinux_CopiesTheFileThroughSqlitesOwnDescriptor()
    {
        Assume.That(OperatingSystem.IsLinux(), "the kernel copy is Linux only; elsewhere the backup API copies");
        using var database = SeededDatabase();
        var bytes = database.Bytes();
        var copy = Path.Combine(database.Directory, "copy.db");
        File.WriteAllBytes(copy, []);
        using var source = database.Open();

        ExecuteNonQuery(source, "BEGIN; SELECT count(*) FROM sqlite_master;");
        SqliteFileCopy.TryCopy(source, database.Path, copy).ShouldBeTrue();
        ExecuteNonQuery(source, "ROLLBACK");

        File.ReadAllBytes(copy).ShouldBe(bytes);
    }

    [Test]
    public void Backup_WhileAnotherConnectionIsMidWriteTransaction_IsTheCommittedStateAndKeepsItsLock()
    {
        using var database = SeededDatabase();
        var committed = database.Bytes();
        var profiles = database.Scalar<long>("SELECT count(*) FROM profiles");
        using var writer = database.Open();
        ExecuteNonQuery(writer, "BEGIN IMMEDIATE; INSERT INTO profiles (name) VALUES ('not committed');");
        var locksBefore = PosixLocksOn(database.Path);
        if (OperatingSystem.IsLinux())
        {
            locksBefore.ShouldNotBeEmpty("the writer holds its RESERVED lock");
        }

        string backupPath;
        using (var source = database.Open())
        {
            backupPath = DatabaseBackup.Create(source, database.Path, Versions.Latest, keep: 5);
        }

        // Closing any other descriptor of the file would have dropped this process's POSIX locks,
        // the writer's RESERVED lock among them.
        PosixLocksOn(database.Path).ShouldBe(locksBefore);
        File.ReadAllBytes(backupPath).ShouldBe(committed);
        using (var backup = OpenReadOnly(backupPath))
        {
            SqlReads.Scalar<string>(backup, "PRAGMA integrity_check").ShouldBe("ok");
            SqlReads.Scalar<long>(backup, "SELECT count(*) FROM profiles").ShouldBe(profiles);
        }

        ExecuteNonQuery(writer, "COMMIT");
        database.Scalar<long>("SELECT count(*) FROM profiles").ShouldBe(profiles + 1);
    }

    [TestCase("delete")]
    [TestCase("wal")]
    public void Backup_WhileAnotherConnectionKeepsCommitting_IsAConsistentCommittedState(string journalMode)
    {
        using var database = SeededDatabase();
        database.Execute($"PRAGMA journal_mode = {journalMode}; CREATE TABLE ledger (id INTEGER PRIMARY KEY, amount INTEGER NOT NULL); CREATE TABLE total (sum INTEGER NOT NULL); INSERT INTO total VALUES (0);");
        using var stop = new CancellationTokenSource();
        var commits = 0;
        var writer = Task.Run(() =>
        {
            using var connection = database.Open();
            while (!stop.IsCancellationRequested)
            {
                // Each transaction keeps sum(ledger) = total and spans many pages, so a torn copy shows.
                ExecuteNonQuery(connection, "BEGIN IMMEDIATE; INSERT INTO ledger (amount) SELECT 1 FROM models; UPDATE total SET sum = (SELECT sum(amount) FROM ledger); COMMIT;");
                Interlocked.Increment(ref commits);
            }
        });
        SpinWait.SpinUntil(() => Volatile.Read(ref commits) > 2, TimeSpan.FromSeconds(30)).ShouldBeTrue("the writer should be committing");

        var backups = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var source = database.Open();
            backups.Add(DatabaseBackup.Create(source, database.Path, Versions.Latest, keep: 10));
        }

        var commitsDuringBackups = Volatile.Read(ref commits);
        stop.Cancel();
        writer.Wait();
        commitsDuringBackups.ShouldBeGreaterThan(2);
        foreach (var path in backups)
        {
            using var backup = OpenReadOnly(path);
            SqlReads.Scalar<string>(backup, "PRAGMA integrity_check").ShouldBe("ok");
            SqlReads.Scalar<long>(backup, "SELECT (SELECT coalesce(sum(amount), 0) FROM ledger) - (SELECT sum FROM total)").ShouldBe(0L);
        }
    }

    // A database of a few MB, so that copying it takes long enough for a writer to try its luck.
    private static TestDatabase SeededDatabase()
    {
        var database = new TestDatabase();
        database.MigrateToLatest();
        database.ExecuteFixture(Fixtures.SeedData);
        database.Execute("WITH RECURSIVE filler(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM filler WHERE value < 2000) " +
                         "INSERT INTO models (id, openrouter_id, name) SELECT 'filler-' || value, 'filler/' || value, hex(randomblob(2000)) FROM filler");
        return database;
    }

    private static SqliteConnection OpenReadOnly(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }

    private static void ExecuteNonQuery(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    // This process's POSIX locks on the file, as the kernel lists them ("… POSIX ADVISORY WRITE pid maj:min:inode start end").
    private static IReadOnlyList<string> PosixLocksOn(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }

        var inode = FileIdentity.Of(path).ShouldNotBeNull().Inode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var pid = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return File.ReadAllLines("/proc/locks")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 8 && fields[1] == "POSIX" && fields[4] == pid && fields[5].EndsWith(":" + inode, StringComparison.Ordinal))
            .Select(fields => $"{fields[3]} {fields[6]}-{fields[7]}")
            .Order(StringComparer.Ordinal)
            .ToArray();
    }
}
