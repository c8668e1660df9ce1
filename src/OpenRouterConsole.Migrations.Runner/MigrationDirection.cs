namespace OpenRouterConsole.Migrations.Runner;

public enum MigrationDirection
{
    Up,
    Down,
}
