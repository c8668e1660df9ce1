namespace OpenRouterConsole.Migrations.Runner;

/// <summary>
/// One migration to apply or revert. <see cref="TargetVersion"/> is the version the database records
/// once the step is done.
/// </summary>
public sealed record MigrationStep(long Version, string Description, MigrationDirection Direction, long TargetVersion);
