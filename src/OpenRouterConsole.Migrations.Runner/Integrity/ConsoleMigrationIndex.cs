using OpenRouterConsole.Migrations;

namespace OpenRouterConsole.Migrations.Runner.Integrity;

/// <summary>
/// The console's migrations and its migrations.sum as the generated <c>MigrationIndex</c> lists them
/// (see OpenRouterConsole.Migrations.IndexGenerator): what the attribute scan and the embedded manifest
/// give, built from plain arrays.
/// </summary>
internal static class ConsoleMigrationIndex
{
    public static IReadOnlyList<KnownMigration> Migrations() =>
        ToMigrations(MigrationIndex.Versions, MigrationIndex.Descriptions, MigrationIndex.RebuildsTables);

    public static IReadOnlyDictionary<string, string> Manifest() =>
        ToManifest(MigrationIndex.ManifestScripts, MigrationIndex.ManifestChecksums);

    /// <summary>A generated index's migration arrays (one entry per migration, ascending) as the catalog lists them.</summary>
    public static IReadOnlyList<KnownMigration> ToMigrations(long[] versions, string?[] descriptions, bool[] rebuildsTables)
    {
        var migrations = new KnownMigration[versions.Length];
        for (var i = 0; i < migrations.Length; i++)
        {
            migrations[i] = new KnownMigration(versions[i], descriptions[i] ?? string.Empty, rebuildsTables[i]);
        }

        return migrations;
    }

    /// <summary>A generated index's manifest arrays as <see cref="MigrationManifest.Parse"/> gives them (a later line wins).</summary>
    public static IReadOnlyDictionary<string, string> ToManifest(string[] scripts, string[] checksums)
    {
        var manifest = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < scripts.Length; i++)
        {
            manifest[scripts[i]] = checksums[i];
        }

        return manifest;
    }
}
