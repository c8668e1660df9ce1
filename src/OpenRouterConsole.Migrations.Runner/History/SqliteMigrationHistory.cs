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

    public static DatabaseStatus ReadStatus(MigrationCatalog catalog, DatabaseFile database, SqliteOpenMode mode) =>
        new(database.Path, database.Exists, ReadApplied(database, mode)) { Catalog = catalog };

    public static IReadOnlyList<AppliedMigration> ReadApplied(DatabaseFile database, SqliteOpenMode mode)
    {
        // Opening a missing or 0-byte file would create or touch it; it records nothing anyway.
        if (!database.HasContent)
        {
            return [];
        }

        try
        {
            using var connection = database.Open(mode);
            return Read(connection);
        }
        catch (SqliteException ex)
        {
            throw database.Explain(ex, "read");
        }
    }

    public static IReadOnlyList<AppliedMigration> Read(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        // Constant names inline rather than bound parameters: binding's first use costs ~1 ms at start-up.
        command.CommandText = $"SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('{VersionTableName}', '{ChecksumTableName}')";
        var tables = new HashSet<string>(StringComparer.Ordinal);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        if (!tables.Contains(VersionTableName))
        {
            return [];
        }

        // SQLite itself reads the ISO-8601 text FluentMigrator writes (unixepoch, UTC, to the millisecond):
        // .NET's date parser would cost ~1 ms on its first use at every start. Other text falls back to it.
        // Whole milliseconds as an integer, read with GetInt64 like the version: GetDouble's first use
        // JIT-compiles 7 more methods of Microsoft.Data.Sqlite and SQLitePCL (neither is ReadyToRun).
        // One row per version: a table without FluentMigrator's unique index can hold a version
        // twice, and it is still one applied migration (its first record is the one kept).
        command.CommandText = tables.Contains(ChecksumTableName)
            ? $"SELECT v.Version, v.AppliedOn, v.Description, c.Sha256, CASE WHEN typeof(v.AppliedOn) = 'text' THEN CAST(round(unixepoch(v.AppliedOn, 'subsec') * 1000) AS INTEGER) END FROM {FirstRecordOfEachVersion} v LEFT JOIN {ChecksumTableName} c ON c.Version = v.Version ORDER BY v.Version"
            : $"SELECT Version, AppliedOn, Description, NULL, CASE WHEN typeof(AppliedOn) = 'text' THEN CAST(round(unixepoch(AppliedOn, 'subsec') * 1000) AS INTEGER) END FROM {FirstRecordOfEachVersion} ORDER BY Version";
        var applied = new List<AppliedMigration>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                applied.Add(new AppliedMigration(
                    reader.GetInt64(0),
                    AppliedOn(reader),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3)));
            }
        }

        return applied;
    }

    /// <summary>True when the database has a version table, even an empty one (every migration reverted).</summary>
    public static bool Exists(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{VersionTableName}'";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

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
