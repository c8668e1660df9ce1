using Npgsql;

namespace OpenRouterConsole.Migrations.Tests.Support;

/// <summary>
/// A fresh, empty database of its own on the test server (<see cref="PostgresServer"/>), dropped with
/// the test. Connections to it are not pooled, so none outlives the test.
/// </summary>
public sealed class PostgresTestDatabase : IDisposable
{
    public PostgresTestDatabase()
    {
        Name = "orc_t_" + Guid.NewGuid().ToString("N");
        using (var admin = PostgresServer.OpenAdministrative())
        {
            Execute(admin, $"CREATE DATABASE {Name}");
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(PostgresServer.RequireConnectionString())
        {
            Database = Name,
            Pooling = false,
        }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public NpgsqlConnection Open()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public void Execute(string sql)
    {
        using var connection = Open();
        Execute(connection, sql);
    }

    public T Scalar<T>(string sql)
    {
        using var connection = Open();
        using var command = new NpgsqlCommand(sql, connection);
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public IReadOnlyList<T> Column<T>(string sql)
    {
        using var connection = Open();
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var values = new List<T>();
        while (reader.Read())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    public void Dispose()
    {
        using var admin = PostgresServer.OpenAdministrative();
        // FORCE ends sessions a test left behind (a killed child's backend, a waiting process).
        Execute(admin, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
