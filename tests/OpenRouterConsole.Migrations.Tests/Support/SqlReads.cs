using System.Globalization;
using Microsoft.Data.Sqlite;

namespace OpenRouterConsole.Migrations.Tests.Support;

/// <summary>One-value reads over an open connection (a backup, a generated file) that tests assert on.</summary>
public static class SqlReads
{
    /// <summary>The first column of the first row, converted to <typeparamref name="T"/> (SQLite's integers are longs).</summary>
    public static T Scalar<T>(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), CultureInfo.InvariantCulture);
    }
}
