namespace OpenRouterConsole.Migrations.Runner.Copy;

/// <summary>Where an identity column of the target continues: the next id PostgreSQL will hand out.</summary>
/// <param name="Table">The table.</param>
/// <param name="Column">Its identity column.</param>
/// <param name="NextValue">The next value the target's sequence hands out (above every copied id).</param>
public sealed record IdentityContinuation(string Table, string Column, long NextValue);
