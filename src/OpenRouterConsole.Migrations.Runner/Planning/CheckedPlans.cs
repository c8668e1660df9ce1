using OpenRouterConsole.Migrations.Runner.History;
using OpenRouterConsole.Migrations.Runner.Safety;

namespace OpenRouterConsole.Migrations.Runner.Planning;

/// <summary>
/// The plan of a migrate or rollback together with the refusals that come before it: given what the
/// database records (read under the lock), refuse unknown versions, gaps and changed scripts, then
/// say which steps to take. The same plans serve SQLite and PostgreSQL, runs and previews. Beside the
/// migrate plan, <see cref="AlreadyUpToDate"/> tells the one case that needs no lock.
/// </summary>
internal sealed class CheckedPlans(MigrationCatalog catalog, MigrationOptions options, MigrationPlanner planner, SafetyChecks safety)
{
    /// <summary>Checks <paramref name="targetVersion"/> at once (before any file is touched) and returns the migrate plan.</summary>
    public Func<DatabaseStatus, IReadOnlyList<MigrationStep>> Up(long? targetVersion)
    {
        if (targetVersion is { } requested)
        {
            planner.ValidateUpTarget(requested);
        }

        return status =>
        {
            safety.RefuseUnknownVersions(status, allowed: options.AllowNewerDatabase, "migrate");
            SqliteMigrationHistory.RefuseGaps(status);
            safety.CheckScriptChecksums(status);
            return planner.Up(status, targetVersion);
        };
    }

    /// <summary>
    /// True when a migrate to <paramref name="targetVersion"/> has nothing to do and nothing to refuse
    /// or warn about: versions recorded, every one known, none missing below the latest, no changed
    /// script (exactly what lets <see cref="Up"/> pass silently), and no step pending. Such a database
    /// is left as it is without taking the lock; anything else is decided by <see cref="Up"/> under it.
    /// </summary>
    public Func<DatabaseStatus, bool> AlreadyUpToDate(long? targetVersion) => status =>
        status.Applied.Count > 0
        && status.UnknownVersions.Count == 0
        && status.MissingBelowCurrent.Count == 0
        && status.ChecksumMismatches.Count == 0
        && planner.Up(status, targetVersion).Count == 0;

    /// <summary>Checks <paramref name="target"/> at once and returns the rollback plan; a newer database is never rolled back.</summary>
    public Func<DatabaseStatus, IReadOnlyList<MigrationStep>> Down(RollbackTarget target, string connectionString)
    {
        target.Validate(catalog);
        return status =>
        {
            safety.RefuseUnknownVersions(status, allowed: false, "roll back");
            SqliteMigrationHistory.RefuseGaps(status);
            safety.CheckScriptChecksums(status);
            safety.RefuseUnversionedSchema(status, connectionString);
            return planner.Down(status, target);
        };
    }
}
