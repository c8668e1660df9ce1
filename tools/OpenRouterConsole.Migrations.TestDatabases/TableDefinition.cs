using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.Runner;

namespace OpenRouterConsole.Migrations.TestDatabases;

/// <summary>
/// A table's definition at the latest version, as SQLite stores it: its CREATE TABLE, then the
/// CREATE statements of its indexes and triggers. Read from a scratch database the real runner
/// migrates, so it is what a rebuild scaffold must start from (NewMigration --rebuild=TABLE).
/// </summary>
public static class TableDefinition
{
    public static IReadOnlyList<(string Type, string Sql)> AtLatestVersion(string table)
    {
        var folder = Path.Combine(Path.GetTempPath(), "orc-table-definition-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "scratch.db"), Pooling = false }.ConnectionString;
            new ConsoleMigrator(new MigrationOptions { ConnectionString = connectionString, BackupEnabled = false }).Migrate();
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT type, sql FROM sqlite_master WHERE tbl_name = $table AND sql IS NOT NULL ORDER BY type <> 'table', type, name";
            command.Parameters.AddWithValue("$table", table);
            var statements = new List<(string, string)>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    statements.Add((reader.GetString(0), reader.GetString(1)));
                }
            }

            if (statements.Count == 0 || statements[0].Item1 != "table")
            {
                throw new ArgumentException($"The latest schema has no table '{table}'.");
            }

            return statements;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
