using Npgsql;

namespace OpenRouterConsole.Migrations.Tests.Support;

/// <summary>
/// The PostgreSQL server the tests run against: the connection string in <c>ORC_TEST_POSTGRES</c>,
/// set by <c>build/postgres-test-server.sh start</c> (and by <c>.ci/run</c>). Without it, PostgreSQL
/// tests are ignored locally and fail in CI (<c>CI=true</c>), so CI can never pass them by skipping.
/// </summary>
public static class PostgresServer
{
    public const string Category = "Postgres";
    public const string VariableName = "ORC_TEST_POSTGRES";

    private static int announcedSkip;

    public const string HowToRun =
        "PostgreSQL tests need a server: eval \"$(build/postgres-test-server.sh start)\" (exports " + VariableName + "), then dotnet test.";

    /// <summary>The server's connection string, or ignores (locally) / fails (CI) the current test.</summary>
    public static string RequireConnectionString()
    {
        var connectionString = Environment.GetEnvironmentVariable(VariableName);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"CI=true but {VariableName} is not set: PostgreSQL tests must run in CI. " + HowToRun);
        }

        // dotnet test does not print ignore reasons; it does print TestContext.Error, so say it once per run.
        if (Interlocked.Exchange(ref announcedSkip, 1) == 0)
        {
            TestContext.Error.WriteLine(HowToRun);
        }

        Assert.Ignore(HowToRun);
        return null!; // unreachable: Assert.Ignore throws
    }

    /// <summary>An administrative connection to the server's own database (creates and drops test databases).</summary>
    public static NpgsqlConnection OpenAdministrative()
    {
        var builder = new NpgsqlConnectionStringBuilder(RequireConnectionString()) { Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        return connection;
    }
}
