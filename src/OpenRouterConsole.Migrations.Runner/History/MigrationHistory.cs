using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.Runner.Execution;
using OpenRouterConsole.Migrations.Runner.Schema;

namespace OpenRouterConsole.Migrations.Runner.History;

/// <summary>
/// Reads what a SQLite console database records (<c>VersionInfo</c>, with <c>MigrationChecksums</c>
/// through <see cref="DatabaseStatus"/>) and its live schema, without creating or touching the file.
/// The rows themselves are written inside the migration's transaction by <see cref="FluentMigratorSession"/>.
/// </summary>
internal static class MigrationHistory
{
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
            return VersionTable.Read(connection);
        }
        catch (SqliteException ex)
        {
            throw database.Explain(ex, "read");
        }
    }

    public static SchemaSnapshot ReadSchema(DatabaseFile database)
    {
        if (!database.HasContent)
        {
            return SchemaSnapshot.Empty;
        }

        try
        {
            using var connection = database.Open(SqliteOpenMode.ReadOnly);
            return SchemaSnapshot.Read(connection);
        }
        catch (SqliteException ex)
        {
            throw database.Explain(ex, "read the schema of");
        }
    }
}
