using System.Globalization;
using Microsoft.Data.Sqlite;

namespace OpenRouterConsole.Migrations.Runner.History;

/// <summary>
/// The history of a SQLite console database: reads <c>VersionInfo</c> with our recorded checksums in
/// two small queries, without creating or touching the file; writes the checksum rows (see
/// <see cref="MigrationHistory.Record"/>).
/// </summary>
internal sealed class SqliteMigrationHistory(MigrationCatalog catalog) : MigrationHistory(catalog)
{
    // Created on demand: databases migrated by upstream dotnet-fm, or before checksums, lack it.
    private const string CreateChecksumTableSql =
        $"CREATE TABLE IF NOT EXISTS {ChecksumTableName} (Version INTEGER PRIMARY KEY, Script TEXT NOT NULL, Sha256 TEXT NOT NULL, RecordedOn TEXT NOT NULL);\n";

    // One row per version: a table without FluentMigrator's unique index can hold a version twice,
    // and it is still one applied migration (its first record is the one kept).
    private const string FirstRecordOfEachVersion =
        $"(SELECT * FROM \"{VersionTableName}\" WHERE rowid IN (SELECT min(rowid) FROM \"{VersionTableName}\" GROUP BY Version))";

    public override string RecordChecksumSql(long version)
    {
        var (script, checksum) = UpScript(version, "Sqlite");
        return CreateChecksumTableSql +
               $"INSERT OR REPLACE INTO {ChecksumTableName} (Version, Script, Sha256, RecordedOn) VALUES ({version}, '{script}', '{checksum}', '{Now()}');";
    }

    public override string ForgetChecksumSql(long version) =>
        CreateChecksumTableSql + $"DELETE FROM {ChecksumTableName} WHERE Version = {version};";

    /// <summary>
    /// FluentMigrator 8.0.1's own <c>VersionInfo</c>, as its SQLite generator creates it (the statements
    /// its preview prints), for the script-only path: a database written there is exactly one
    /// FluentMigrator would have written (ScriptOnlySessionTests compare the two).
    /// </summary>
    /// <remarks>
    /// VersionMigration, VersionUniqueMigration and VersionDescriptionMigration, in that order: SQLite
    /// appends each added column to the stored CREATE TABLE text, so the order shapes sqlite_master.
    /// </remarks>
    public const string CreateVersionTableSql =
        $"CREATE TABLE \"{VersionTableName}\" (\"Version\" INTEGER NOT NULL);\n" +
        $"CREATE UNIQUE INDEX \"UC_Version\" ON \"{VersionTableName}\" (\"Version\" ASC);\n" +
        $"ALTER TABLE \"{VersionTableName}\" ADD COLUMN \"AppliedOn\" DATETIME;\n" +
        $"ALTER TABLE \"{VersionTableName}\" ADD COLUMN \"Description\" TEXT;";

    /// <summary>FluentMigrator's version row: <c>AppliedOn</c> is SQLite's <c>CURRENT_TIMESTAMP</c> (<c>yyyy-MM-dd HH:mm:ss</c>, UTC).</summary>
    public static string RecordVersionSql(long version, string? description) =>
        $"INSERT INTO \"{VersionTableName}\" (\"Version\", \"AppliedOn\", \"Description\") VALUES ({version}, CURRENT_TIMESTAMP, {Quote(description)});";

    /// <summary>Forgets a reverted migration's version row, as FluentMigrator's version loader does.</summary>
    public static string ForgetVersionSql(long version) => $"DELETE FROM \"{VersionTableName}\" WHERE \"Version\" = {version};";

    private static string Quote(string? text) => text is null ? "NULL" : "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>What list, verify and reports show: every applied migration with its time, description and recorded checksum.</summary>
    public static DatabaseStatus ReadStatus(MigrationCatalog catalog, DatabaseFile database, SqliteOpenMode mode) =>
        new(database.Path, database.Exists, Read(database, mode, Read)) { Catalog = catalog };

    /// <summary>
    /// What a migrate or rollback needs: the applied versions, with a recorded checksum only where it
    /// differs from the catalog's (the refusal names it). No time or description is read.
    /// <paramref name="busySeconds"/>: how long to wait for another connection's write lock; null: the
    /// connection's default (30 s).
    /// </summary>
    public static DatabaseStatus ReadRunStatus(MigrationCatalog catalog, DatabaseFile database, SqliteOpenMode mode, int? busySeconds = null) =>
        new(database.Path, database.Exists, Read(database, mode, connection => ReadVersions(connection, catalog), busySeconds)) { Catalog = catalog };

    private static IReadOnlyList<AppliedMigration> Read(
        DatabaseFile database, SqliteOpenMode mode, Func<SqliteConnection, IReadOnlyList<AppliedMigration>> read, int? busySeconds = null)
    {
        // Opening a missing or 0-byte file would create or touch it; it records nothing anyway.
        if (!database.HasContent)
        {
            return [];
        }

        try
        {
            using var connection = database.Open(mode);
            if (busySeconds is { } seconds)
            {
                connection.DefaultTimeout = seconds;
            }

            return read(connection);
        }
        catch (SqliteException ex)
        {
            throw database.Explain(ex, "read");
        }
    }

    /// <summary>Every applied migration with its time, description and recorded checksum (list, verify, reports).</summary>
    public static IReadOnlyList<AppliedMigration> Read(SqliteConnection connection)
    {
        var (hasVersions, hasChecksums) = Tables(connection);
        if (!hasVersions)
        {
            return [];
        }

        using var command = connection.CreateCommand();
        // SQLite itself reads the ISO-8601 text FluentMigrator writes (unixepoch, UTC, to the millisecond):
        // .NET's date parser would cost ~1 ms on its first use at every start. Other text falls back to it.
        // Whole milliseconds as an integer, read with GetInt64 like the version: GetDouble's first use
        // JIT-compiles 7 more methods of Microsoft.Data.Sqlite and SQLitePCL (neither is ReadyToRun).
        command.CommandText = hasChecksums
            ? $"SELECT v.Version, v.AppliedOn, v.Description, c.Sha256, CASE WHEN typeof(v.AppliedOn) = 'text' THEN CAST(round(unixepoch(v.AppliedOn, 'subsec') * 1000) AS INTEGER) END FROM {FirstRecordOfEachVersion} v LEFT JOIN {ChecksumTableName} c ON c.Version = v.Version ORDER BY v.Version"
            : $"SELECT Version, AppliedOn, Description, NULL, CASE WHEN typeof(AppliedOn) = 'text' THEN CAST(round(unixepoch(AppliedOn, 'subsec') * 1000) AS INTEGER) END FROM {FirstRecordOfEachVersion} ORDER BY Version";
        var applied = new List<AppliedMigration>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            applied.Add(new AppliedMigration(
                reader.GetInt64(0),
                AppliedOn(reader),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return applied;
    }

    /// <summary>
    /// The applied versions, each with its recorded checksum only when that differs from the catalog's
    /// up script (so <see cref="DatabaseStatus.ChecksumMismatches"/> sees exactly the changed scripts).
    /// </summary>
    /// <remarks>
    /// Integers only: SQL compares the checksums and returns 0 or 1. On an up-to-date database this
    /// path reads no text, so a JIT-built host's first call does not compile SQLitePCL's text path
    /// (neither Microsoft.Data.Sqlite nor SQLitePCL is ReadyToRun). A mismatch, rare and refused, reads
    /// its recorded checksums in a second query.
    /// </remarks>
    public static IReadOnlyList<AppliedMigration> ReadVersions(SqliteConnection connection, MigrationCatalog catalog)
    {
        var (hasVersions, hasChecksums) = Tables(connection);
        if (!hasVersions)
        {
            return [];
        }

        using var command = connection.CreateCommand();
        // A version without a checksum row (applied by another tool) or without a script in the
        // catalog compares as NULL: not a mismatch, as in DatabaseStatus.ChecksumMismatches.
        command.CommandText = hasChecksums
            ? $"SELECT v.Version, coalesce(c.Sha256 <> {ExpectedChecksum(catalog, "v.Version")}, 0) FROM {FirstRecordOfEachVersion} v LEFT JOIN {ChecksumTableName} c ON c.Version = v.Version ORDER BY v.Version"
            : $"SELECT Version, 0 FROM {FirstRecordOfEachVersion} ORDER BY Version";
        // The changed versions as the IN list of the second query; not a List<long>, whose generic
        // code (9 methods) would be JIT-compiled at a JIT-built host's start.
        var applied = new List<AppliedMigration>();
        var changed = string.Empty;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var version = reader.GetInt64(0);
                applied.Add(new AppliedMigration(version, null, null));
                if (reader.GetInt64(1) != 0)
                {
                    changed += (changed.Length == 0 ? string.Empty : ", ") + version.ToString(CultureInfo.InvariantCulture);
                }
            }
        }

        if (changed.Length > 0)
        {
            var recorded = RecordedChecksums(connection, changed);
            for (var i = 0; i < applied.Count; i++)
            {
                if (recorded.TryGetValue(applied[i].Version, out var checksum))
                {
                    applied[i] = applied[i] with { Checksum = checksum };
                }
            }
        }

        return applied;
    }

    // The catalog's up-script checksum of the version in column, as an SQL expression (NULL for a
    // version without a script). The checksums are hex digits: nothing to escape.
    private static string ExpectedChecksum(MigrationCatalog catalog, string column)
    {
        var cases = string.Empty;
        foreach (var known in catalog.All)
        {
            if (catalog.UpScriptOf(known.Version) is { } up)
            {
                cases += $" WHEN {known.Version} THEN '{up.Checksum}'";
            }
        }

        return cases.Length == 0 ? "NULL" : $"CASE {column}{cases} END";
    }

    private static Dictionary<long, string> RecordedChecksums(SqliteConnection connection, string versions)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT Version, Sha256 FROM {ChecksumTableName} WHERE Version IN ({versions})";
        var recorded = new Dictionary<long, string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            recorded[reader.GetInt64(0)] = reader.GetString(1);
        }

        return recorded;
    }

    // Which of the two tables exist, read as integers (a name read back would be text).
    // Constant names inline rather than bound parameters: binding's first use costs ~1 ms at start-up.
    private static (bool Versions, bool Checksums) Tables(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT (SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{VersionTableName}'), " +
            $"(SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{ChecksumTableName}')";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0) > 0, reader.GetInt64(1) > 0);
    }

    /// <summary>True when the database has a version table, even an empty one (every migration reverted).</summary>
    public static bool Exists(SqliteConnection connection) => Tables(connection).Versions;

    /// <summary>
    /// Refuses version records with a hole: a known migration missing below one that is recorded.
    /// Its schema cannot be computed, and migrating it would run scripts out of order.
    /// </summary>
    public static void RefuseGaps(DatabaseStatus status)
    {
        var missing = status.MissingBelowCurrent;
        if (missing.Count > 0)
        {
            throw MigrationException.Failed(
                $"'{status.DatabasePath}' records version {status.CurrentKnownVersion} but not {string.Join(", ", missing)}: its version records are inconsistent. Nothing was changed.");
        }
    }

    private static DateTime? AppliedOn(SqliteDataReader reader)
    {
        if (!reader.IsDBNull(4))
        {
            return DateTime.UnixEpoch.AddMilliseconds(reader.GetInt64(4));
        }

        return reader.IsDBNull(1) ? null : ParseTime(reader.GetString(1));
    }

    private static DateTime? ParseTime(string text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;
}
