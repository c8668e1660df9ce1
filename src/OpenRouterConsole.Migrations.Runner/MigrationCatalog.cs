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

    public static bool Contains(long version)
    {
        foreach (var migration in All)
        {
            if (migration.Version == version)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The description of a known migration; empty for a version this assembly does not know.</summary>
    public static string Describe(long version)
    {
        foreach (var migration in All)
        {
            if (migration.Version == version)
            {
                return migration.Description;
            }
        }

        return string.Empty;
    }

    // A loop and List.Sort rather than LINQ's OrderBy over a long key: this runs at every start, and
    // those generic instantiations would be JIT-compiled there (ReadyToRun cannot precompile them).
    private static IReadOnlyList<KnownMigration> Load()
    {
        var migrations = new List<KnownMigration>();
        foreach (var type in MigrationsAssembly.Assembly.GetTypes())
        {
            if (type.GetCustomAttribute<MigrationAttribute>() is { } attribute)
            {
                migrations.Add(new KnownMigration(attribute.Version, attribute.Description ?? string.Empty));
            }
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        return migrations.ToArray();
    }
}
