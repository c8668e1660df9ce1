namespace OpenRouterConsole.Migrations.Runner;

/// <summary>A migration the migration assembly contains (<see cref="MigrationCatalog.All"/>).</summary>
/// <param name="Version">Its version number, from its <c>[Migration]</c> attribute.</param>
/// <param name="Description">Its description, from the same attribute.</param>
/// <param name="RebuildsTables">
/// It derives from <c>TableRebuildMigration</c>: a run that applies or reverts it opens its connection
/// with foreign keys off, since they cannot be switched off once the transaction has begun.
/// </param>
public sealed record KnownMigration(long Version, string Description, bool RebuildsTables = false);
