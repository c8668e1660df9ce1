using System.Data.Common;

namespace OpenRouterConsole.Migrations.Runner.Providers;

/// <summary>Tells the provider from the connection string: <c>Host=</c> means PostgreSQL, anything else SQLite.</summary>
public static class DatabaseProviders
{
    private static readonly string[] PostgresKeys = ["Host", "Server"];

    /// <summary>
    /// True for a PostgreSQL connection string. The cheap text test first: the start-up fast path on
    /// SQLite pays no connection-string parse.
    /// </summary>
    internal static bool IsPostgres(string connectionString) =>
        (connectionString.Contains("host", StringComparison.OrdinalIgnoreCase) || connectionString.Contains("server", StringComparison.OrdinalIgnoreCase))
        && Detect(connectionString) == DatabaseProvider.Postgres;

    /// <summary>
    /// The provider a connection string names: PostgreSQL when it has a <c>Host</c> or <c>Server</c>
    /// key, SQLite otherwise (also when it cannot be parsed: SQLite's parser then says what is wrong).
    /// </summary>
    public static DatabaseProvider Detect(string connectionString)
    {
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            // Left to the SQLite parser, whose message names the fault.
            return DatabaseProvider.Sqlite;
        }

        return PostgresKeys.Any(builder.ContainsKey) ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
    }
}
