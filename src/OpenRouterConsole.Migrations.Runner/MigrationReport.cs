namespace OpenRouterConsole.Migrations.Runner;

/// <summary>What a migrate, rollback or restore did (or, in preview, would do).</summary>
public sealed record MigrationReport(
    string DatabasePath,
    long VersionBefore,
    long VersionAfter,
    IReadOnlyList<AppliedStep> Steps,
    string? BackupPath,
    bool Preview)
{
    public bool NothingToDo => Steps.Count == 0;

    /// <summary>How long this run waited for another process's migration lock.</summary>
    public TimeSpan LockWait { get; init; }
}
