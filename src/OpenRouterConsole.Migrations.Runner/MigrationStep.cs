namespace OpenRouterConsole.Migrations.Runner;

/// <summary>
/// One migration to apply or revert. <see cref="TargetVersion"/> is the version the database records
/// once the step is done. A <see cref="RecordOnly"/> step adopts a migration whose schema is already
/// there (a database made before versioning): it is recorded, its script is not run.
/// </summary>
public sealed record MigrationStep(long Version, string Description, MigrationDirection Direction, long TargetVersion, bool RecordOnly = false);
