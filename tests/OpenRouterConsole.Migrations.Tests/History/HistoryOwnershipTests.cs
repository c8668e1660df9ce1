using System.Text.RegularExpressions;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.History;

/// <summary>
/// The runner's code that reads or writes <c>VersionInfo</c> and <c>MigrationChecksums</c> lives in
/// Runner/History (the provider histories); elsewhere those tables are only named through its constants.
/// </summary>
public sealed class HistoryOwnershipTests
{
    // The tables' names in code (not in comments), and FluentMigrator's own version-row write.
    private static readonly Regex HistoryTableInCode = new(@"""[^""\n]*(VersionInfo|MigrationChecksums)|UpdateVersionInfo\(", RegexOptions.Compiled);

    [Test]
    public void RunnerCode_OutsideHistory_NeitherSpellsTheHistoryTablesNorWritesVersionRows()
    {
        var runner = RepositoryRoot.Combine("src", "OpenRouterConsole.Migrations.Runner");
        var history = Path.Combine(runner, "History") + Path.DirectorySeparatorChar;
        var offenders = Directory.GetFiles(runner, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.StartsWith(history, StringComparison.Ordinal) && !IsBuildOutput(file))
            .SelectMany(file => File.ReadLines(file)
                .Select((line, index) => (Line: line.Trim(), Number: index + 1))
                .Where(l => !l.Line.StartsWith("//", StringComparison.Ordinal) && HistoryTableInCode.IsMatch(l.Line))
                .Select(l => $"{Path.GetRelativePath(runner, file)}:{l.Number}: {l.Line}"))
            .ToArray();

        offenders.ShouldBeEmpty(string.Join(Environment.NewLine, offenders));
    }

    private static bool IsBuildOutput(string file) =>
        file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);
}
