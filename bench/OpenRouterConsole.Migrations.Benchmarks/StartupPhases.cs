using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.Runner;

namespace OpenRouterConsole.Migrations.Benchmarks;

/// <summary>
/// Diagnostic child mode "startup-phases": where the first <c>Migrate()</c> of a process spends its
/// time, phase by phase, as the runner reports it in <c>MigrationReport.Phases</c>.
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

        // The runner times its own phases (MigrationReport.Phases), so this mode cannot drift from
        // what Migrate() really does: first-use costs land in the phase that pays them.
        var migrator = new ConsoleMigrator(new MigrationOptions { ConnectionString = connectionString, BackupEnabled = false });
        Mark("new ConsoleMigrator (+ catalog)");
        var report = migrator.Migrate();
        foreach (var timing in report.Phases)
        {
            Console.WriteLine($"  {timing.Phase,-38} {timing.Duration.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture),8} ms");
        }

        Mark("Migrate() (phases above)");
        Console.WriteLine($"{"total",-40} {Stopwatch.GetElapsedTime(total).TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture),8} ms");
        return 0;
    }
}
