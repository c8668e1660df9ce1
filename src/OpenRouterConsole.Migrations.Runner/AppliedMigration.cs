namespace OpenRouterConsole.Migrations.Runner;

/// <summary>
/// A row of FluentMigrator's <c>VersionInfo</c> table, with the up-script checksum we recorded when
/// it was applied (null when it was applied by another tool, such as upstream dotnet-fm).
/// </summary>
/// <param name="Version">The migration's version number.</param>
/// <param name="AppliedOn">When it was applied, as <c>VersionInfo</c> stores it (null if the row has no time).</param>
/// <param name="Description">The migration's description at the time it was applied.</param>
/// <param name="Checksum">The SHA-256 of its up script when applied; null when another tool applied it.</param>
public sealed record AppliedMigration(long Version, DateTime? AppliedOn, string? Description, string? Checksum = null);
