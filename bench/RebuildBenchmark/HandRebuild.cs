using Microsoft.Data.Sqlite;

namespace OpenRouterConsole.Migrations.RebuildBenchmark;

/// <summary>
/// The baseline: SQLite's 12 steps for the messages rebuild, written by hand over Microsoft.Data.Sqlite,
/// recording the version as the runner does (one VersionInfo row), all in one transaction.
/// </summary>
internal static class HandRebuild
{
    public static void Run(string path)
    {
        // Step 1: foreign keys off, before the transaction.
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, ForeignKeys = false, Pooling = false }.ConnectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction(); // step 2
        using var command = connection.CreateCommand();
        command.Transaction = transaction;

        // Step 3: remember the table's indexes.
        command.CommandText = "SELECT sql FROM sqlite_master WHERE tbl_name = 'messages' AND type IN ('index', 'trigger') AND sql IS NOT NULL";
        var dependents = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                dependents.Add(reader.GetString(0));
            }
        }

        command.CommandText = """
            CREATE TABLE messages__new (
                id TEXT PRIMARY KEY,
                session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                role TEXT NOT NULL CHECK(role IN ('system','developer','user','assistant','tool')),
                content TEXT NOT NULL,
                created_at TEXT DEFAULT (datetime('now'))
            );
            INSERT INTO messages__new (rowid, id, session_id, role, content, created_at)
                SELECT rowid, id, session_id, role, content, created_at FROM messages;
            DROP TABLE messages;
            ALTER TABLE messages__new RENAME TO messages;
            """; // steps 4 to 7
        command.ExecuteNonQuery();
        foreach (var sql in dependents)
        {
            command.CommandText = sql; // step 8
            command.ExecuteNonQuery();
        }

        command.CommandText = "SELECT count(*) FROM pragma_foreign_key_check"; // step 10
        if (Convert.ToInt64(command.ExecuteScalar()) != 0)
        {
            throw new InvalidOperationException("foreign key violations");
        }

        command.CommandText = "INSERT INTO VersionInfo (Version, AppliedOn, Description) VALUES (4, strftime('%Y-%m-%dT%H:%M:%S', 'now'), 'Allow the developer role in messages')";
        command.ExecuteNonQuery();
        transaction.Commit(); // step 11
    }
}
