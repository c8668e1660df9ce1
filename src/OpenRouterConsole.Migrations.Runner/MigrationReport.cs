using System.Globalization;
using OpenRouterConsole.Migrations.Runner.Reporting;

namespace OpenRouterConsole.Migrations.Runner;

/// <summary>What a migrate, rollback or restore did; a host logs it, the tool prints it.</summary>
/// <param name="DatabasePath">The database changed: the resolved file, or the server database's name.</param>
/// <param name="VersionBefore">The version it recorded before the run.</param>
/// <param name="VersionAfter">The version it records now.</param>
/// <param name="Steps">The migrations applied or reverted, with their durations; empty for a restore.</param>
/// <param name="BackupPath">The backup taken before the change (for a restore, the safety copy of the replaced file); null when none was taken.</param>
public sealed record MigrationReport(
    string DatabasePath,
    long VersionBefore,
    long VersionAfter,
    IReadOnlyList<AppliedStep> Steps,
    string? BackupPath)
{
    // Not [] (Array.Empty<PhaseTiming>): generic code over our struct, JIT-compiled at a host's first run.
    private static readonly PhaseTiming[] NoPhases = new PhaseTiming[0];

    /// <summary>True when no migration ran: the database was already at the target.</summary>
    public bool NothingToDo => Steps.Count == 0;

    /// <summary>How long this run waited for another process's migration lock.</summary>
    public TimeSpan LockWait { get; init; }

    /// <summary>Where the run spent its time, phase by phase in the order they ran (empty for a restore).</summary>
    public IReadOnlyList<PhaseTiming> Phases { get; init; } = NoPhases;

    /// <summary>
    /// The SQL the run executed, when <see cref="MigrationOptions.CaptureSql"/> asked for it (for an
    /// audit trail, or the tool's <c>-o</c>); otherwise null.
    /// </summary>
    public string? Sql { get; init; }

    /// <summary>One line for logs and debuggers: <c>console.db: 1 -> 2 (applied 2 in 4 ms); backup console.db.v1….bak</c>.</summary>
    public override string ToString()
    {
        // A restore reports no steps but may still change the version and take a backup.
        if (NothingToDo && VersionBefore == VersionAfter && BackupPath is null)
        {
            return $"{DatabasePath}: at version {VersionBefore}, nothing to do";
        }

        var steps = Steps.Count == 0 ? string.Empty : $" ({string.Join(", ", Steps.Select(Describe))})";
        var backup = BackupPath is null ? string.Empty : $"; backup {BackupPath}";
        return $"{DatabasePath}: {VersionBefore} -> {VersionAfter}{steps}{backup}";
    }

    private static string Describe(AppliedStep done)
    {
        var verb = (done.Step.RecordOnly, done.Step.Direction) switch
        {
            (true, _) => "recorded",
            (_, MigrationDirection.Up) => "applied",
            _ => "reverted",
        };
        return $"{verb} {done.Step.Version} in {done.Duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms";
    }

    // The preview of the same run: its steps and SQL, without the durations of writing SQL text.
    internal MigrationPreview ToPreview(string sql) =>
        new(DatabasePath, VersionBefore, VersionAfter, Steps.Select(done => done.Step).ToArray(), sql);
}
