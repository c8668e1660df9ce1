using System.Diagnostics;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Cli;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Hosting;

/// <summary>
/// The README's host wiring (tests/OpenRouterConsole.Migrations.TestHost: Host.CreateApplicationBuilder,
/// AddOpenRouterConsoleMigrations, RunWithConsoleMigrationsAsync) run as a real process, configured
/// the way an operator would: through environment variables.
/// </summary>
public sealed class HostProcessTests
{
    [Test]
    public void GoodDatabase_HostStartsAfterMigrating_ExitZero()
    {
        using var database = new TestDatabase();

        var result = RunHost(database);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldContain("Host started.");
        database.RecordedVersions().ShouldBe(MigrationCatalog.Console.All.Select(m => m.Version));
    }

    [Test]
    public void BeforeStart_SeedsOnTheLatestSchema_ThenTheHostStarts()
    {
        using var database = new TestDatabase();
        database.MigrateTo(MigrationCatalog.Console.All[^2].Version);

        var result = RunHost(database, ("TESTHOST_SEED", "1"));

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.IndexOf("Seeded.", StringComparison.Ordinal).ShouldBeLessThan(result.Stdout.IndexOf("Host started.", StringComparison.Ordinal));
        database.Scalar<string>("SELECT openrouter_preset FROM profiles WHERE name = 'seeded'").ShouldBe("fast");
    }

    [Test]
    public void FailingMigration_OneLineReasonFirst_NoStackTrace_ExitOne_FileUnchanged()
    {
        using var database = new TestDatabase();
        database.MigrateTo(MigrationCatalog.Console.All[^2].Version);
        database.FailWhenRecording(MigrationCatalog.Console.LatestVersion);
        var bytesBefore = database.Bytes();

        var result = RunHost(database, ("Migrations__BackupEnabled", "false"));

        result.ExitCode.ShouldBe(1, result.ToString());
        result.StderrLines[0].ShouldStartWith($"error: Migration {MigrationCatalog.Console.LatestVersion} ");
        result.StderrLines[0].ShouldContain("injected failure");
        result.StderrLines.Count.ShouldBe(1, result.ToString());
        result.Stdout.ShouldNotContain("Hosting failed to start");
        result.Stdout.ShouldNotContain("Host started.");
        (result.Stdout + result.Stderr).ShouldNotContain("Unhandled exception");
        (result.Stdout + result.Stderr).ShouldNotContain("   at ");
        database.Bytes().ShouldBe(bytesBefore);
    }

    [Test]
    public void InvalidSettingFromEnvironment_OneLineNamingIt_ExitTwo_NoFileCreated()
    {
        using var database = new TestDatabase();

        var result = RunHost(database, ("Migrations__BackupsToKeep", "-1"));

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StderrLines.ShouldHaveSingleItem().ShouldContain("Migrations:BackupsToKeep must be 0 or more, not -1");
        File.Exists(database.Path).ShouldBeFalse();
    }

    private static CliResult RunHost(TestDatabase database, params (string Name, string Value)[] environment)
    {
        using var process = StartHost(database, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit(TimeSpan.FromSeconds(60)).ShouldBeTrue("the host should finish within a minute");
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts the test host with redirected output, configured through <paramref name="environment"/>.</summary>
    public static Process StartHost(TestDatabase database, params (string Name, string Value)[] environment)
    {
        var hostPath = Path.Combine(TestContext.CurrentContext.TestDirectory, "OpenRouterConsole.Migrations.TestHost.dll");
        File.Exists(hostPath).ShouldBeTrue($"The test host should be built beside the tests: {hostPath}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = database.Directory,
        };
        start.ArgumentList.Add(hostPath);
        start.Environment["ConnectionStrings__Console"] = database.ConnectionString;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        Shell.WithDefaultSigint(start);
        return Process.Start(start)!;
    }
}
