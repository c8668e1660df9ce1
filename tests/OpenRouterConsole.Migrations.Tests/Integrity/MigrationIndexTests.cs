using System.Reflection;
using OpenRouterConsole.Migrations.RebuildExamples;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Runner.Integrity;

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
}
