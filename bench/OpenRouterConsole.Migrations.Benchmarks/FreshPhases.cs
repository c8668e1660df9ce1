using System.Diagnostics;
using System.Globalization;
using OpenRouterConsole.Migrations.Runner.Execution;
using OpenRouterConsole.Migrations.Runner;

namespace OpenRouterConsole.Migrations.Benchmarks;

/// <summary>
/// Diagnostic child mode "fresh-phases": where a first migrate of a new file spends its time in
/// FluentMigrator (building its service provider and runner, then each step).
/// </summary>
internal static class FreshPhases
{
    public static int Run(string path)
    {
        var total = Stopwatch.GetTimestamp();
        var phase = Stopwatch.GetTimestamp();

        void Mark(string name)
        {
            Console.WriteLine($"{name,-48} {Stopwatch.GetElapsedTime(phase).TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture),8} ms");
            phase = Stopwatch.GetTimestamp();
        }

        var database = DatabaseFile.Resolve(Databases.ConnectionString(path));
        var steps = MigrationCatalog.Console.All.Select(m => new MigrationStep(m.Version, m.Description, MigrationDirection.Up, m.Version)).ToArray();
        Mark("resolve + catalog");
        using (var connection = database.Open())
        {
            Mark("create the file (SQLitePCL init)");
        }

        var session = new FluentMigratorSession(MigrationCatalog.Console, database.ConnectionString(), previewOnly: false, sqlOutput: null);
        Mark("FluentMigratorSession: service provider + runner");
        session.Run(steps, (step, elapsed) => Mark($"step {step.Version} ({elapsed.TotalMilliseconds:0.0} ms inside)"));
        Mark("commit");
        session.Dispose();
        Mark("dispose");
        Console.WriteLine($"{"total",-48} {Stopwatch.GetElapsedTime(total).TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture),8} ms");
        return 0;
    }
}
