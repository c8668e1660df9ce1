using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Cli;

/// <summary>The built tool as a child process: real exit codes and real stdout/stderr.</summary>
public sealed class ProcessTests
{
    [Test]
    public void ChildProcess_MigrateThenUnknownVerb_ExitCodesAndStreams()
    {
        using var database = new TestDatabase();

        var migrated = RunTool("migrate", "-c", database.ConnectionString);
        var before = database.Bytes();
        var unknown = RunTool("frobnicate", "-c", database.ConnectionString);

        migrated.ShouldSucceed();
        migrated.StdoutLines[^1].ShouldBe($"Version: 0 -> {Versions.Latest}");
        unknown.ShouldFailWith(2, "Unrecognized command or argument 'frobnicate'.");
        database.Bytes().ShouldBe(before);
    }

    [Test]
    public void ChildProcess_NotASqliteFile_ExitsOneWithOneLine()
    {
        using var database = new TestDatabase();
        File.WriteAllText(database.Path, "not a database");

        var result = RunTool("migrate", "-c", database.ConnectionString);

        result.ShouldFailWith(1, $"'{database.Path}' is not a SQLite database.");
        File.ReadAllText(database.Path).ShouldBe("not a database");
    }

    [Test]
    public void ChildProcess_WaitingForTheLock_SaysSoOnStderrWhileItWaits()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        var held = new FileStream(database.Path + ".migrate.lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        using var process = ToolProcess.Start("migrate", "--no-backup", "--timeout", "60", "-c", database.ConnectionString);

        // Read while the lock is still held: the line must come before the wait ends, not after.
        var firstLine = process.StandardError.ReadLineAsync();
        firstLine.Wait(TimeSpan.FromSeconds(30)).ShouldBeTrue("the waiting line should appear while the tool waits");
        held.Dispose();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit(TimeSpan.FromMinutes(1)).ShouldBeTrue();

        firstLine.Result.ShouldBe($"warning: Waiting for the migration lock on '{database.Path}', held by another process.");
        process.ExitCode.ShouldBe(0, stdout);
        stdout.ShouldContain("for another process's migration lock.");
        database.RecordedVersions().ShouldBe(Versions.All);
    }

    private static CliResult RunTool(params string[] args) => ToolProcess.Run(args);
}
