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
            var verb = (done.Step.RecordOnly, done.Step.Direction) switch
            {
                (true, _) => "Recorded (schema already present)",
                (_, MigrationDirection.Up) => "Applied",
                _ => "Reverted",
            };
            output.WriteLine($"{verb} {done.Step.Version} ({done.Step.Description}) in {done.Duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms");
        }

        output.WriteLine($"Version: {report.VersionBefore} -> {report.VersionAfter}");
    }

    // A preview has no durations: writing SQL text says nothing about how long a step would take.
    public static void Print(MigrationPreview preview, TextWriter output)
    {
        if (preview.NothingToDo)
        {
            output.WriteLine($"Nothing to do: {preview.DatabasePath} is at version {preview.VersionBefore}.");
            return;
        }

        output.WriteLine($"Database: {preview.DatabasePath}");
        foreach (var step in preview.Steps)
        {
            var verb = (step.RecordOnly, step.Direction) switch
            {
                (true, _) => "Would record (schema already present)",
                (_, MigrationDirection.Up) => "Would apply",
                _ => "Would revert",
            };
            output.WriteLine($"{verb} {step.Version} ({step.Description})");
        }

        output.WriteLine($"Version: {preview.VersionBefore} -> {preview.VersionAfter} (preview: nothing was changed)");
    }

    public static void PrintSqlFile(string? path, TextWriter output)
    {
        if (path is not null)
        {
            output.WriteLine($"SQL: {path}");
        }
    }
}
