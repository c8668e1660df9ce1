using FluentMigrator;

namespace OpenRouterConsole.Migrations.Runner.Execution.ScriptOnly;

/// <summary>A migration the script-only path runs, with the description FluentMigrator records for it (the type's name when the attribute has none).</summary>
internal sealed record PlainMigration(Migration Instance, string Description);
