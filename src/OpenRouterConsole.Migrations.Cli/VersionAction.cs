using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace OpenRouterConsole.Migrations.Cli;

/// <summary>
/// Prints this tool's version. The built-in --version reads the entry assembly, which is the test
/// host when the CLI runs in-process, so the tool names its own assembly instead.
/// </summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    public static string Version { get; } = ReadVersion();

    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(Version);
        return ExitCodes.Success;
    }

    private static string ReadVersion()
    {
        var assembly = typeof(VersionAction).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";

        // Drop the "+<commit>" build metadata the SDK appends; users want the release number.
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
