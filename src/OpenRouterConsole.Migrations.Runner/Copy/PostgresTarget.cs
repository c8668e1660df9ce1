using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace OpenRouterConsole.Migrations.Runner.Copy;

/// <summary>
/// The PostgreSQL database a copy goes to: its connection string checked, connections opened with a
/// one-sentence error for each way that fails, and what it already holds read from its catalogue.
/// </summary>
internal sealed class PostgresTarget
{
    private PostgresTarget(NpgsqlConnectionStringBuilder settings)
    {
        Settings = settings;
    }

    public NpgsqlConnectionStringBuilder Settings { get; }

    /// <summary>Host, port, database and user: enough to say where the rows went, without the password.</summary>
    public string Description => $"{Settings.Host}:{Settings.Port}/{Settings.Database} (user {Settings.Username})";

    /// <summary>Never pooled: a killed or failed copy must not leave a session behind to be reused.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(Settings.ConnectionString) { Pooling = false, CommandTimeout = 0 }.ConnectionString;

    public static PostgresTarget Parse(string connectionString)
    {
        NpgsqlConnectionStringBuilder settings;
        try
        {
            settings = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            throw MigrationException.Usage(LooksLikeSqlite(connectionString)
                ? SqliteTargetMessage(connectionString)
                : $"Malformed PostgreSQL connection string for the target: {ex.Message}");
        }

        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            if (LooksLikeSqlite(connectionString))
            {
                throw MigrationException.Usage(SqliteTargetMessage(connectionString));
            }

            throw MigrationException.Usage("The target connection string names no server (Host=...).");
        }

        if (string.IsNullOrWhiteSpace(settings.Database))
        {
            // Npgsql would fall back to the user's name; the rows must go where the user said.
            throw MigrationException.Usage("The target connection string names no database (Database=...).");
        }

        return new PostgresTarget(settings);
    }

    public NpgsqlConnection Open()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            connection.Dispose();
            throw Explain(ex);
        }
    }

    /// <summary>One sentence for each way a connection fails: unreachable, wrong password, no such database.</summary>
    public MigrationException Explain(Exception error)
    {
        var server = $"{Settings.Host}:{Settings.Port}";
        return error switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword } =>
                MigrationException.Failed($"PostgreSQL at {server} refused the password for user '{Settings.Username}'; nothing was written.", error),
            PostgresException { SqlState: PostgresErrorCodes.InvalidAuthorizationSpecification } pg =>
                MigrationException.Failed($"PostgreSQL at {server} refused the login: {pg.MessageText}; nothing was written.", error),
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } =>
                MigrationException.Failed($"The database '{Settings.Database}' does not exist on {server}; create it first (CREATE DATABASE {Settings.Database}).", error),
            _ when error.Innermost() is SocketException or TimeoutException =>
                MigrationException.Failed($"Cannot reach the PostgreSQL server at {server}: {error.Innermost().Message.TrimEnd('.')}; nothing was written.", error),
            _ => MigrationException.Failed($"Cannot connect to PostgreSQL at {server}: {error.Innermost().Message.TrimEnd('.')}; nothing was written.", error),
        };
    }

    /// <summary>Which of <paramref name="tables"/> exist in the target's current schema, with their row counts.</summary>
    public static IReadOnlyDictionary<string, long> RowCounts(NpgsqlConnection connection, IEnumerable<string> tables)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            if (TableExists(connection, table))
            {
                using var command = new NpgsqlCommand($"SELECT count(*) FROM {TablePlan.Quote(table)}", connection);
                counts[table] = (long)command.ExecuteScalar()!;
            }
        }

        return counts;
    }

    /// <summary>Every table's columns in the current schema, from <c>information_schema</c>.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<TargetColumn>> ReadColumns(NpgsqlConnection connection)
    {
        const string sql = """
            SELECT table_name, column_name, data_type, is_identity = 'YES'
            FROM information_schema.columns
            WHERE table_schema = current_schema()
            ORDER BY table_name, ordinal_position
            """;
        var columns = new Dictionary<string, List<TargetColumn>>(StringComparer.Ordinal);
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var table = reader.GetString(0);
            if (!columns.TryGetValue(table, out var list))
            {
                columns[table] = list = [];
            }

            list.Add(new TargetColumn(reader.GetString(1), reader.GetString(2), reader.GetBoolean(3)));
        }

        return columns.ToDictionary(p => p.Key, p => (IReadOnlyList<TargetColumn>)p.Value, StringComparer.Ordinal);
    }

    private static bool TableExists(NpgsqlConnection connection, string table)
    {
        using var command = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @name)", connection);
        command.Parameters.AddWithValue("name", table);
        return (bool)command.ExecuteScalar()!;
    }

    private static string SqliteTargetMessage(string connectionString) =>
        $"The target '{connectionString}' is a SQLite database; copy moves a console to PostgreSQL: give --to \"Host=...;Database=...;Username=...\".";

    private static bool LooksLikeSqlite(string connectionString)
    {
        try
        {
            return !string.IsNullOrWhiteSpace(new SqliteConnectionStringBuilder(connectionString).DataSource);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            return false;
        }
    }
}
