using System.Data.Common;

namespace OpenRouterConsole.Migrations.Runner.Schema;

/// <summary>Reads the rows of one query into a list; the schema readers of both providers and the restore use it.</summary>
internal static class ConnectionQueries
{
    public static List<T> Query<T>(this DbConnection connection, string sql, Func<DbDataReader, T> map)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
