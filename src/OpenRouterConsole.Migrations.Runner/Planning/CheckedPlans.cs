using OpenRouterConsole.Migrations.Runner.History;
using OpenRouterConsole.Migrations.Runner.Safety;

namespace OpenRouterConsole.Migrations.Runner.Planning;

/// <summary>
/// The plan of a migrate or rollback together with the refusals that come before it: given what the
/// database records (read under the lock), refuse unknown versions, gaps and changed scripts, then
/// say which steps to take. The same plans serve SQLite and PostgreSQL, runs and previews.
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
