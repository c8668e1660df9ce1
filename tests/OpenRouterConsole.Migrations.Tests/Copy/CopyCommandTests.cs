using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Cli;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Copy;

/// <summary>The tool's <c>copy</c> verb: what it prints, its exit codes, and one sentence for each bad input.</summary>
[Category(PostgresServer.Category)]
public sealed class CopyCommandTests
{
    [Test]
    public void Copy_PrintsTheVerification_AndExitsZero()
    {
        using var source = Seeded();
        using var target = new PostgresTestDatabase();

        var result = CliRunner.Run("copy", "--from", source.ConnectionString, "--to", target.ConnectionString);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.StdoutLines[0].ShouldBe($"Source: {source.Path} (version {MigrationCatalog.Console.LatestVersion})");
        result.StdoutLines[1].ShouldEndWith($"/{target.Name} (user orc_test) (version 0 -> {MigrationCatalog.Console.LatestVersion})");
        result.Stdout.ShouldNotContain("Password");
        foreach (var table in source.ApplicationTables())
        {
            var count = source.Scalar<long>($"SELECT count(*) FROM {table}");
            result.StdoutLines.ShouldContain(l => l.StartsWith($"  {table} ", StringComparison.Ordinal) && l.EndsWith("  ok", StringComparison.Ordinal)
                                                  && l.Contains($" {count} ") , $"{table} line in\n{result}");
        }

        result.StdoutLines[^1].ShouldBe($"OK: all {source.ApplicationTables().Count} tables match on both sides; committed.");
        // Progress on stderr: each table announced and finished.
        result.StderrLines.ShouldContain("messages: copying 40 rows");
        result.StderrLines.ShouldContain(l => l.StartsWith("messages: 40 rows copied in ", StringComparison.Ordinal));
        CopiedRows.ShouldMatch(source, target);
    }

    [Test]
    public void Quiet_PrintsNoProgress()
    {
        using var source = Seeded();
        using var target = new PostgresTestDatabase();

        CliRunner.Run("copy", "--from", source.ConnectionString, "--to", target.ConnectionString, "--quiet").ShouldSucceed();
    }

    [Test]
    public void VerificationDifference_ExitsOne_AndLeavesTheTargetEmpty()
    {
        using var empty = new TestDatabase();
        empty.MigrateToLatest();
        using var target = new PostgresTestDatabase();
        CliRunner.Run("copy", "--from", empty.ConnectionString, "--to", target.ConnectionString, "-q").ShouldSucceed();
        target.Execute("""
            CREATE FUNCTION shift() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.cost_usd := NEW.cost_usd + 1; RETURN NEW; END $$;
            CREATE TRIGGER shift BEFORE INSERT ON usage_logs FOR EACH ROW EXECUTE FUNCTION shift();
            """);
        using var source = Seeded();

        var result = CliRunner.Run("copy", "--from", source.ConnectionString, "--to", target.ConnectionString, "-q");

        result.ExitCode.ShouldBe(1, result.ToString());
        result.StdoutLines.ShouldContain(l => l.StartsWith("  usage_logs ", StringComparison.Ordinal) && l.EndsWith("DIFFERENT", StringComparison.Ordinal));
        result.StdoutLines[^1].ShouldBe("DIFFERENT: usage_logs differ; the target's transaction was rolled back, it holds no console rows.");
        target.Scalar<long>("SELECT count(*) FROM usage_logs").ShouldBe(0);
        target.Scalar<long>("SELECT count(*) FROM sessions").ShouldBe(0);
    }

    [Test]
    public void SqliteTarget_IsAUsageError()
    {
        using var source = Seeded();
        using var other = new TestDatabase("other.db");

        CliRunner.Run("copy", "--from", source.ConnectionString, "--to", other.ConnectionString)
            .ShouldFailWith(2, $"The target '{other.ConnectionString}' is a SQLite database; copy moves a console to PostgreSQL: give --to \"Host=...;Database=...;Username=...\".");
        File.Exists(other.Path).ShouldBeFalse();
    }

    [Test]
    public void PostgresSource_IsAUsageError()
    {
        using var target = new PostgresTestDatabase();

        CliRunner.Run("copy", "--from", target.ConnectionString, "--to", target.ConnectionString)
            .ShouldFailWith(2, "The source names a PostgreSQL server (Host=...); copy reads the console's SQLite file: give --from \"Data Source=console.db\".");
    }

    [Test]
    public void NonConsoleSource_IsRefused()
    {
        using var source = new TestDatabase();
        source.Execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
        var bytes = source.Bytes();
        using var target = new PostgresTestDatabase();

        CliRunner.Run("copy", "--from", source.ConnectionString, "--to", target.ConnectionString)
            .ShouldFailWith(1, $"'{source.Path}' is not a console database: its schema matches no console version (closest is 0: table notes is not part of the schema). Nothing was written.");
        source.Bytes().ShouldBe(bytes);
        CopiedRows.TargetTables(target).ShouldBeEmpty();
    }

    [Test]
    public void SourceThatIsNotSqlite_IsRefused()
    {
        using var source = new TestDatabase();
        File.WriteAllText(source.Path, "these are notes, not a database, but long enough to have a header of sorts.......................");
        using var target = new PostgresTestDatabase();

        CliRunner.Run("copy", "--from", source.ConnectionString, "--to", target.ConnectionString)
            .ShouldFailWith(1, $"'{source.Path}' is not a SQLite database.");
        CopiedRows.TargetTables(target).ShouldBeEmpty();
    }

    [Test]
    public void UnreachableServer_IsRefused()
    {
        using var source = Seeded();
        var bytes = source.Bytes();

        CliRunner.Run("copy", "--from", source.ConnectionString, "--to", $"Host=127.0.0.1;Port={ClosedPort()};Database=console;Username=u;Password=p")
            .ShouldFailWith(1, $"Cannot reach the PostgreSQL server at 127.0.0.1:{ClosedPort()}: Connection refused; nothing was written.");
        source.Bytes().ShouldBe(bytes);
    }

    [Test]
    public void WrongPassword_IsRefused()
    {
        using var source = Seeded();
        using var target = new PostgresTestDatabase();
        var wrong = new Npgsql.NpgsqlConnectionStringBuilder(target.ConnectionString) { Password = "not-the-password" };

        CliRunner.Run("copy", "--from", source.ConnectionString, "--to", wrong.ConnectionString)
            .ShouldFailWith(1, $"PostgreSQL at {wrong.Host}:{wrong.Port} refused the password for user '{wrong.Username}'; nothing was written.");
        CopiedRows.TargetTables(target).ShouldBeEmpty();
    }

    [Test]
    public void MissingTargetDatabase_IsRefused()
    {
        using var source = Seeded();
        using var target = new PostgresTestDatabase();
        var missing = new Npgsql.NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = target.Name + "_missing" };

        CliRunner.Run("copy", "--from", source.ConnectionString, "--to", missing.ConnectionString)
            .ShouldFailWith(1, $"The database '{missing.Database}' does not exist on {missing.Host}:{missing.Port}; create it first (CREATE DATABASE {missing.Database}).");
    }

    [Test]
    public void OlderSource_IsRefused_ThenMigratedWithTheFlag()
    {
        using var source = new TestDatabase();
        var older = MigrationCatalog.Console.All[^2].Version;
        source.MigrateTo(older);
        using var target = new PostgresTestDatabase();

        CliRunner.Run("copy", "--from", source.ConnectionString, "--to", target.ConnectionString)
            .ShouldFailWith(1, $"'{source.Path}' is at version {older} but copy works at the latest version, {MigrationCatalog.Console.LatestVersion}; migrate it first ('migrate') or pass --migrate-source. Nothing was written.");

        var result = CliRunner.Run("copy", "--from", source.ConnectionString, "--to", target.ConnectionString, "--migrate-source", "--no-backup", "-q");
        result.ShouldSucceed();
        result.StdoutLines[0].ShouldBe($"Source: {source.Path} (migrated from version {older} to {MigrationCatalog.Console.LatestVersion})");
        source.Backups().ShouldBeEmpty();
    }

    [Test]
    public void PreviewIsRejected()
    {
        using var source = Seeded();
        CliRunner.Run("copy", "--from", source.ConnectionString, "--to", "Host=127.0.0.1;Database=x", "--preview")
            .ShouldFailWith(2, "'copy' does not take --preview.");
    }

    internal static TestDatabase Seeded()
    {
        var source = new TestDatabase();
        source.MigrateToLatest();
        source.ExecuteFixture(Fixtures.SeedData);
        return source;
    }

    // A port nothing listens on: bound and released by the test.
    private static int closedPort;

    private static int ClosedPort()
    {
        if (closedPort == 0)
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
        }

        return closedPort;
    }
}
