using System.Collections.Concurrent;
using Npgsql;
using OpenRouterConsole.Migrations.Runner.Schema;

namespace OpenRouterConsole.Migrations.Runner.Postgres;

/// <summary>
/// The schema PostgreSQL's scripts produce for a set of versions, computed on the server itself (never
/// from a stored copy): inside a transaction that is always rolled back, the up scripts run into a
/// scratch schema, which is read and vanishes with the rollback. Cached per process.
/// </summary>
internal static class PostgresExpectedSchema
{
    private static readonly ConcurrentDictionary<string, SchemaSnapshot> Cache = new();

    public static SchemaSnapshot For(NpgsqlConnection connection, IReadOnlyCollection<long> versions)
    {
        var ordered = versions.Order().ToArray();
        return Cache.GetOrAdd(string.Join(",", ordered), _ => Build(connection, ordered));
    }

    private static SchemaSnapshot Build(NpgsqlConnection connection, long[] versions)
    {
        if (versions.Length == 0)
        {
            return SchemaSnapshot.Empty;
        }

        var scratch = "orc_expected_" + Guid.NewGuid().ToString("N");
        using var transaction = connection.BeginTransaction();
        Execute(connection, $"CREATE SCHEMA {scratch}; SET LOCAL search_path = {scratch}");
        foreach (var version in versions)
        {
            Execute(connection, UpScript(version));
        }

        var schema = PostgresSchemaReader.Read(connection, scratch);
        transaction.Rollback();
        return schema;
    }

    private static string UpScript(long version)
    {
        var prefix = $"{PostgresDatabase.ScriptFolderName}.{version:000}_";
        var name = MigrationsAssembly.Assembly.GetManifestResourceNames()
            .Single(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal) && !n.EndsWith("_down.sql", StringComparison.Ordinal));
        using var stream = MigrationsAssembly.Assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
