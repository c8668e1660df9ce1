using OpenRouterConsole.Migrations.Runner.Reporting;

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

    /// <summary>Where the run spent its time, phase by phase in the order they ran (empty for a restore).</summary>
    public IReadOnlyList<PhaseTiming> Phases { get; init; } = [];

    /// <summary>One line for logs and debuggers: <c>console.db: 1 -> 2 (applied 2 in 4 ms); backup console.db.v1….bak</c>.</summary>
    public override string ToString()
    {
        // A restore reports no steps but may still change the version and take a backup.
        if (NothingToDo && VersionBefore == VersionAfter && BackupPath is null)
        {
            return $"{DatabasePath}: at version {VersionBefore}, nothing to do{(Preview ? " (preview)" : string.Empty)}";
        }

        var steps = Steps.Count == 0 ? string.Empty : $" ({string.Join(", ", Steps.Select(Describe))})";
        var backup = BackupPath is null ? string.Empty : $"; backup {BackupPath}";
        var preview = Preview ? " (preview: nothing was changed)" : string.Empty;
        return $"{DatabasePath}: {VersionBefore} -> {VersionAfter}{steps}{backup}{preview}";
    }

    // A preview's durations are the time to write SQL text, not to run it: left out.
    private string Describe(AppliedStep done) => Preview
        ? $"{Verb(done.Step)} {done.Step.Version}"
        : $"{Verb(done.Step)} {done.Step.Version} in {done.Duration.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture)} ms";

    private string Verb(MigrationStep step) => (step.RecordOnly, step.Direction, Preview) switch
    {
        (true, _, _) => "recorded",
        (_, MigrationDirection.Up, false) => "applied",
        (_, MigrationDirection.Up, true) => "would apply",
        (_, _, false) => "reverted",
        (_, _, true) => "would revert",
    };
}
