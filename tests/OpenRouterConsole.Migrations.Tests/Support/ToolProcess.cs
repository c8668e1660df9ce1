using System.Diagnostics;
using OpenRouterConsole.Migrations.Tests.Cli;

namespace OpenRouterConsole.Migrations.Tests.Support;

/// <summary>The built command-line tool (copied beside the tests) run as a real child process.</summary>
public static class ToolProcess
{
    public static string ToolPath => Path.Combine(TestContext.CurrentContext.TestDirectory, "OpenRouterConsole.Migrations.Cli.dll");

    /// <summary>Starts the tool with redirected output; the caller waits, reads or kills it.</summary>
    public static Process Start(params string[] args)
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
        Shell.WithDefaultSigint(start);
        return Process.Start(start)!;
    }

    public static CliResult Run(params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit(TimeSpan.FromSeconds(120)).ShouldBeTrue("the tool should finish within two minutes");
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
