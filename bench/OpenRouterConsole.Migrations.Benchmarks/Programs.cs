using System.Diagnostics;
using System.Runtime.InteropServices;

namespace OpenRouterConsole.Migrations.Benchmarks;

/// <summary>
/// Builds the programs the whole-process cases start, each as users or developers get it:
/// <list type="bullet">
/// <item>the tool as installed: packed (RID-specific tool package, ReadyToRun) and installed with
/// <c>dotnet tool install --tool-path</c>, started through the command it installs;</item>
/// <item>the tool's <c>dotnet build</c> output (what <c>dotnet run</c> runs: IL only, JIT);</item>
/// <item>the plain baseline, the empty console and the peers (bench/BenchPrograms.sln), each as a
/// <c>dotnet build</c> output (JIT) and, unless smoke, a <c>dotnet publish</c> output (ReadyToRun) —
/// built by the same build/ConsoleStartup.props as the tool, and started the same way (apphost).</item>
/// </list>
/// </summary>
internal sealed class Programs(string repositoryRoot, string artifactsDirectory, bool readyToRun)
{
    private const string ToolPackage = "OpenRouterConsole.Migrations.Cli";
    private const string ToolCommand = "orc-migrate";

    // A version of its own, so that no cached 1.0.0 package (NuGet's cache is keyed by id and version) is installed instead.
    private const string BenchToolVersion = "1.0.0-bench";

    private static readonly string Rid = RuntimeInformation.RuntimeIdentifier;

    private string ToolDirectory => Path.Combine(artifactsDirectory, "tool");

    public bool ReadyToRun => readyToRun;

    public string InstalledTool => Existing(Path.Combine(ToolDirectory, ToolCommand));

    public string ToolJit => Existing(Path.Combine(repositoryRoot, "src", ToolPackage, "bin", "Release", "net10.0", ToolPackage));

    /// <summary>A program of bench/BenchPrograms.sln: its build output (JIT) or its publish output (ReadyToRun).</summary>
    public string Bench(string projectDirectory, bool publish)
    {
        var name = Path.GetFileName(projectDirectory);
        var output = Path.Combine(repositoryRoot, "bench", projectDirectory, "bin", "Release", "net10.0");
        return Existing(publish ? Path.Combine(output, Rid, "publish", name) : Path.Combine(output, name));
    }

    public void BuildAll()
    {
        Dotnet("build bench programs (JIT)", "build", "bench/BenchPrograms.sln", "-c", "Release", "--nologo", "-v", "q");
        if (readyToRun)
        {
            Dotnet("publish bench programs (ReadyToRun)", "publish", "bench/BenchPrograms.sln", "-c", "Release", "--nologo", "-v", "q");
        }

        var packages = Path.Combine(artifactsDirectory, "packages");
        var nugetCache = Path.Combine(artifactsDirectory, "tool-nuget-cache");
        foreach (var directory in new[] { packages, nugetCache, ToolDirectory })
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        // Pack builds the tool (bin/Release/net10.0: the JIT build) and its RID-specific packages.
        Dotnet("pack the tool", "pack", $"src/{ToolPackage}", "-c", "Release", "-o", packages, $"-p:PackageVersion={BenchToolVersion}", "--nologo", "-v", "q");
        // A cache of its own: the install then takes the package just packed.
        Dotnet("install the tool", new Dictionary<string, string> { ["NUGET_PACKAGES"] = nugetCache },
            "tool", "install", ToolPackage, "--tool-path", ToolDirectory, "--add-source", packages, "--version", BenchToolVersion);
    }

    private void Dotnet(string title, params string[] arguments) => Dotnet(title, new Dictionary<string, string>(), arguments);

    private void Dotnet(string title, Dictionary<string, string> environment, params string[] arguments)
    {
        var clock = Stopwatch.StartNew();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed:\n{stdout.Result}{stderr.Result}");
        }

        Console.WriteLine($"{title}: {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static string Existing(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: run without --no-build first.");
}
