using System.Diagnostics;
using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.Runner;

namespace OpenRouterConsole.Migrations.CopyBenchmark;

/// <summary>
/// The source database: migrated by the runner (so VersionInfo is real), then filled with generated
/// rows in one transaction. Cached under the artifacts folder: the large one takes a while to build.
/// </summary>
internal static class CopySeed
{
    public static string Build(string directory, int profiles, int sessions, int messages, int usageLogs)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"copy-seed-p{profiles}-s{sessions}-m{messages}-u{usageLogs}.db");
        if (File.Exists(path))
        {
            return path;
        }

        var clock = Stopwatch.StartNew();
        var partial = path + ".partial";
        File.Delete(partial);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ConnectionString;
        new ConsoleMigrator(new MigrationOptions { ConnectionString = connectionString, BackupEnabled = false }).Migrate();
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandTimeout = 0;
            command.CommandText = $"""
                BEGIN;
                INSERT INTO models (id, openrouter_id, name, context_length, pricing_prompt, pricing_completion, is_reasoning)
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50)
                SELECT 'model-' || i, 'vendor/model-' || i, 'Model ' || i, 8192 * i, 0.000001 * i, 0.000002 * i, i % 2 FROM n;
                INSERT INTO profiles (id, name, system_prompt, temperature, max_tokens, openrouter_preset)
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {profiles})
                SELECT i, 'Profile ' || i, 'You are assistant number ' || i || '.', (i % 20) / 10.0, 512 * (1 + i % 8),
                       CASE WHEN i % 3 = 0 THEN '@preset/p' || (i % 97) END FROM n;
                INSERT INTO sessions (id, session_type, title, profile_id)
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {sessions})
                SELECT 'session-' || i, CASE i % 3 WHEN 0 THEN 'chat' WHEN 1 THEN 'compare' ELSE 'agent' END,
                       'Session ' || i, CASE WHEN i % 10 = 0 THEN NULL ELSE 1 + (i % {profiles}) END FROM n;
                INSERT INTO messages (id, session_id, role, content)
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {messages})
                SELECT 'message-' || i, 'session-' || (1 + (i % {sessions})),
                       CASE i % 4 WHEN 0 THEN 'system' WHEN 1 THEN 'user' WHEN 2 THEN 'assistant' ELSE 'tool' END,
                       'Message body ' || i || ' with some realistic length to it, more or less.' FROM n;
                INSERT INTO usage_logs (id, session_id, profile_id, model_id, prompt_tokens, completion_tokens, total_tokens, cost_usd)
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {usageLogs})
                SELECT 'usage-' || i, 'session-' || (1 + (i % {sessions})), 1 + (i % {profiles}),
                       CASE WHEN i % 7 = 0 THEN NULL ELSE 'model-' || (1 + i % 50) END,
                       i % 1000, i % 500, i % 1000 + i % 500, (i % 1000) * 0.000001 FROM n;
                COMMIT;
                """;
            command.ExecuteNonQuery();
        }

        File.Move(partial, path);
        Console.WriteLine($"Seeded {Path.GetFileName(path)} ({new FileInfo(path).Length / 1048576.0:0} MB) in {clock.Elapsed.TotalSeconds:0.0} s");
        return path;
    }
}
