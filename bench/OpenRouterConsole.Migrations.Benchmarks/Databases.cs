using System.Diagnostics;
using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.Runner;

namespace OpenRouterConsole.Migrations.Benchmarks;

/// <summary>
/// The databases the benchmark runs against, made by the runner itself (so VersionInfo and the
/// checksums are real) and cached under the artifacts folder: the seeded one takes a while to build.
/// </summary>
internal sealed class Databases(string artifactsDirectory)
{
    public string DataDirectory { get; } = Path.Combine(artifactsDirectory, "data");

    public string WorkDirectory { get; } = Path.Combine(artifactsDirectory, "work");

    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder { DataSource = path }.ConnectionString;

    /// <summary>An up-to-date database with a few rows; the migrate benchmarks leave it as it is.</summary>
    public string UpToDate() => Seeded(SeedSize.Warm, "uptodate.db");

    /// <summary>A database at the latest version filled with <paramref name="size"/> rows, cached between runs.</summary>
    public string Seeded(SeedSize size, string? fileName = null)
    {
        Directory.CreateDirectory(DataDirectory);
        var path = Path.Combine(DataDirectory, fileName ?? size.FileName);
        if (File.Exists(path))
        {
            return path;
        }

        var clock = Stopwatch.StartNew();
        var partial = path + ".partial";
        File.Delete(partial);
        new ConsoleMigrator(new MigrationOptions { ConnectionString = ConnectionString(partial), BackupEnabled = false }).Migrate();
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandTimeout = 0;
            command.CommandText = SeedSql(size);
            command.ExecuteNonQuery();
        }

        File.Move(partial, path);
        if (size != SeedSize.Warm)
        {
            Console.WriteLine($"Seeded {Path.GetFileName(path)} ({size}; {new FileInfo(path).Length / 1048576.0:0} MB) in {clock.Elapsed.TotalSeconds:0.0} s");
        }

        return path;
    }

    /// <summary>
    /// A database that <paramref name="migrate"/> (a peer's program) brings up to date itself, made
    /// afresh at every run so that it always holds the current scripts.
    /// </summary>
    public string MadeBy(string name, Action<string> migrate)
    {
        Directory.CreateDirectory(DataDirectory);
        var path = Path.Combine(DataDirectory, $"uptodate-{name}.db");
        Clean(path);
        migrate(path);
        return path;
    }

    /// <summary>Writes every dirty page and pending journal commit of the system to disk (sync(2)); Unix only, else nothing.</summary>
    public static void SettleDisk()
    {
        if (!OperatingSystem.IsWindows())
        {
            sync();
        }
    }

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern void sync();

    /// <summary>Copies a cached database to a work file and flushes it to disk, so that writeback does not land in a measurement.</summary>
    public string WorkCopy(string source, string name)
    {
        Directory.CreateDirectory(WorkDirectory);
        var path = Path.Combine(WorkDirectory, name);
        Clean(path);
        using (var from = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20))
        using (var to = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
        {
            from.CopyTo(to, 1 << 20);
            to.Flush(flushToDisk: true);
        }

        return path;
    }

    /// <summary>A database path with nothing there, nor any journal, lock or backup beside it.</summary>
    public string FreshPath(string name)
    {
        Directory.CreateDirectory(WorkDirectory);
        var path = Path.Combine(WorkDirectory, name);
        Clean(path);
        return path;
    }

    public static void Clean(string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(directory, Path.GetFileName(path) + "*"))
        {
            File.Delete(file);
        }
    }

    // Recursive CTEs in one transaction: a million rows take seconds, not minutes.
    private static string SeedSql(SeedSize size) => $"""
        BEGIN;
        INSERT INTO models (id, openrouter_id, name, context_length, pricing_prompt, pricing_completion, is_reasoning)
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50)
        SELECT 'model-' || i, 'vendor/model-' || i, 'Model ' || i, 8192 * i, 0.000001 * i, 0.000002 * i, i % 2 FROM n;

        INSERT INTO profiles (id, name, system_prompt, temperature, max_tokens, openrouter_preset)
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {size.Profiles})
        SELECT i, 'Profile ' || i, 'You are assistant number ' || i || '.', (i % 20) / 10.0, 512 * (1 + i % 8),
               CASE WHEN i % 3 = 0 THEN '@preset/p' || (i % 97) END FROM n;

        INSERT INTO sessions (id, session_type, title, profile_id)
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {size.Sessions})
        SELECT 'session-' || i, CASE i % 3 WHEN 0 THEN 'chat' WHEN 1 THEN 'compare' ELSE 'agent' END,
               'Session ' || i, CASE WHEN i % 10 = 0 THEN NULL ELSE 1 + (i % {size.Profiles}) END FROM n;

        INSERT INTO messages (id, session_id, role, content)
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {size.Messages})
        SELECT 'message-' || i, 'session-' || (1 + (i % {size.Sessions})),
               CASE i % 4 WHEN 0 THEN 'system' WHEN 1 THEN 'user' WHEN 2 THEN 'assistant' ELSE 'tool' END,
               'Message body ' || i || ' with some realistic length to it, more or less.' FROM n;

        INSERT INTO usage_logs (id, session_id, profile_id, model_id, prompt_tokens, completion_tokens, total_tokens, cost_usd)
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {size.UsageLogs})
        SELECT 'usage-' || i, 'session-' || (1 + (i % {size.Sessions})), 1 + (i % {size.Profiles}),
               CASE WHEN i % 7 = 0 THEN NULL ELSE 'model-' || (1 + i % 50) END,
               i % 1000, i % 500, i % 1000 + i % 500, (i % 1000) * 0.000001 FROM n;
        COMMIT;
        """;
}
