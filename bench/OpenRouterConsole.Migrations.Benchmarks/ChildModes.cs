using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.Runner.Backup;
using OpenRouterConsole.Migrations.Runner;

namespace OpenRouterConsole.Migrations.Benchmarks;

/// <summary>
/// What a child process measures: one operation, timed with a Stopwatch around exactly that call,
/// printed as <c>elapsed_ms N</c> for the harness. Peak RSS is taken by the harness from outside.
/// </summary>
internal static class ChildModes
{
    public const string ElapsedPrefix = "elapsed_ms ";

    public static int Run(string[] args)
    {
        var mode = args[0];
        // Diagnostics, not part of the table: where a first call spends its time (see bench/README.md).
        if (mode == "fresh-phases")
        {
            return FreshPhases.Run(args[1]);
        }

        if (mode == "startup-phases")
        {
            return StartupPhases.Run(args[1]);
        }

        double elapsed = mode switch
        {
            // The first call in a fresh process, nothing warmed up before it.
            "startup-ours" => Time(() => new ConsoleMigrator(new MigrationOptions { ConnectionString = args[1] }).Migrate()),
            "startup-base" => Time(() => ReadVersion(args[1])),

            // Warmed up first on a small copy (args[2]), so that what is timed is the work on the
            // large file, not JIT.
            "backup" => Warm(args, Backup),
            "file-copy-fsync" => Warm(args, CopyAndFlush),
            _ => throw new ArgumentException($"unknown child mode '{mode}'"),
        };

        Console.WriteLine(ElapsedPrefix + elapsed.ToString("0.000", CultureInfo.InvariantCulture));
        return 0;
    }

    private static double Time(Action action)
    {
        var started = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static double Warm(string[] args, Action<string> operation)
    {
        operation(args[2]);
        return Time(() => operation(args[1]));
    }

    /// <summary>The baseline of the start-up check: open, read the version, close.</summary>
    private static void ReadVersion(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT max(Version) FROM VersionInfo";
        _ = command.ExecuteScalar();
    }

    /// <summary>Only the backup the rollback takes (open the database, DatabaseBackup.Create).</summary>
    private static void Backup(string path)
    {
        using var connection = new SqliteConnection(ConnectionString(path));
        connection.Open();
        DatabaseBackup.Create(connection, path, 2, keep: 1);
    }

    /// <summary>
    /// File.Copy made durable, as the SQLite backup is (it syncs before the backup is renamed into place),
    /// with the database open in SQLite under a read transaction, as a copy of a live database must be
    /// (and as the backup's is): the two then differ only in how they copy, in time and in memory.
    /// </summary>
    /// <remarks>
    /// A naive copy: File.Copy opens and closes a descriptor of its own on the database, which drops the
    /// process's POSIX locks on it (SQLite's SHARED lock among them); the backup reads through SQLite's
    /// descriptor instead. Harmless here, where nothing else writes.
    /// </remarks>
    private static void CopyAndFlush(string path)
    {
        using var connection = new SqliteConnection(ConnectionString(path));
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "BEGIN; SELECT count(*) FROM sqlite_master;";
        read.ExecuteScalar();
        File.Copy(path, path + ".copy", overwrite: true);
        using (var copy = new FileStream(path + ".copy", FileMode.Open, FileAccess.ReadWrite))
        {
            copy.Flush(flushToDisk: true);
        }

        read.CommandText = "COMMIT;";
        read.ExecuteNonQuery();
    }

    private static string ConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString;
}
