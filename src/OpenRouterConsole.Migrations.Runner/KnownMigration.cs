namespace OpenRouterConsole.Migrations.Runner;

/// <summary>A migration the migration assembly contains.</summary>
public sealed record KnownMigration(long Version, string Description);
