using System.Data.Common;

namespace OpenRouterConsole.Migrations.Runner.Providers;

/// <summary>Tells the provider from the connection string: <c>Host=</c> means PostgreSQL, anything else SQLite.</summary>
public static class DatabaseProviders
{
    private static readonly string[] PostgresKeys = ["Host", "Server"];

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
