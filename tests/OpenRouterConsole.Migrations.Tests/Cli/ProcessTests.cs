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

    private static CliResult RunTool(params string[] args) => ToolProcess.Run(args);
}
