using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.RebuildExamples;
using OpenRouterConsole.Migrations.Runner;

namespace OpenRouterConsole.Migrations.RebuildBenchmark;

/// <summary>A database at version 3 of the rebuild examples, with the given number of messages (one session per ten).</summary>
internal static class Seed
{
    public static void Write(string path, int messages)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString;
        new ConsoleMigrator(new MigrationOptions { ConnectionString = connectionString, MigrationAssembly = RebuildExamplesAssembly.Assembly, BackupEnabled = false })
            .Migrate(3);
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        var sessions = Math.Max(1, messages / 10);
        command.CommandText = $"""
            BEGIN;
            INSERT INTO profiles (name) VALUES ('Profile 1'), ('Profile 2');
            INSERT INTO sessions (id, session_type, title, profile_id)
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {sessions})
            SELECT 'session-' || i, 'chat', 'Session ' || i, 1 + i % 2 FROM n;
            INSERT INTO messages (id, session_id, role, content)
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {messages})
            SELECT 'message-' || i, 'session-' || (1 + i % {sessions}),
                   CASE i % 4 WHEN 0 THEN 'system' WHEN 1 THEN 'user' WHEN 2 THEN 'assistant' ELSE 'tool' END,
                   'Message body ' || i || ' with some realistic length to it, more or less.' FROM n;
            INSERT INTO usage_logs (id, session_id, profile_id, prompt_tokens)
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {sessions})
            SELECT 'usage-' || i, 'session-' || i, 1 + i % 2, i % 1000 FROM n;
            COMMIT;
            """;
        command.ExecuteNonQuery();
    }
}
