using System.CommandLine;
using System.Globalization;
using OpenRouterConsole.Migrations.Runner.Copy;

namespace OpenRouterConsole.Migrations.Cli.Commands;

/// <summary>
/// <c>copy --from "Data Source=console.db" --to "Host=…;Database=…"</c>: moves a console from its SQLite
/// file to an empty PostgreSQL database in one transaction, then prints the verification (rows and
/// content checksum of every table on both sides). Exit 0 when all match and the copy committed,
/// 1 on any difference (the target is then left as it was).
/// </summary>
internal sealed class CopyCommand : Command
{
    private readonly Option<string?> _from = new("--from")
    {
        Description = "The console's SQLite database to copy (default: --connection, $ConnectionStrings__Console, else \"Data Source=console.db\").",
        HelpName = "CS",
    };

    private readonly Option<string> _to = new("--to")
    {
        Description = "The PostgreSQL database to fill, e.g. \"Host=db;Database=console;Username=console;Password=…\". It must hold no console rows.",
        HelpName = "CS",
        Required = true,
    };

    private readonly Option<bool> _migrateSource = new("--migrate-source")
    {
        Description = "Migrate a source below the latest version to the latest first (backed up unless --no-backup).",
    };

    private readonly Option<bool> _quiet = new("--quiet", "-q")
    {
        Description = "No progress on stderr.",
    };

    public CopyCommand(CommonOptions options)
        : base("copy", "Copy a console's SQLite database into an empty PostgreSQL database, then verify both sides match.")
    {
        Options.Add(_from);
        Options.Add(_to);
        Options.Add(_migrateSource);
        Options.Add(_quiet);
        SetAction(parseResult =>
        {
            CommonOptions.Reject(parseResult, options.Preview, "copy");
            CommonOptions.Reject(parseResult, options.Output, "copy");
            CommonOptions.Reject(parseResult, options.KeepBackups, "copy");
            var settings = options.CreateMigratorOptions(parseResult);
            var error = parseResult.InvocationConfiguration.Error;
            var copy = new SqliteToPostgresCopy(new CopyOptions
            {
                SourceConnectionString = parseResult.GetValue(_from) ?? options.ConnectionString(parseResult),
                TargetConnectionString = parseResult.GetValue(_to)!,
                MigrateSource = parseResult.GetValue(_migrateSource),
                SourceBackupEnabled = settings.BackupEnabled,
                LockTimeout = settings.LockTimeout,
                Progress = parseResult.GetValue(_quiet) ? null : progress => PrintProgress(progress, error),
            });

            var report = copy.Run(options.Cancellation);
            Print(report, parseResult.InvocationConfiguration.Output);
            return report.Committed ? ExitCodes.Success : ExitCodes.Failed;
        });
    }

    private static void PrintProgress(CopyProgress progress, TextWriter error)
    {
        var line = progress.Done
            ? FormattableString.Invariant($"{progress.Table}: {progress.Rows:N0} rows copied in {progress.Elapsed.TotalSeconds:0.0} s ({progress.RowsPerSecond:N0} rows/s)")
            : progress.Rows == 0
                ? FormattableString.Invariant($"{progress.Table}: copying {progress.TotalRows:N0} rows")
                : FormattableString.Invariant($"{progress.Table}: {progress.Rows:N0} of {progress.TotalRows:N0} rows ({progress.RowsPerSecond:N0} rows/s)");
        error.WriteLine(line);
    }

    private static void Print(CopyReport report, TextWriter output)
    {
        var invariant = CultureInfo.InvariantCulture;
        output.WriteLine(report.SourceMigratedFrom is { } from
            ? $"Source: {report.SourcePath} (migrated from version {from} to {report.Version}{(report.SourceBackupPath is null ? string.Empty : $"; backup {report.SourceBackupPath}")})"
            : $"Source: {report.SourcePath} (version {report.Version})");
        output.WriteLine($"Target: {report.Target} (version {report.TargetVersionBefore} -> {report.Version})");
        var seconds = report.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(invariant, $"Copied {report.CopiedRows:N0} rows in {seconds:0.0} s ({(seconds > 0 ? report.CopiedRows / seconds : 0):N0} rows/s)"));
        output.WriteLine(string.Create(invariant, $"Verification (row count and content checksum of each table, source and target; {report.VerifyTime.TotalSeconds:0.0} s):"));
        output.WriteLine($"  {"table",-12} {"source rows",12} {"target rows",12}  {"source checksum",-32}  target checksum");
        foreach (var table in report.Tables)
        {
            output.WriteLine(string.Create(invariant,
                $"  {table.Table,-12} {table.SourceRows,12:N0} {table.TargetRows,12:N0}  {table.SourceChecksum,-32}  {table.TargetChecksum,-32}  {(table.Matches ? "ok" : "DIFFERENT")}"));
        }

        foreach (var identity in report.Identities)
        {
            output.WriteLine($"Identity {identity.Table}.{identity.Column} continues at {identity.NextValue.ToString(invariant)}.");
        }

        output.WriteLine(report.Committed
            ? $"OK: all {report.Tables.Count} tables match on both sides; committed."
            : $"DIFFERENT: {string.Join(", ", report.Tables.Where(t => !t.Matches).Select(t => t.Table))} differ; the target's transaction was rolled back, it holds no console rows.");
    }
}
