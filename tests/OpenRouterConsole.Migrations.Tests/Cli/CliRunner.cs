using OpenRouterConsole.Migrations.Cli;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Cli;

/// <summary>Runs the tool in-process, as <c>orc-migrate</c> would from a shell.</summary>
public static class CliRunner
{
    public static CliResult Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = CliApplication.Run(args, stdout, stderr);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs against <paramref name="database"/>; -c goes last, to show options may follow the verb.</summary>
    public static CliResult Run(TestDatabase database, params string[] args) =>
        Run([.. args, "-c", database.ConnectionString]);

    /// <summary>A failure is one line "error: message" on stderr, nothing on stdout, and the exit code.</summary>
    public static void ShouldFailWith(this CliResult result, int exitCode, string message)
    {
        result.StderrLines.ShouldBe([$"error: {message}"], result.ToString());
        result.Stdout.ShouldBeEmpty(result.ToString());
        result.ExitCode.ShouldBe(exitCode, result.ToString());
    }

    public static void ShouldSucceed(this CliResult result)
    {
        result.Stderr.ShouldBeEmpty(result.ToString());
        result.ExitCode.ShouldBe(0, result.ToString());
    }
}
