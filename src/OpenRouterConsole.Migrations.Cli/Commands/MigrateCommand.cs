using System.CommandLine;
using OpenRouterConsole.Migrations.Runner;

namespace OpenRouterConsole.Migrations.Cli.Commands;

/// <summary>
/// <c>migrate</c> (to the latest), <c>migrate up -t V</c>, <c>migrate down -t V</c>, as in dotnet-fm.
/// <c>-t</c> is recursive so it may also stand before <c>up</c>/<c>down</c>.
/// </summary>
internal sealed class MigrateCommand : Command
{
    private readonly Option<long?> _target = new("--target", "-t")
    {
        Description = "The version to migrate to.",
        HelpName = "V",
        Recursive = true,
    };

    public MigrateCommand(CommonOptions options)
        : base("migrate", "Apply pending migrations (to the latest, or up/down to a version).")
    {
        Options.Add(_target);
        SetAction(parseResult => Up(parseResult, options));

        var up = new Command("up", "Apply pending migrations up to -t V (default: the latest).");
        up.SetAction(parseResult => Up(parseResult, options));
        Subcommands.Add(up);

        var down = new Command("down", "Roll back to -t V (the same as 'rollback to V').");
        down.SetAction(parseResult => Down(parseResult, options));
        Subcommands.Add(down);
    }

    private int Up(ParseResult parseResult, CommonOptions options)
    {
        var target = parseResult.GetValue(_target);
        return MigrationRun.Execute(
            parseResult, options, migrator => migrator.Migrate(target, options.Cancellation), migrator => migrator.PreviewMigrate(target));
    }

    private int Down(ParseResult parseResult, CommonOptions options)
    {
        // Going down without a target would be a guess at how far; dotnet-fm requires it too.
        var target = parseResult.GetValue(_target)
            ?? throw new MigrationException(MigrationErrorKind.Usage, "'migrate down' needs a target version: migrate down -t V.");
        return MigrationRun.Execute(
            parseResult, options, migrator => migrator.Rollback(RollbackTarget.To(target), options.Cancellation), migrator => migrator.PreviewRollback(RollbackTarget.To(target)));
    }
}
