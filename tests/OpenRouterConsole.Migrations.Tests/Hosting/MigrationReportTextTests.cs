using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Hosting;

/// <summary>MigrationReport.ToString: one readable line, as a host would log it.</summary>
public sealed class MigrationReportTextTests
{
    [Test]
    public void Migration_NamesVersionsStepsAndBackup()
    {
        using var database = new TestDatabase();
        database.MigrateTo(MigrationCatalog.Console.All[^2].Version);
        database.Execute("INSERT INTO profiles (name) VALUES ('data')");

        var report = database.Migrator(o => o.BackupEnabled = true).Migrate();

        report.ToString().ShouldMatch(
            $@"^{Escape(database.Path)}: {MigrationCatalog.Console.All[^2].Version} -> {MigrationCatalog.Console.LatestVersion} \(applied {MigrationCatalog.Console.LatestVersion} in \d+ ms\); backup {Escape(report.BackupPath!)}$");
    }

    [Test]
    public void Preview_HasNoDurations()
    {
        using var database = new TestDatabase();

        var preview = database.Migrator().PreviewMigrate();

        preview.ToString().ShouldBe(
            $"{database.Path}: 0 -> {MigrationCatalog.Console.LatestVersion} ({string.Join(", ", MigrationCatalog.Console.All.Select(m => $"would apply {m.Version}"))}) (preview: nothing was changed)");
    }

    [Test]
    public void NothingToDo_SaysSo()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();

        database.Migrator().Migrate().ToString().ShouldBe($"{database.Path}: at version {MigrationCatalog.Console.LatestVersion}, nothing to do");
    }

    private static string Escape(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
