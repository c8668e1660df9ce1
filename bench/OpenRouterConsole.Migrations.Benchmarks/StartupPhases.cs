using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Runner.Integrity;

namespace OpenRouterConsole.Migrations.Benchmarks;

/// <summary>
/// Diagnostic child mode "startup-phases": where the first <c>Migrate()</c> of a process spends its
/// time, phase by phase, each first touch timed in the order <c>Migrate()</c> reaches it.
/// </summary>
internal static class StartupPhases
{
    public static int Run(string connectionString)
    {
        var total = Stopwatch.GetTimestamp();
        var phase = Stopwatch.GetTimestamp();

        void Mark(string name)
        {
            Console.WriteLine($"{name,-40} {Stopwatch.GetElapsedTime(phase).TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture),8} ms");
            phase = Stopwatch.GetTimestamp();
        }

        if (Environment.GetEnvironmentVariable("BENCH_PHASES_BASELINE") == "1")
        {
            var plain = new SqliteConnection(connectionString);
            Mark("baseline: new SqliteConnection(cs)");
            plain.Open();
            Mark("baseline: Open");
            using (var command = plain.CreateCommand())
            {
                command.CommandText = "SELECT max(Version) FROM VersionInfo";
                _ = command.ExecuteScalar();
            }

            Mark("baseline: max(Version)");
            plain.Dispose();
            Mark("baseline: close");
            Console.WriteLine($"{"total",-40} {Stopwatch.GetElapsedTime(total).TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture),8} ms");
            return 0;
        }

        _ = new SqliteConnectionStringBuilder(connectionString);
        Mark("new SqliteConnectionStringBuilder(cs)");
        var database = DatabaseFile.Resolve(connectionString);
        Mark("DatabaseFile.Resolve");
        database.EnsureWritable();
        Mark("EnsureWritable (header read)");
        var migrationLock = MigrationLock.Acquire(database.Path, TimeSpan.FromSeconds(60));
        Mark("MigrationLock.Acquire (+ owner note)");
        var connection = database.Open(SqliteOpenMode.ReadWrite);
        Mark("open connection (SQLitePCL init)");
        var applied = VersionTable.Read(connection);
        Mark("VersionTable.Read");
        connection.Dispose();
        Mark("close connection");
        var status = new DatabaseStatus(database.Path, true, applied);
        _ = status.UnknownVersions;
        Mark("MigrationCatalog (reflection)");
        _ = MigrationManifest.Embedded;
        Mark("  MigrationManifest.Embedded");
        _ = ScriptChecksums.UpScriptOf(1);
        Mark("  ScriptChecksums.UpScriptOf(1)");
        _ = status.ChecksumMismatches;
        Mark("DatabaseStatus.ChecksumMismatches");
        _ = status.Pending;
        Mark("Pending");
        migrationLock.Dispose();
        Mark("lock release");
        Console.WriteLine($"{"total",-40} {Stopwatch.GetElapsedTime(total).TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture),8} ms");
        return 0;
    }
}
