namespace OpenRouterConsole.Migrations.Tests.Cli;

/// <summary>What one run of the tool printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public IReadOnlyList<string> StdoutLines => Lines(Stdout);

    public IReadOnlyList<string> StderrLines => Lines(Stderr);

    /// <summary>The path printed on the "Backup: ..." line, if any.</summary>
    public string? BackupPath =>
        StdoutLines.Where(l => l.StartsWith("Backup: ", StringComparison.Ordinal)).Select(l => l["Backup: ".Length..]).SingleOrDefault();

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}--- stderr\n{Stderr}";

    private static string[] Lines(string text) => text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
