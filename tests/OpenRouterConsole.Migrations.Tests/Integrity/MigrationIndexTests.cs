using System.Reflection;
using OpenRouterConsole.Migrations.RebuildExamples;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Runner.Integrity;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Integrity;

/// <summary>
/// The MigrationIndex the compiler writes into a migration assembly (OpenRouterConsole.Migrations.IndexGenerator)
/// says what the runner would otherwise read at run time: the [Migration] attributes and the embedded migrations.sum.
/// </summary>
public sealed class MigrationIndexTests
{
    [Test]
    public void ConsoleCatalog_ListsExactlyWhatTheAttributeScanFinds()
    {
        var scanned = MigrationCatalog.Scan(MigrationsAssembly.Assembly);

        scanned.ShouldNotBeEmpty();
        MigrationCatalog.Console.All.ShouldBe(scanned);
    }

    [Test]
    public void ConsoleCatalog_ManifestIsTheEmbeddedMigrationsSum()
    {
        var embedded = MigrationManifest.ReadEmbedded(MigrationsAssembly.Assembly);

        embedded.ShouldNotBeEmpty();
        MigrationCatalog.Console.Manifest.OrderBy(e => e.Key, StringComparer.Ordinal)
            .ShouldBe(embedded.OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    // The console's own migrations rebuild no table yet; the test-only set does, with its own index.
    [Test]
    public void RebuildExamplesIndex_ListsExactlyWhatTheAttributeScanFinds_RebuildsIncluded()
    {
        var index = RebuildExamplesAssembly.Assembly.GetType("OpenRouterConsole.Migrations.RebuildExamples.MigrationIndex", throwOnError: true)!;
        T Read<T>(string field) => (T)index.GetField(field, BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;

        var indexed = ConsoleMigrationIndex.ToMigrations(Read<long[]>("Versions"), Read<string?[]>("Descriptions"), Read<bool[]>("RebuildsTables"));
        var scanned = MigrationCatalog.Scan(RebuildExamplesAssembly.Assembly);

        indexed.ShouldBe(scanned);
        scanned.ShouldContain(m => m.RebuildsTables);
        scanned.ShouldContain(m => !m.RebuildsTables);
        Read<string[]>("ManifestScripts").ShouldBeEmpty("the test-only set has no migrations.sum");
    }

    // What the index is for: an up-to-date start in a fresh process loads neither FluentMigrator nor
    // its abstractions (README, Performance). The runner and its references are loaded afresh.
    [Test]
    public void UpToDateMigrate_InAFreshLoadContext_LoadsNoFluentMigratorAssembly()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        var context = new IsolatedLoadContext(typeof(MigrationIndexTests).Assembly.Location);
        try
        {
            var runner = context.LoadFromAssemblyName(typeof(ConsoleMigrator).Assembly.GetName());
            var options = Activator.CreateInstance(runner.GetType(typeof(MigrationOptions).FullName!, throwOnError: true)!)!;
            options.GetType().GetProperty(nameof(MigrationOptions.ConnectionString))!.SetValue(options, database.ConnectionString);
            var migrator = Activator.CreateInstance(runner.GetType(typeof(ConsoleMigrator).FullName!, throwOnError: true)!, options, null)!;

            var report = migrator.GetType().GetMethod(nameof(ConsoleMigrator.Migrate))!.Invoke(migrator, [null, CancellationToken.None])!;

            report.GetType().GetProperty(nameof(MigrationReport.NothingToDo))!.GetValue(report).ShouldBe(true);
            context.Assemblies.Select(a => a.GetName().Name).ShouldNotContain(name => name!.StartsWith("FluentMigrator", StringComparison.Ordinal));
            context.Assemblies.ShouldContain(a => a.GetName().Name == "OpenRouterConsole.Migrations", "the index lives in the migration assembly");
        }
        finally
        {
            context.Unload();
        }
    }
}
