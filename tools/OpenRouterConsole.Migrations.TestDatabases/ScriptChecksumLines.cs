using OpenRouterConsole.Migrations.Runner.Integrity;

namespace OpenRouterConsole.Migrations.TestDatabases;

/// <summary>
/// The <c>migrations.sum</c> checksum of script files, computed by the runner's own
/// <see cref="ScriptChecksums.Compute"/>: the build's NewMigration and UpdateMigrationSums ask for it
/// here, since Cake compiles its script before the runner is built and so cannot call it.
/// </summary>
public static class ScriptChecksumLines
{
    /// <summary>One line per file, <c>&lt;sha256&gt;  &lt;file&gt;</c> as sha256sum prints it, the file named as given.</summary>
    public static IEnumerable<string> For(IEnumerable<string> files) =>
        files.Select(file => $"{ScriptChecksums.Compute(File.ReadAllText(file))}  {file}");
}
