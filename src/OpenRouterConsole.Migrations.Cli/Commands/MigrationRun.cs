using System.CommandLine;
using OpenRouterConsole.Migrations.Runner;

namespace OpenRouterConsole.Migrations.Cli.Commands;

/// <summary>What migrate and rollback share: preview or run, SQL output, and printing the report.</summary>
internal static class MigrationRun
{
    public static int Execute(
        ParseResult parseResult, CommonOptions options, Func<ConsoleMigrator, MigrationReport> run, Func<ConsoleMigrator, MigrationPreview> preview)
    {
        var stdout = parseResult.InvocationConfiguration.Output;
        var file = parseResult.GetValue(options.Output);
        // -o keeps the SQL that ran (or, with --preview, would run): the runner captures it.
        var migrator = options.CreateMigrator(parseResult, captureSql: file is not null);
        var sql = SqlOutput.Create(file, migrator);

        string? text;
        if (parseResult.GetValue(options.Preview))
        {
            var previewed = preview(migrator);
            if (file is null)
            {
                stdout.Write(previewed.Sql);
            }

            ReportPrinter.Print(previewed, stdout);
            text = previewed.Sql;
        }
        else
        {
            var report = run(migrator);
            ReportPrinter.Print(report, stdout);
            text = report.Sql;
        }

        ReportPrinter.PrintSqlFile(sql.Complete(text, out var failure), stdout);
        if (failure is not null)
        {
            parseResult.InvocationConfiguration.Error.WriteLine($"warning: {failure}");
        }

        return ExitCodes.Success;
    }
}
