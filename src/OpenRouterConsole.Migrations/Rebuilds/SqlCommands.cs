using System.Data;

namespace OpenRouterConsole.Migrations.Rebuilds;

/// <summary>Commands on the migration's own connection and transaction, with positional parameters @p0, @p1, ...</summary>
internal sealed class SqlCommands(IDbConnection connection, IDbTransaction? transaction)
{
    public void Execute(string sql, params object?[] parameters)
    {
        using var command = Create(sql, parameters);
        command.ExecuteNonQuery();
    }

    public object? Scalar(string sql, params object?[] parameters)
    {
        using var command = Create(sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    /// <summary>The first three columns of each row, as text.</summary>
    public IReadOnlyList<(string Type, string Name, string Sql)> Rows(string sql, params object?[] parameters)
    {
        using var command = Create(sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, string)>();
        while (reader.Read())
        {
            rows.Add((Text(reader, 0), Text(reader, 1), Text(reader, 2)));
        }

        return rows;
    }

    private static string Text(IDataRecord record, int i) =>
        record.IsDBNull(i) ? string.Empty : Convert.ToString(record.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;

    private IDbCommand Create(string sql, object?[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i;
            parameter.Value = parameters[i] ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
