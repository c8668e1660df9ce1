using OpenRouterConsole.Migrations.Runner;

namespace OpenRouterConsole.Migrations.Tests.Support;

/// <summary>
/// The console's migration versions, read from the catalog so tests survive the next migration;
/// also a <c>TestCaseSource</c>: <c>[TestCaseSource(typeof(CatalogVersions), nameof(CatalogVersions.All))]</c>.
/// </summary>
public static class CatalogVersions
{
    public static IEnumerable<long> All() => MigrationCatalog.Console.All.Select(m => m.Version);

    /// <summary>The highest version below <paramref name="version"/> (0 for the first).</summary>
    public static long Before(long version) => All().Where(v => v < version).DefaultIfEmpty(0).Max();

    /// <summary>Every version up to and including <paramref name="version"/>, ascending.</summary>
    public static IEnumerable<long> UpTo(long version) => All().Where(v => v <= version);
}
