using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using OpenRouterConsole.Migrations.Runner.History;
using OpenRouterConsole.Migrations.Runner.Integrity;
using OpenRouterConsole.Migrations.Runner.Planning;
using OpenRouterConsole.Migrations.Runner.Schema;

namespace OpenRouterConsole.Migrations.Runner.Safety;

/// <summary>
/// The refusals that keep a run from touching a database it should not: versions this assembly does
/// not know, applied scripts that changed, a schema that drifted from its recorded version, a
/// corrupted file. Each refusal is logged as <see cref="SafetyLog.Refused"/> and thrown; what an
/// override lets through is logged as a warning.
/// </summary>
internal sealed class SafetyChecks(MigrationCatalog catalog, MigrationOptions options, ILogger logger)
{
    /// <summary>Logs a refusal as its own event (operators filter on it) and returns the exception to throw.</summary>
    public static MigrationException Refuse(ILogger logger, string reason)
    {
        SafetyLog.Refused(logger, reason);
        return MigrationException.Failed(reason);
    }

    public void RefuseUnknownVersions(DatabaseStatus status, bool allowed, string action)
    {
        var unknown = status.UnknownVersions;
        if (unknown.Count == 0)
        {
            return;
        }

        if (allowed)
        {
            SafetyLog.NewerDatabaseAllowed(logger, status.DatabasePath, string.Join(", ", unknown));
            return;
        }

        throw Refuse(logger,
            $"Refusing to {action}: '{status.DatabasePath}' records version(s) {string.Join(", ", unknown)} that this tool does not know " +
            $"(it knows up to {catalog.LatestVersion}); the database is newer than this tool." +
            (action == "migrate" ? " To migrate anyway pass --allow-newer (tool) or set AllowNewerDatabase (host)." : string.Empty));
    }

    public void CheckScriptChecksums(DatabaseStatus status)
    {
        var mismatches = status.ChecksumMismatches;
        if (mismatches.Count == 0)
        {
            return;
        }

        var message = $"'{status.DatabasePath}': applied migration scripts changed after they shipped ({string.Join("; ", mismatches)}). " +
                      "Shipped migrations must not be edited: add a new migration instead. " +
                      "(A migration not shipped yet, applied to a development database: restore the backup taken before it, then migrate again.) " +
                      "To proceed anyway pass --allow-changed-scripts (tool) or set AllowChangedScripts (host).";
        if (!options.AllowChangedScripts)
        {
            throw Refuse(logger, message);
        }

        SafetyLog.ChangedScriptsAllowed(logger, message);
    }

    // Without version records there is nothing to revert, but a file with the schema of some
    // version is that version for verify and migrate: say so rather than "nothing to do".
    public void RefuseUnversionedSchema(DatabaseStatus status, string connectionString)
    {
        if (status.Applied.Count > 0 || !status.Exists)
        {
            return;
        }

        var database = DatabaseFile.Resolve(connectionString);
        var (version, closest, _) = SchemaGuard.IdentifyUnversioned(catalog, database.ReadSchema());
        if (version is > 0)
        {
            throw MigrationException.Failed(
                $"'{status.DatabasePath}' has the schema of version {version} but no version records; run 'migrate' to record them, then roll back.");
        }

        if (version is null)
        {
            throw MigrationException.Failed(
                $"'{status.DatabasePath}' has no version records and its schema matches no known version (closest is version {closest}). Nothing was changed.");
        }
    }

    public IReadOnlyList<MigrationStep> GuardSchema(DatabaseFile database, DatabaseStatus status, IReadOnlyList<MigrationStep> steps, MigrationPlanner planner)
    {
        if (status.UnknownVersions.Count > 0)
        {
            // Allowed newer database (warned of when allowed): its schema includes migrations this
            // assembly cannot describe, so there is nothing to compare it with.
            return steps;
        }

        var live = database.ReadSchema();
        if (status.Applied.Count > 0)
        {
            var drift = SchemaGuard.CompareWithRecorded(catalog, live, status.Applied);
            if (drift.Count > 0 && !options.AllowSchemaDrift)
            {
                throw Refuse(logger,
                    $"'{database.Path}' records version {status.CurrentVersion} but its schema differs: {SchemaGuard.Summarise(drift)}. " +
                    "Run 'verify' for the full report; to migrate anyway pass --allow-drift (tool) or set AllowSchemaDrift (host).");
            }

            foreach (var difference in drift)
            {
                SafetyLog.SchemaDriftAllowed(logger, database.Path, difference.Message);
            }

            return steps;
        }

        // No version records: planning decides whether the database is adopted.
        return planner.AdoptUnversioned(database.Path, live, steps);
    }

    // PRAGMA quick_check over the tables the run touches (IntegrityScope says why that is safe), or
    // over the whole file when that cannot be told.
    public void CheckIntegrity(SqliteConnection connection, DatabaseFile database, IReadOnlyList<MigrationStep> steps)
    {
        string result;
        try
        {
            result = IntegrityCheck.Run(connection, IntegrityScope.TablesTouchedBy(connection, catalog, steps));
        }
        catch (SqliteException ex)
        {
            // Not a corruption verdict (e.g. locked by the console): say what it is.
            throw database.Explain(ex, "check the integrity of");
        }

        if (result != "ok")
        {
            throw Refuse(logger, $"'{database.Path}' is corrupted (quick_check: {result}). Restore it from a backup; nothing was changed.");
        }
    }
}
