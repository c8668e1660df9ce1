using Npgsql;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Runner.Postgres;
using OpenRouterConsole.Migrations.Runner.Schema;

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

    public ConsoleMigrator Migrator(Action<MigrationOptions>? configure = null)
    {
        var options = new MigrationOptions { ConnectionString = ConnectionString, BackupEnabled = false };
        configure?.Invoke(options);
        return new ConsoleMigrator(options);
    }

    public MigrationReport MigrateToLatest() => Migrator().Migrate();

    public MigrationReport MigrateTo(long version) => Migrator().Migrate(version);

    public MigrationReport RollbackTo(long version) => Migrator().Rollback(RollbackTarget.To(version));

    public IReadOnlyList<long> RecordedVersions() =>
        Scalar<bool>("SELECT to_regclass('\"VersionInfo\"') IS NOT NULL")
            ? Column<long>("SELECT \"Version\" FROM \"VersionInfo\" ORDER BY 1")
            : [];

    internal SchemaSnapshot Schema()
    {
        using var connection = Open();
        return PostgresSchemaReader.Read(connection, schema: null);
    }

    /// <summary>
    /// The committed seed data (tests/fixtures/seed_data.sql, for the latest schema); its one SQLite-only
    /// line, which moves the AUTOINCREMENT sequence past a deleted profile, becomes setval on the identity.
    /// </summary>
    public void Seed() =>
        Execute(Fixtures.Read(Fixtures.SeedData).Replace(
            "UPDATE sqlite_sequence SET seq = 8 WHERE name = 'profiles';",
            "SELECT setval(pg_get_serial_sequence('profiles', 'id'), 8);",
            StringComparison.Ordinal));

    /// <summary>The value the identity of profiles.id hands out next, read without consuming it.</summary>
    public long NextProfileId() =>
        Scalar<long>("SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM " +
                     "(SELECT last_value, is_called FROM profiles_id_seq) s");

    /// <summary>Everything in the application tables, as text, to compare before and after.</summary>
    public string Content() =>
        string.Join("\n", new[] { "models", "profiles", "sessions", "messages", "usage_logs" }.Select(table =>
            table + ": " + string.Join(" | ", Column<string>($"SELECT t::text FROM (SELECT id, to_jsonb(x) - 'openrouter_preset' AS t FROM {table} x) q ORDER BY id"))));

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
