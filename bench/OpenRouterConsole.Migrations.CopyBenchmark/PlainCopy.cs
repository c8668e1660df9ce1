using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace OpenRouterConsole.Migrations.CopyBenchmark;

/// <summary>
/// The baseline: the least a hand-written program needs to move the same rows. One transaction on the
/// target: the PostgreSQL up scripts, then for each table a plain Microsoft.Data.Sqlite reader feeding
/// an Npgsql binary COPY, typed by the column's declared type; commit. No checks, no verification.
/// </summary>
internal static class PlainCopy
{
    private static readonly string[] Tables = ["models", "profiles", "sessions", "messages", "usage_logs"];

    public static long Run(string sourcePath, string targetConnectionString)
    {
        using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sourcePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        source.Open();
        using var target = new NpgsqlConnection(targetConnectionString);
        target.Open();
        using var transaction = target.BeginTransaction();
        foreach (var script in typeof(PlainCopy).Assembly.GetManifestResourceNames().Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(typeof(PlainCopy).Assembly.GetManifestResourceStream(script)!);
            using var command = new NpgsqlCommand(reader.ReadToEnd(), target);
            command.ExecuteNonQuery();
        }

        long rows = 0;
        foreach (var table in Tables)
        {
            rows += CopyTable(source, target, table);
        }

        transaction.Commit();
        return rows;
    }

    private static long CopyTable(SqliteConnection source, NpgsqlConnection target, string table)
    {
        using var command = source.CreateCommand();
        command.CommandText = $"SELECT * FROM {table}";
        using var reader = command.ExecuteReader();
        var types = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetDataTypeName(i)).ToArray();
        var columns = string.Join(", ", Enumerable.Range(0, reader.FieldCount).Select(reader.GetName));
        using var importer = target.BeginBinaryImport($"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)");
        long rows = 0;
        while (reader.Read())
        {
            importer.StartRow();
            for (var i = 0; i < types.Length; i++)
            {
                if (reader.IsDBNull(i))
                {
                    importer.WriteNull();
                }
                else if (types[i] == "INTEGER")
                {
                    importer.Write(reader.GetInt64(i), NpgsqlDbType.Bigint);
                }
                else if (types[i] == "REAL")
                {
                    importer.Write(reader.GetDouble(i), NpgsqlDbType.Double);
                }
                else
                {
                    importer.Write(reader.GetString(i), NpgsqlDbType.Text);
                }
            }

            rows++;
        }

        importer.Complete();
        return rows;
    }
}
