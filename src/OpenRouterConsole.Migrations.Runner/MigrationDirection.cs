namespace OpenRouterConsole.Migrations.Runner;

/// <summary>Whether a step applies a migration or reverts it.</summary>
public enum MigrationDirection
{
    /// <summary>Apply: run the migration's up script (a migrate).</summary>
    Up,

    /// <summary>Revert: run its down script (a rollback).</summary>
    Down,
}
