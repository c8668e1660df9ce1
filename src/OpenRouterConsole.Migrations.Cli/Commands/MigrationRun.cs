using System.CommandLine;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Runner.Providers;

namespace OpenRouterConsole.Migrations.Cli.Commands;

/// <summary>What migrate and rollback share: preview, SQL output, and printing the report.</summary>
internal static class MigrationRun
{
    public delegate MigrationReport Operation(ConsoleMigrator migrator, bool preview, TextWriter? sqlOutput);

    public static int Execute(ParseResult parseResult, CommonOptions options, Operation operation)
    {
        var stdout = parseResult.InvocationConfiguration.Output;
        var preview = parseResult.GetValue(options.Preview);
        var database = options.Provider(parseResult) == DatabaseProvider.Sqlite
            ? DatabaseFile.Resolve(options.ConnectionString(parseResult))
            : null; // a server's database has no file that -o could overwrite
        var sql = SqlOutput.Create(parseResult.GetValue(options.Output), preview, stdout, database);

        var report = operation(options.CreateMigrator(parseResult), preview, sql.Writer);

        ReportPrinter.Print(report, stdout);
        ReportPrinter.PrintSqlFile(sql.Complete(out var failure), stdout);
        if (failure is not null)
        {
            parseResult.InvocationConfiguration.Error.WriteLine($"warning: {failure}");
        }

        return ExitCodes.Success;
    }
}
