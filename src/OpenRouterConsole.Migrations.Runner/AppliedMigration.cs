namespace OpenRouterConsole.Migrations.Runner;

/// <summary>
/// A row of FluentMigrator's <c>VersionInfo</c> table, with the up-script checksum we recorded when
/// it was applied (null when it was applied by another tool, such as upstream dotnet-fm).
/// </summary>
public sealed record AppliedMigration(long Version, DateTime? AppliedOn, string? Description, string? Checksum = null);
