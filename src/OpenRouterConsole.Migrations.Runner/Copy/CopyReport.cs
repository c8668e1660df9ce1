namespace OpenRouterConsole.Migrations.Runner.Copy;

/// <summary>What a copy did and what its verification found.</summary>
/// <param name="SourceMigratedFrom">The source's version before <see cref="CopyOptions.MigrateSource"/> migrated it; null when it was not migrated.</param>
/// <param name="Committed">True when every table matched and the target's transaction committed; false leaves the target as it was.</param>
public sealed record CopyReport(
    string SourcePath,
    long Version,
    long? SourceMigratedFrom,
    string? SourceBackupPath,
    string Target,
    long TargetVersionBefore,
    IReadOnlyList<TableCopyResult> Tables,
    IReadOnlyList<IdentityContinuation> Identities,
    TimeSpan Elapsed,
    bool Committed)
{
    public long CopiedRows => Tables.Sum(t => t.CopiedRows);

    public bool Verified => Tables.All(t => t.Matches);
}
