using System.CommandLine;
using OpenRouterConsole.Migrations.Runner;

namespace OpenRouterConsole.Migrations.Cli.Commands;

/// <summary><c>rollback</c> (one step), <c>rollback by N</c>, <c>rollback to V</c>, <c>rollback all</c>.</summary>
internal sealed class RollbackCommand : Command
{
    public RollbackCommand(CommonOptions options)
        : base("rollback", "Revert applied migrations (default: the last one).")
    {
        SetAction(parseResult => Run(parseResult, options, RollbackTarget.By(1)));

        var steps = new Argument<int>("N") { Description = "How many migrations to revert." };
        var by = new Command("by", "Revert the last N migrations.") { steps };
        by.SetAction(parseResult => Run(parseResult, options, RollbackTarget.By(parseResult.GetValue(steps))));
        Subcommands.Add(by);

        var version = new Argument<long>("V") { Description = "The version to leave the database at (0 = empty)." };
        var to = new Command("to", "Revert every migration above version V.") { version };
        to.SetAction(parseResult => Run(parseResult, options, RollbackTarget.To(parseResult.GetValue(version))));
        Subcommands.Add(to);

        var all = new Command("all", "Revert every migration.");
        all.SetAction(parseResult => Run(parseResult, options, RollbackTarget.All));
        Subcommands.Add(all);
    }

    private static int Run(ParseResult parseResult, CommonOptions options, RollbackTarget target) =>
        MigrationRun.Execute(
            parseResult, options, migrator => migrator.Rollback(target, options.Cancellation), migrator => migrator.PreviewRollback(target));
}
