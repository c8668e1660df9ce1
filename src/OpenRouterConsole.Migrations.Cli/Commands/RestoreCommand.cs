using System.CommandLine;

namespace OpenRouterConsole.Migrations.Cli.Commands;

/// <summary><c>restore FILE</c>: puts a backup in place of the database (backing up the current file first).</summary>
internal sealed class RestoreCommand : Command
{
    public RestoreCommand(CommonOptions options)
        : base("restore", "Replace the database with a backup; the current file is backed up first unless --no-backup.")
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The backup to restore, e.g. console.db.v2.20261124T101500Z.bak." };
        Arguments.Add(file);
        SetAction(parseResult =>
        {
            // The core has no preview or SQL for a restore: it copies pages, it runs no migration SQL.
            CommonOptions.Reject(parseResult, options.Preview, "restore");
            CommonOptions.Reject(parseResult, options.Output, "restore");

            var report = options.CreateMigrator(parseResult).Restore(parseResult.GetValue(file)!.FullName, options.Cancellation);

            var stdout = parseResult.InvocationConfiguration.Output;
            // The safety copy was taken before the restore: say so in that order.
            if (report.BackupPath is not null)
            {
                stdout.WriteLine($"Backup: {report.BackupPath}");
            }

            stdout.WriteLine($"Restored {report.DatabasePath} from {parseResult.GetValue(file)!.FullName}");

            stdout.WriteLine($"Version: {report.VersionBefore} -> {report.VersionAfter}");
            return ExitCodes.Success;
        });
    }
}
