namespace OpenRouterConsole.Migrations.Runner.Copy;

/// <summary>What a copy did and what its verification found.</summary>
/// <param name="SourceMigratedFrom">The source's version before <see cref="CopyOptions.MigrateSource"/> migrated it; null when it was not migrated.</param>
/// <param name="VerifyTime">Of <see cref="Elapsed"/>, the time spent reading both sides back for the verification.</param>
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
    bool Committed,
    TimeSpan VerifyTime = default)
{
    public long CopiedRows => Tables.Sum(t => t.CopiedRows);

    public bool Verified => Tables.All(t => t.Matches);
}
