namespace OpenRouterConsole.Migrations.Runner.Copy;

/// <summary>Where an identity column of the target continues: the next id PostgreSQL will hand out.</summary>
public sealed record IdentityContinuation(string Table, string Column, long NextValue);
