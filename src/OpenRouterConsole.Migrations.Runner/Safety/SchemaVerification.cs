using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.Runner.History;
using OpenRouterConsole.Migrations.Runner.Schema;

namespace OpenRouterConsole.Migrations.Runner.Safety;

/// <summary>
/// <c>verify</c> on a SQLite file: compares the live schema with the one its recorded version should
/// have (or, without version records, finds the known version it is closest to). Reads only.
/// </summary>
internal sealed class SchemaVerification(MigrationCatalog catalog, SafetyChecks safety)
{
    public VerifyReport Run(DatabaseFile database)
    {
        database.EnsureReadable();
        // Most likely a typo in the path: a check that passed here would hide it.
        database.EnsureExists("verify");

        var status = SqliteMigrationHistory.ReadStatus(catalog, database, SqliteOpenMode.ReadOnly);
        safety.RefuseUnknownVersions(status, allowed: false, "verify");
        SqliteMigrationHistory.RefuseGaps(status);
        var live = database.ReadSchema();
        if (status.Applied.Count == 0)
        {
            var (version, closest, differences) = SchemaGuard.IdentifyUnversioned(catalog, live);
            return new VerifyReport(database.Path, 0, version ?? closest, Versioned: false, differences, []);
        }

        return new VerifyReport(
            database.Path,
            status.CurrentVersion,
            status.CurrentVersion,
            Versioned: true,
            SchemaGuard.CompareWithRecorded(catalog, live, status.Applied),
            status.ChecksumMismatches);
    }
}
