using System.CommandLine;
using System.CommandLine.Help;
using OpenRouterConsole.Migrations.Cli.Commands;
using OpenRouterConsole.Migrations.Runner;

namespace OpenRouterConsole.Migrations.Cli;

/// <summary>
/// The tool's entry point, callable in-process so tests can run it. Every failure ends as one line
/// "error: ..." on stderr with exit code 1 (the operation failed) or 2 (the command line is wrong).
/// </summary>
public static class CliApplication
{
    public const string ToolName = "orc-migrate";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        stdout = new ClosedStreamTolerantWriter(stdout);
        var options = new CommonOptions { Cancellation = cancellationToken };
        var root = BuildRoot(options);
        var parseResult = root.Parse(args);

        // Our own parse-error handling: one line and exit 2, instead of the built-in errors-plus-help.
        if (parseResult.Errors.Count > 0 && parseResult.Action is not { ClearsParseErrors: true })
        {
            WriteError(stderr, MostTellingError(parseResult));
            return ExitCodes.Usage;
        }

        var verbose = parseResult.GetValue(options.Verbose);
        try
        {
            return parseResult.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                // Let exceptions reach the handlers below rather than print System.CommandLine's report.
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (MigrationException ex)
        {
            WriteError(stderr, ex.Message, verbose ? ex : null);
            return ex.Kind == MigrationErrorKind.Usage ? ExitCodes.Usage : ExitCodes.Failed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            WriteError(stderr, "Cancelled; the database was left as it was.");
            return ExitCodes.Cancelled;
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            // Should have been put into words by the runner; still one sentence, not a type name.
            WriteError(stderr, $"SQLite refused the operation: {ex.Message.TrimEnd('.')}.", verbose ? ex : null);
            return ExitCodes.Failed;
        }
        catch (Exception ex)
        {
            WriteError(stderr, $"unexpected {ex.GetType().Name}: {ex.Message}", verbose ? ex : null);
            return ExitCodes.Failed;
        }
    }

    // A plain Command rather than RootCommand: RootCommand names itself after the executable
    // (the dll, or the test host in-process) and its --version reads the entry assembly.
    private static Command BuildRoot(CommonOptions options)
    {
        var root = new Command(ToolName, "Migrates the OpenRouter LLM Console's SQLite database (verbs as in dotnet-fm).")
        {
            new HelpOption(),
            new Option<bool>("--version") { Description = "Show the tool's version.", Action = new VersionAction() },
        };
        options.AddTo(root);
        root.Subcommands.Add(new MigrateCommand(options));
        root.Subcommands.Add(new RollbackCommand(options));
        root.Subcommands.Add(new ListCommand(options));
        root.Subcommands.Add(new RestoreCommand(options));
        root.Subcommands.Add(new VerifyCommand(options));
        root.Subcommands.Add(new CopyCommand(options));
        return root;
    }

    // An unknown verb also yields "Required command was not provided."; the unknown word is what the user needs to see.
    private static string MostTellingError(ParseResult parseResult) =>
        parseResult.Errors
            .Select(error => error.Message)
            .FirstOrDefault(message => parseResult.UnmatchedTokens.Any(token => message.Contains($"'{token}'", StringComparison.Ordinal)))
        ?? parseResult.Errors[0].Message;

    // Messages can carry SQLite's multi-line text; one line keeps stderr easy to read and to grep.
    private static void WriteError(TextWriter stderr, string message, Exception? details = null)
    {
        stderr.WriteLine($"error: {message.ReplaceLineEndings(" ").Trim()}");
        if (details is not null)
        {
            stderr.WriteLine(details);
        }
    }
}
