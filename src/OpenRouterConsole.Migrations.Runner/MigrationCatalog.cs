using System.Reflection;
using FluentMigrator;

namespace OpenRouterConsole.Migrations.Runner;

/// <summary>
/// The migrations in the migration assembly, read from their attributes. Cheap enough for every
/// start-up: it is what lets an up-to-date database skip building FluentMigrator's runner.
/// </summary>
public static class MigrationCatalog
{
    private static readonly Lazy<IReadOnlyList<KnownMigration>> Migrations = new(Load);

    public static IReadOnlyList<KnownMigration> All => Migrations.Value;

    public static long LatestVersion => All.Count == 0 ? 0 : All[^1].Version;

    public static bool Contains(long version) => All.Any(m => m.Version == version);

    private static IReadOnlyList<KnownMigration> Load() =>
        MigrationsAssembly.Assembly.GetTypes()
            .Select(type => type.GetCustomAttribute<MigrationAttribute>())
            .OfType<MigrationAttribute>()
            .Select(attribute => new KnownMigration(attribute.Version, attribute.Description ?? string.Empty))
            .OrderBy(migration => migration.Version)
            .ToArray();
}
