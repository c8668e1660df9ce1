using OpenRouterConsole.Migrations.Runner.Integrity;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Build;

/// <summary>
/// <c>TestDatabases --script-checksums FILE...</c>, which the build's NewMigration and UpdateMigrationSums
/// run for their migrations.sum lines: the runner's own checksum, one <c>&lt;sha256&gt;  FILE</c> line per file.
/// </summary>
public sealed class TestDatabasesScriptChecksumsTests
{
    private static string ToolPath => Path.Combine(TestContext.CurrentContext.TestDirectory, "OpenRouterConsole.Migrations.TestDatabases.dll");

    [Test]
    public void ScriptChecksums_OfEveryCommittedScript_AreItsLinesInMigrationsSum()
    {
        var scriptsFolder = RepositoryRoot.Combine("src", "OpenRouterConsole.Migrations", "Scripts");
        var scripts = Directory.GetFiles(scriptsFolder, "*.sql", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        scripts.ShouldNotBeEmpty();

        var (exitCode, stdout, stderr) = RunTool(["--script-checksums", .. scripts]);

        exitCode.ShouldBe(0, stderr);
        var manifest = MigrationManifest.Parse(File.ReadAllText(RepositoryRoot.Combine("src", "OpenRouterConsole.Migrations", "migrations.sum")));
        var expected = scripts.Select(script =>
            $"{manifest[$"{Path.GetFileName(Path.GetDirectoryName(script))}.{Path.GetFileName(script)}"]}  {script}");
        stdout.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').ShouldBe(expected);
    }

    [Test]
    public void ScriptChecksums_OfACrlfScript_IsTheRunnersChecksumOfItsText()
    {
        var script = Path.Combine(Path.GetTempPath(), $"orc-checksum-{Guid.NewGuid():N}.sql");
        File.WriteAllText(script, "CREATE TABLE tags (id INTEGER);\r\nDROP TABLE tags;\r\n");
        try
        {
            var (exitCode, stdout, stderr) = RunTool(["--script-checksums", script]);

            exitCode.ShouldBe(0, stderr);
            stdout.TrimEnd().ShouldBe($"{ScriptChecksums.Compute("CREATE TABLE tags (id INTEGER);\nDROP TABLE tags;\n")}  {script}");
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Test]
    public void ScriptChecksums_OfAMissingFile_FailsWithOneLine()
    {
        var (exitCode, stdout, stderr) = RunTool(["--script-checksums", "/nonexistent/001_missing.sql"]);

        exitCode.ShouldBe(1);
        stdout.ShouldBeEmpty();
        stderr.ShouldStartWith("error: ");
    }

    private static (int ExitCode, string Stdout, string Stderr) RunTool(string[] args)
    {
        File.Exists(ToolPath).ShouldBeTrue($"The TestDatabases tool should be built beside the tests: {ToolPath}");
        return Shell.Capture("dotnet", TimeSpan.FromSeconds(60), [ToolPath, .. args]);
    }
}
