using OpenRouterConsole.Migrations.Runner.Integrity;

namespace OpenRouterConsole.Migrations.Tests.Integrity;

/// <summary>The committed migrations.sum and the embedded scripts must agree.</summary>
public sealed class ManifestTests
{
    [Test]
    public void EmbeddedScripts_MatchTheCommittedManifest()
    {
        var manifest = MigrationManifest.Parse(File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "migrations.sum")));

        var problems = MigrationManifest.Problems(manifest, ScriptChecksums.All);

        problems.ShouldBeEmpty(string.Join(Environment.NewLine, problems));
        manifest.Count.ShouldBe(ScriptChecksums.All.Count);
    }

    [Test]
    public void EmbeddedManifest_IsTheCommittedOne_AndMatchesTheScripts()
    {
        var committed = MigrationManifest.Parse(File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "migrations.sum")));

        MigrationManifest.Embedded.ShouldBe(committed);
        MigrationManifest.Problems(MigrationManifest.Embedded, ScriptChecksums.All).ShouldBeEmpty();
        ScriptChecksums.UpScriptOf(2).ShouldBe(("Sqlite.002_add_openrouter_preset.sql", ScriptChecksums.All["Sqlite.002_add_openrouter_preset.sql"]));
    }

    [Test]
    public void EditedScript_IsReportedWithAdviceToAddANewMigration()
    {
        var manifest = new Dictionary<string, string>(ScriptChecksums.All);
        var edited = new Dictionary<string, string>(ScriptChecksums.All)
        {
            ["Sqlite.001_initial_schema.sql"] = ScriptChecksums.Compute("CREATE TABLE models (id TEXT PRIMARY KEY, extra TEXT);"),
        };

        var problem = MigrationManifest.Problems(manifest, edited).ShouldHaveSingleItem();

        problem.ShouldContain("Sqlite.001_initial_schema.sql was edited");
        problem.ShouldContain("add a new migration instead");
    }

    [Test]
    public void NewScript_MissingFromManifest_TellsHowToAddIt()
    {
        var manifest = new Dictionary<string, string>(ScriptChecksums.All);
        var scripts = new Dictionary<string, string>(ScriptChecksums.All) { ["Sqlite.003_add_tags.sql"] = ScriptChecksums.Compute("SELECT 1;") };

        MigrationManifest.Problems(manifest, scripts).ShouldHaveSingleItem().ShouldContain("UpdateMigrationSums");
    }

    [Test]
    public void Checksum_IgnoresLineEndings()
    {
        ScriptChecksums.Compute("SELECT 1;\r\nSELECT 2;\r\n").ShouldBe(ScriptChecksums.Compute("SELECT 1;\nSELECT 2;\n"));
        ScriptChecksums.Compute("SELECT 1;").ShouldNotBe(ScriptChecksums.Compute("SELECT 2;"));
    }
}
