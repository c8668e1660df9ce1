using System.Globalization;
using OpenRouterConsole.Migrations.Runner;

namespace OpenRouterConsole.Migrations.Cli;

/// <summary>Prints a <see cref="MigrationReport"/> as plain lines, for people and for scripts that grep.</summary>
internal static class ReportPrinter
{
    public static void Print(MigrationReport report, TextWriter output)
    {
        if (report.LockWait > TimeSpan.Zero)
        {
            output.WriteLine($"Waited {report.LockWait.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms for another process's migration lock.");
        }

        if (report.NothingToDo)
        {
            output.WriteLine($"Nothing to do: {report.DatabasePath} is at version {report.VersionBefore}.");
            return;
        }

        output.WriteLine($"Database: {report.DatabasePath}");
        if (report.BackupPath is not null)
        {
            output.WriteLine($"Backup: {report.BackupPath}");
        }

        foreach (var done in report.Steps)
        {
            var verb = (done.Step.Direction, report.Preview) switch
            {
                _ when done.Step.RecordOnly => report.Preview ? "Would record (schema already present)" : "Recorded (schema already present)",
                (MigrationDirection.Up, false) => "Applied",
                (MigrationDirection.Up, true) => "Would apply",
                (_, false) => "Reverted",
                (_, true) => "Would revert",
            };
            // A preview's "duration" is FluentMigrator writing SQL text, not the time the step would take.
            var duration = report.Preview ? string.Empty : $" in {done.Duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms";
            output.WriteLine($"{verb} {done.Step.Version} ({done.Step.Description}){duration}");
        }

        var suffix = report.Preview ? " (preview: nothing was changed)" : string.Empty;
        output.WriteLine($"Version: {report.VersionBefore} -> {report.VersionAfter}{suffix}");
    }

    public static void PrintSqlFile(string? path, TextWriter output)
    {
        if (path is not null)
        {
            output.WriteLine($"SQL: {path}");
        }
    }
}
