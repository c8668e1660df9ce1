using Npgsql;
using OpenRouterConsole.Migrations.Runner.History;
using OpenRouterConsole.Migrations.Runner.Providers;
using OpenRouterConsole.Migrations.Runner.Schema;

namespace OpenRouterConsole.Migrations.Runner.Postgres;

/// <summary>
/// A console database on a PostgreSQL server. One dedicated, non-pooled connection holds the advisory
/// lock and does every read of ours, so the lock dies with it (a pooled connection would keep the lock
/// after Close until reused); FluentMigrator opens its own for the transaction.
/// </summary>
internal sealed class PostgresDatabase : IMigrationDatabase
{
    public const string ScriptFolderName = "Postgres";

    private readonly NpgsqlConnectionStringBuilder _settings;
    private NpgsqlConnection? _connection;

    private PostgresDatabase(string connectionString, NpgsqlConnectionStringBuilder settings)
    {
        SessionConnectionString = connectionString;
        _settings = settings;
        DisplayName = $"PostgreSQL database '{settings.Database}' on {settings.Host}:{settings.Port}";
    }

    public DatabaseProvider Provider => DatabaseProvider.Postgres;

    public string DisplayName { get; }

    public string ScriptFolder => ScriptFolderName;

    public string SessionConnectionString { get; }

    public NpgsqlConnectionStringBuilder Settings => _settings;

    /// <summary>Parses and checks a PostgreSQL connection string; throws <see cref="MigrationException"/> on bad input.</summary>
    public static PostgresDatabase Resolve(string connectionString)
    {
        NpgsqlConnectionStringBuilder settings;
        try
        {
            settings = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw MigrationException.Usage($"Malformed PostgreSQL connection string: {ex.Message}");
        }

        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            throw MigrationException.Usage("The PostgreSQL connection string names no server (Host=...).");
        }

        if (string.IsNullOrWhiteSpace(settings.Database))
        {
            throw MigrationException.Usage("The PostgreSQL connection string names no database (Database=...).");
        }

        return new PostgresDatabase(connectionString, settings);
    }

    public IHeldLock AcquireLock(TimeSpan timeout, Action<string> onWait, CancellationToken cancellationToken) =>
        PostgresAdvisoryLock.Acquire(Connection(), DisplayName, timeout, onWait, release: CloseConnection, cancellationToken);

    public DatabaseStatus ReadStatus() => new(DisplayName, true, PostgresMigrationHistory.Read(Connection()), ScriptFolderName);

    public SchemaSnapshot ReadSchema() => Explained(() => PostgresSchemaReader.Read(Connection(), schema: null), "read the schema of");

    public SchemaSnapshot ExpectedSchema(IReadOnlyCollection<long> versions) =>
        Explained(() => PostgresExpectedSchema.For(Connection(), versions), "compute the expected schema on");

    public string BackUp(long version, MigrationOptions options) => PostgresBackup.Create(_settings, DisplayName, version, options);

    public void Dispose() => CloseConnection();

    private void CloseConnection()
    {
        _connection?.Dispose();
        _connection = null;
    }

    private NpgsqlConnection Connection()
    {
        if (_connection is not null)
        {
            return _connection;
        }

        var own = new NpgsqlConnectionStringBuilder(_settings.ConnectionString) { Pooling = false };
        if (string.IsNullOrEmpty(own.ApplicationName))
        {
            // What a waiting process sees in pg_stat_activity when it names the lock's holder.
            own.ApplicationName = $"orc-migrate pid {Environment.ProcessId} on {Environment.MachineName}";
        }

        var connection = new NpgsqlConnection(own.ConnectionString);
        try
        {
            connection.Open();
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            connection.Dispose();
            throw MigrationException.Failed($"Cannot connect to {DisplayName}: {Describe(ex)}", ex);
        }

        _connection = connection;
        return connection;
    }

    private T Explained<T>(Func<T> read, string action)
    {
        try
        {
            return read();
        }
        catch (NpgsqlException ex)
        {
            throw MigrationException.Failed($"Cannot {action} {DisplayName}: {Describe(ex)}", ex);
        }
    }

    internal static string Describe(Exception ex) => ex is PostgresException pg ? pg.MessageText : ex.Message;
}
