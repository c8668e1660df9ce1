using System.Diagnostics;

namespace OpenRouterConsole.Migrations.Benchmarks;

/// <summary>
/// Publishes the tool, the baselines and this benchmark (for its child processes) with
/// <c>dotnet publish -c Release</c>, each with the settings in its own project file: the tool and the
/// baselines all import build/ConsoleStartup.props, so they are built and published alike.
/// </summary>
internal sealed class Publisher(string repositoryRoot, string artifactsDirectory)
{
    public string PublishDirectory { get; } = Path.Combine(artifactsDirectory, "publish");

    public string Tool => Dll("tool", "OpenRouterConsole.Migrations.Cli.dll");

    public string SqliteBaseline => Dll("sqlite-baseline", "SqliteBaseline.dll");

    public string EmptyConsole => Dll("empty-console", "EmptyConsole.dll");

    public string Bench => Dll("bench", "OpenRouterConsole.Migrations.Benchmarks.dll");

    public void PublishAll()
    {
        Publish("src/OpenRouterConsole.Migrations.Cli", "tool");
        Publish("bench/Baselines/SqliteBaseline", "sqlite-baseline");
        Publish("bench/Baselines/EmptyConsole", "empty-console");
        Publish("bench/OpenRouterConsole.Migrations.Benchmarks", "bench");
    }

    private string Dll(string name, string file)
    {
        var path = Path.Combine(PublishDirectory, name, file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: run without --no-publish first.");
    }

    private void Publish(string project, string name)
    {
        var clock = Stopwatch.StartNew();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "publish", project, "-c", "Release", "-o", Path.Combine(PublishDirectory, name), "--nologo", "-v", "q" })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish {project} failed:\n{stdout.Result}{stderr.Result}");
        }

        Console.WriteLine($"Published {project} -> {Path.GetRelativePath(repositoryRoot, Path.Combine(PublishDirectory, name))} in {clock.Elapsed.TotalSeconds:0.0} s");
    }
}
