using System.CommandLine;
using System.Globalization;
using OpenRouterConsole.Migrations.Runner;

namespace OpenRouterConsole.Migrations.Cli.Commands;

/// <summary><c>list migrations</c>: every known migration, whether and when it was applied. Reads only.</summary>
internal sealed class ListCommand : Command
{
    public ListCommand(CommonOptions options)
        : base("list", "List information (see 'list migrations').")
    {
        var migrations = new Command("migrations", "List every migration, whether and when it was applied, and mark the current one.");
        migrations.SetAction(parseResult =>
        {
            CommonOptions.Reject(parseResult, options.Output, "list migrations");
            CommonOptions.Reject(parseResult, options.Preview, "list migrations");
            var status = options.CreateMigrator(parseResult).GetStatus();
            Print(status, parseResult.InvocationConfiguration.Output);
            return ExitCodes.Success;
        });
        Subcommands.Add(migrations);
    }

    private static void Print(DatabaseStatus status, TextWriter output)
    {
        // GetStatus refuses a missing file (most likely a typo in the path), so the file is there.
        output.WriteLine($"Database: {status.DatabasePath}");
        output.WriteLine($"Current version: {status.CurrentVersion}");
        output.WriteLine();
        output.WriteLine($"  {"Version",-8} {"Applied",-9} {"Applied on (UTC)",-20} Description");

        var rows = MigrationCatalog.All
            .Select(m => (m.Version, m.Description, Known: true))
            .Concat(status.UnknownVersions.Select(v => (Version: v, Description: status.Find(v)?.Description ?? string.Empty, Known: false)))
            .OrderBy(row => row.Version);
        foreach (var (version, description, known) in rows)
        {
            var applied = status.Find(version);
            var marker = applied is not null && version == status.CurrentVersion ? "*" : " ";
            var state = !known ? "unknown" : applied is null ? "no" : "yes";
            var when = applied?.AppliedOn?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? string.Empty;
            var note = known ? string.Empty : " (not known to this tool: the database is newer)";
            output.WriteLine($"{marker} {version,-8} {state,-9} {when,-20} {description}{note}");
        }

        output.WriteLine();
        output.WriteLine("* = current version");
    }
}
