namespace OpenRouterConsole.Migrations.Runner.Copy;

/// <summary>What a copy did and what its verification found.</summary>
/// <param name="SourcePath">The source SQLite file, resolved.</param>
/// <param name="Version">The schema version copied (the source's, after any migration).</param>
/// <param name="SourceMigratedFrom">The source's version before <see cref="CopyOptions.MigrateSource"/> migrated it; null when it was not migrated.</param>
/// <param name="SourceBackupPath">The backup taken before migrating the source; null when none was taken.</param>
/// <param name="Target">The PostgreSQL database, without its password.</param>
/// <param name="TargetVersionBefore">The version the target recorded before the copy (0: empty).</param>
/// <param name="Tables">Each table's row counts and checksums on both sides.</param>
/// <param name="Identities">Where each identity column continues on the target.</param>
/// <param name="Elapsed">The whole copy's wall-clock time.</param>
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
    /// <summary>Rows copied over all tables.</summary>
    public long CopiedRows => Tables.Sum(t => t.CopiedRows);

    /// <summary>True when every table's counts and checksums match on both sides.</summary>
    public bool Verified => Tables.All(t => t.Matches);
}
