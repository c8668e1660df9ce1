using System.Diagnostics;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Cli;

/// <summary>The built tool as a child process: real exit codes and real stdout/stderr.</summary>
public sealed class ProcessTests
{
    private static string ToolPath => Path.Combine(TestContext.CurrentContext.TestDirectory, "OpenRouterConsole.Migrations.Cli.dll");

    [Test]
    public void ChildProcess_MigrateThenUnknownVerb_ExitCodesAndStreams()
    {
        using var database = new TestDatabase();

        var migrated = RunTool("migrate", "-c", database.ConnectionString);
        var before = database.Bytes();
        var unknown = RunTool("frobnicate", "-c", database.ConnectionString);

        migrated.ShouldSucceed();
        migrated.StdoutLines[^1].ShouldBe("Version: 0 -> 2");
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

    private static CliResult RunTool(params string[] args)
    {
        File.Exists(ToolPath).ShouldBeTrue($"The CLI should be built beside the tests: {ToolPath}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ToolPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Keep the child from inheriting a connection string that some other test set.
        start.Environment.Remove("ConnectionStrings__Console");

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit(TimeSpan.FromSeconds(60)).ShouldBeTrue("the tool should finish within a minute");
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
