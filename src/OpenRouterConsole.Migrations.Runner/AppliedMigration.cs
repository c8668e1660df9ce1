namespace OpenRouterConsole.Migrations.Runner;

/// <summary>A row of FluentMigrator's <c>VersionInfo</c> table.</summary>
public sealed record AppliedMigration(long Version, DateTime? AppliedOn, string? Description);
