namespace OpenRouterConsole.Migrations.Runner;

/// <summary>
/// One migration to apply or revert. <see cref="TargetVersion"/> is the version the database records
/// once the step is done. A <see cref="RecordOnly"/> step adopts a migration whose schema is already
/// there (a database made before versioning): it is recorded, its script is not run.
/// </summary>
/// <param name="Version">The migration's version.</param>
/// <param name="Description">The migration's description.</param>
/// <param name="Direction">Apply (<see cref="MigrationDirection.Up"/>) or revert (<see cref="MigrationDirection.Down"/>).</param>
/// <param name="TargetVersion">The version the database records once this step is done.</param>
/// <param name="RecordOnly">True when the schema is already there and only the version is recorded.</param>
public sealed record MigrationStep(long Version, string Description, MigrationDirection Direction, long TargetVersion, bool RecordOnly = false);
