using OpenRouterConsole.Migrations.Runner;

namespace OpenRouterConsole.Migrations.Tests.Support;

/// <summary>
/// The console's migration versions, from the catalog: tests that mean "the latest" say so and keep
/// passing when migration N+1 is added; tests about one migration name its number instead.
/// </summary>
public static class Versions
{
    public static long Latest => MigrationCatalog.Console.LatestVersion;

    /// <summary>Every version, ascending.</summary>
    public static long[] All => MigrationCatalog.Console.All.Select(m => m.Version).ToArray();

    /// <summary>Versions 1..<paramref name="version"/>: what a database at that version records.</summary>
    public static long[] UpTo(long version) => All.Where(v => v <= version).ToArray();

    /// <summary>The versions an error message lists as known: "0, 1, 2, ...".</summary>
    public static string KnownList => "0, " + string.Join(", ", All);
}
