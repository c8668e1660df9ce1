using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.Runner;

namespace OpenRouterConsole.Migrations.Benchmarks;

/// <summary>
/// Diagnostic child mode "startup-phases": where the first <c>Migrate()</c> of a process spends its
/// time, phase by phase, as the runner reports it in <c>MigrationReport.Phases</c>.
/// </summary>
/// <remarks>
/// Nothing is printed until the end: the console's first write (its encoder, stream and handle)
/// would otherwise warm up file and text code that the timed call then gets for free, as
/// <c>child startup-ours</c> does not.
/// </remarks>
internal static class StartupPhases
{
    public static int Run(string connectionString)
    {
        var lines = new List<(string Name, TimeSpan Elapsed)>(16);
        var total = Stopwatch.GetTimestamp();
        var phase = total;

        void Mark(string name)
        {
            var now = Stopwatch.GetTimestamp();
            lines.Add((name, Stopwatch.GetElapsedTime(phase, now)));
            phase = now;
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
        }
        else
        {
            // The runner times its own phases (MigrationReport.Phases), so this mode cannot drift from
            // what Migrate() really does: first-use costs land in the phase that pays them.
            var migrator = new ConsoleMigrator(new MigrationOptions { ConnectionString = connectionString });
            Mark("new ConsoleMigrator");
            var report = migrator.Migrate();
            Mark("Migrate()");
            for (var i = 0; i < report.Phases.Count; i++)
            {
                lines.Insert(lines.Count - 1, ("  " + report.Phases[i].Phase, report.Phases[i].Duration));
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(total);
        foreach (var (name, time) in lines)
        {
            Console.WriteLine($"{name,-40} {time.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture),8} ms");
        }

        Console.WriteLine($"{"total",-40} {elapsed.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture),8} ms");
        return 0;
    }
}
