using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using OpenRouterConsole.Migrations.Runner.Backup;
using OpenRouterConsole.Migrations.Runner.Files;
using OpenRouterConsole.Migrations.Runner.History;
using OpenRouterConsole.Migrations.Runner.Safety;
using OpenRouterConsole.Migrations.Runner.Schema;

namespace OpenRouterConsole.Migrations.Runner.Backup;

/// <summary>
/// Puts a backup in place of a live database. The backup is checked first (SQLite's integrity check,
/// and a console database at a version this assembly knows). Then, under one write transaction on
/// the live file, the current content is copied to a safety backup and replaced by the backup's: a
/// console committing meanwhile waits, and every row it committed is either in the safety copy or
/// in the restored database. A failure rolls the transaction back, so the live file is unchanged.
/// </summary>
internal sealed partial class DatabaseRestore(MigrationOptions options, ILogger logger)
{
    private readonly MigrationCatalog _catalog = MigrationCatalog.For(options.MigrationAssembly);

    public MigrationReport Run(DatabaseFile database, DatabaseFile backup)
    {
        // Kept open to the end: what was checked is what is copied.
        using var source = OpenBackup(backup);
        var restoredVersion = CheckBackup(source, backup);

        if (ReadableVersion(database) is { } versionBefore)
        {
            var safetyCopy = ReplaceContent(database, backup, versionBefore);
            BackupLog.DatabaseRestored(logger, database.Path, backup.Path, versionBefore, restoredVersion);
            return new MigrationReport(database.Path, versionBefore, restoredVersion, [], safetyCopy);
        }

        // A damaged database is exactly what restore is for: set it aside (a rename, no open) so that
        // the way back is kept, restore into a new file, and put it back if that fails.
        var aside = SetAside(database);
        BackupLog.UnreadableDatabaseSetAside(logger, database.Path, aside);
        try
        {
            DatabaseBackup.CreateWithPermissionsOf(aside, database.Path);
            ReplaceContent(database, backup, versionBefore: 0, takeSafetyCopy: false);
        }
        catch (Exception ex) when (ex is MigrationException or IOException or UnauthorizedAccessException or SqliteException)
        {
            PutBack(database, aside);
            throw MigrationException.Failed(
                $"Could not restore '{database.Path}' from '{backup.Path}': {Reason(ex)}; the damaged original was put back in place.", ex);
        }

        BackupLog.DatabaseRestored(logger, database.Path, backup.Path, 0, restoredVersion);
        return new MigrationReport(database.Path, 0, restoredVersion, [], aside);
    }

    private static SqliteConnection OpenBackup(DatabaseFile backup)
    {
        try
        {
            return backup.Open(SqliteOpenMode.ReadOnly);
        }
        catch (SqliteException ex)
        {
            throw RefuseBackup(backup, ex);
        }
    }

    /// <summary>The backup's version, once it proved to be an intact console database at a known version.</summary>
    private long CheckBackup(SqliteConnection source, DatabaseFile backup)
    {
        try
        {
            var verdict = IntegrityCheck.Run(source);
            if (verdict != "ok")
            {
                throw MigrationException.Failed($"Refusing to restore '{backup.Path}': it is damaged (quick_check: {verdict}); the database was not touched.");
            }

            var status = new DatabaseStatus(backup.Path, true, SqliteMigrationHistory.Read(source)) { Catalog = _catalog };
            if (status.UnknownVersions.Count > 0)
            {
                throw MigrationException.Failed(
                    $"Refusing to restore '{backup.Path}': it records version(s) {string.Join(", ", status.UnknownVersions)} that this tool does not know; the database was not touched.");
            }

            SqliteMigrationHistory.RefuseGaps(status);
            var live = SchemaSnapshot.Read(source);
            if (SqliteMigrationHistory.Exists(source))
            {
                var drift = SchemaGuard.CompareWithRecorded(_catalog, live, status.Applied);
                if (drift.Count > 0 && !options.AllowSchemaDrift)
                {
                    throw MigrationException.Failed(
                        $"Refusing to restore '{backup.Path}': it records version {status.CurrentVersion} but its schema differs ({SchemaGuard.Summarise(drift)}); the database was not touched. " +
                        "To restore it anyway pass --allow-drift (tool) or set AllowSchemaDrift (host).");
                }

                return status.CurrentVersion;
            }

            // No version records: a console database made before versioning still has a known schema.
            var (adopted, _, _) = SchemaGuard.IdentifyUnversioned(_catalog, live);
            if (adopted is not > 0)
            {
                throw MigrationException.Failed(
                    $"Refusing to restore '{backup.Path}': it is not a console database at a known version (no version records, and its schema is no version's); the database was not touched.");
            }

            return 0;
        }
        catch (SqliteException ex)
        {
            throw RefuseBackup(backup, ex);
        }
    }

    private static MigrationException RefuseBackup(DatabaseFile backup, SqliteException ex) =>
        DatabaseFile.IsDamaged(ex)
            ? MigrationException.Failed($"Refusing to restore '{backup.Path}': SQLite cannot read it ({ex.Message.TrimEnd('.')}); the database was not touched.", ex)
            : backup.Explain(ex, "read the backup");

    /// <summary>The live database's version, or null when SQLite finds it damaged.</summary>
    private static long? ReadableVersion(DatabaseFile database)
    {
        try
        {
            using var connection = database.Open(SqliteOpenMode.ReadWrite);
            var version = new DatabaseStatus(database.Path, true, SqliteMigrationHistory.Read(connection)).CurrentVersion;
            return IntegrityCheck.Run(connection) == "ok" ? version : null;
        }
        catch (SqliteException ex) when (DatabaseFile.IsDamaged(ex))
        {
            return null;
        }
        catch (SqliteException ex)
        {
            throw database.Explain(ex, "read");
        }
    }

    /// <summary>Safety copy and replacement in one write transaction on the live database.</summary>
    /// <remarks>
    /// SQLite's backup API cannot read a database its connection is writing, so both copies are made
    /// with SQL inside the transaction: the safety copy into a new attached file, committed with it.
    /// </remarks>
    private string? ReplaceContent(DatabaseFile database, DatabaseFile backup, long versionBefore, bool takeSafetyCopy = true)
    {
        var safetyPartial = takeSafetyCopy && options.BackupEnabled ? DatabaseBackup.PartialPathFor(database.Path) : null;
        using var live = database.Open(SqliteOpenMode.ReadWrite);
        try
        {
            // Outside a transaction, or SQLite ignores it: dropping the old tables must not fire
            // ON DELETE actions, and rows are copied in whatever order the tables come.
            Execute(live, "PRAGMA foreign_keys = OFF;");
            Attach(live, backup.Path, "restored");
            if (safetyPartial is not null)
            {
                DatabaseBackup.CreateWithPermissionsOf(database.Path, safetyPartial);
                Attach(live, safetyPartial, "safety");
            }

            // Waits (busy timeout) for a writer to finish, then keeps every other writer out until COMMIT.
            Execute(live, "BEGIN IMMEDIATE;");
            try
            {
                // Read inside the transaction: the version the safety copy holds.
                versionBefore = new DatabaseStatus(database.Path, true, SqliteMigrationHistory.Read(live)) { Catalog = _catalog }.CurrentVersion;
                if (safetyPartial is not null)
                {
                    CopyContent(live, from: "main", to: "safety");
                }

                DropContent(live);
                CopyContent(live, from: "restored", to: "main");
                Execute(live, "COMMIT;");
            }
            catch
            {
                TryExecute(live, "ROLLBACK;");
                throw;
            }
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            TryExecute(live, "DETACH DATABASE safety;");
            if (safetyPartial is not null)
            {
                DatabaseBackup.Delete(safetyPartial);
            }

            throw MigrationException.Failed($"Could not restore '{database.Path}' from '{backup.Path}': {ex.Message.TrimEnd('.')}; the database is as it was.", ex);
        }
        finally
        {
            TryExecute(live, "DETACH DATABASE restored;");
            TryExecute(live, "DETACH DATABASE safety;");
        }

        if (safetyPartial is null)
        {
            return null;
        }

        var safetyCopy = DatabaseBackup.Complete(safetyPartial, database.Path, versionBefore, options.BackupsToKeep, backup.Path);
        BackupLog.BackupTaken(logger, database.Path, safetyCopy);
        return safetyCopy;
    }

    private static void Attach(SqliteConnection connection, string path, string schema)
    {
        using var attach = connection.CreateCommand();
        attach.CommandText = $"ATTACH DATABASE $path AS {schema};";
        attach.Parameters.AddWithValue("$path", path);
        attach.ExecuteNonQuery();
    }

    private static void DropContent(SqliteConnection live)
    {
        // Triggers and views first (they refer to tables); indexes go with their tables.
        var objects = ConnectionQueries.Query(live, "SELECT type, name FROM main.sqlite_master WHERE type IN ('trigger', 'view', 'table') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' " +
                                  "ORDER BY CASE type WHEN 'trigger' THEN 0 WHEN 'view' THEN 1 ELSE 2 END", r => (Type: r.GetString(0), Name: r.GetString(1)));
        foreach (var (type, name) in objects)
        {
            Execute(live, $"DROP {type.ToUpperInvariant()} IF EXISTS main.{Quote(name)};");
        }

        if (HasSequence(live, "main"))
        {
            Execute(live, "DELETE FROM main.sqlite_sequence;");
        }
    }

    /// <summary>Copies every table, its rows (rowids kept), indexes, views, triggers and counters between two schemas.</summary>
    private static void CopyContent(SqliteConnection connection, string from, string to)
    {
        var tables = ConnectionQueries.Query(connection, $"SELECT name, sql FROM {from}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid",
            r => (Name: r.GetString(0), Sql: r.GetString(1)));
        foreach (var (name, sql) in tables)
        {
            Execute(connection, InSchema(sql, to));
            // Generated columns are computed, not copied; rowids are kept (rows may be referred to by them).
            var columns = ConnectionQueries.Query(connection, $"SELECT name FROM pragma_table_xinfo({Literal(name)}, '{from}') WHERE hidden = 0 ORDER BY cid", r => Quote(r.GetString(0)));
            var withRowid = ConnectionQueries.Query(connection, $"SELECT wr FROM pragma_table_list WHERE schema = '{from}' AND name = {Literal(name)}", r => r.GetInt64(0)).FirstOrDefault() == 0;
            var list = string.Join(", ", withRowid ? columns.Prepend("_rowid_") : columns);
            Execute(connection, $"INSERT INTO {to}.{Quote(name)} ({list}) SELECT {list} FROM {from}.{Quote(name)};");
        }

        var others = ConnectionQueries.Query(connection, $"SELECT sql FROM {from}.sqlite_master WHERE type IN ('index', 'view', 'trigger') AND sql IS NOT NULL ORDER BY rowid", r => r.GetString(0));
        foreach (var sql in others)
        {
            Execute(connection, InSchema(sql, to));
        }

        // Counters of tables that no longer exist (every AUTOINCREMENT table reverted) have no home.
        if (HasSequence(connection, from) && HasSequence(connection, to))
        {
            Execute(connection, $"DELETE FROM {to}.sqlite_sequence; INSERT INTO {to}.sqlite_sequence (name, seq) SELECT name, seq FROM {from}.sqlite_sequence;");
        }

        var userVersion = ConnectionQueries.Query(connection, $"PRAGMA {from}.user_version", r => r.GetInt64(0))[0];
        Execute(connection, $"PRAGMA {to}.user_version = {userVersion};");
    }

    private static bool HasSequence(SqliteConnection connection, string schema) =>
        ConnectionQueries.Query(connection, $"SELECT 1 FROM {schema}.sqlite_master WHERE name = 'sqlite_sequence'", r => r.GetInt64(0)).Count > 0;

    // "CREATE TABLE t (...)" as stored, made to create t in the given schema.
    private static string InSchema(string createSql, string schema) =>
        CreatePrefix().Replace(createSql, match => match.Value + schema + ".", 1);

    private static string SetAside(DatabaseFile database)
    {
        var aside = $"{database.Path}.damaged-{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}";
        foreach (var suffix in DatabaseFile.SideFileSuffixes.Prepend(string.Empty))
        {
            if (File.Exists(database.Path + suffix))
            {
                File.Move(database.Path + suffix, aside + suffix);
            }
        }

        return aside;
    }

    private static void PutBack(DatabaseFile database, string aside)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in DatabaseFile.SideFileSuffixes.Prepend(string.Empty))
        {
            if (File.Exists(aside + suffix))
            {
                File.Move(aside + suffix, database.Path + suffix, overwrite: true);
            }
            else
            {
                File.Delete(database.Path + suffix);
            }
        }
    }

    private static string Reason(Exception ex) => (ex is MigrationException { InnerException: SqliteException inner } ? inner.Message : ex.Message).TrimEnd('.');

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string name) => "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void TryExecute(SqliteConnection connection, string sql)
    {
        try
        {
            Execute(connection, sql);
        }
        catch (SqliteException)
        {
            // Already rolled back by SQLite (e.g. after SQLITE_FULL), or nothing to detach.
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*CREATE\s+(?:UNIQUE\s+)?(?:TABLE|INDEX|VIEW|TRIGGER)\s+(?:IF\s+NOT\s+EXISTS\s+)?", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex CreatePrefix();

}
