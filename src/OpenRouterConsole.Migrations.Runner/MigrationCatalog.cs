using System.Collections.Concurrent;
using System.Reflection;
using FluentMigrator;
using OpenRouterConsole.Migrations.Rebuilds;
using OpenRouterConsole.Migrations.Runner.Integrity;

namespace OpenRouterConsole.Migrations.Runner;

/// <summary>
/// The migrations of one migration assembly (by default the console's), read from their attributes
/// (the console's from the MigrationIndex its compiler wrote), with the checksums of its embedded
/// scripts. Cheap enough for every start-up: it is what lets an up-to-date database skip building
/// FluentMigrator's runner.
/// </summary>
public sealed class MigrationCatalog
{
    private static readonly ConcurrentDictionary<Assembly, MigrationCatalog> Catalogs = new();

    private readonly Lazy<IReadOnlyList<KnownMigration>> _migrations;
    private readonly Lazy<IReadOnlyDictionary<string, string>> _manifest;
    private readonly Lazy<IReadOnlyDictionary<string, string>> _scripts;

    private MigrationCatalog(Assembly assembly)
        : this(assembly, () => Scan(assembly), () => MigrationManifest.ReadEmbedded(assembly))
    {
    }

    private MigrationCatalog(Assembly assembly, Func<IReadOnlyList<KnownMigration>> migrations, Func<IReadOnlyDictionary<string, string>> manifest)
    {
        Assembly = assembly;
        _migrations = new(migrations);
        _manifest = new(manifest);
        _scripts = new(() => ScriptChecksums.ComputeEmbedded(assembly));
    }

    /// <summary>The console's own migrations.</summary>
    /// <remarks>
    /// Read from the MigrationIndex the compiler wrote into the assembly, not scanned: scanning loads
    /// FluentMigrator and every type of the assembly, and the manifest would be decoded and parsed,
    /// about a tenth of a JIT-built host's first start. MigrationIndexTests hold it equal to the scan.
    /// </remarks>
    public static MigrationCatalog Console { get; } = new(MigrationsAssembly.Assembly, ConsoleMigrationIndex.Migrations, ConsoleMigrationIndex.Manifest);

    /// <summary>The catalog of <paramref name="assembly"/> (one per assembly and process).</summary>
    public static MigrationCatalog For(Assembly? assembly) =>
        assembly is null || assembly == Console.Assembly ? Console : Catalogs.GetOrAdd(assembly, a => new MigrationCatalog(a));

    /// <summary>The migration assembly whose <c>[Migration]</c> classes and embedded scripts this catalog holds.</summary>
    public Assembly Assembly { get; }

    /// <summary>Every migration the assembly contains, by ascending version.</summary>
    public IReadOnlyList<KnownMigration> All => _migrations.Value;

    /// <summary>The highest version (0 when the assembly has no migrations): what a plain migrate goes to.</summary>
    public long LatestVersion => All.Count == 0 ? 0 : All[^1].Version;

    /// <summary>The <c>migrations.sum</c> the assembly embeds (empty if it embeds none).</summary>
    public IReadOnlyDictionary<string, string> Manifest => _manifest.Value;

    /// <summary>Resource name to lowercase hex SHA-256, for every embedded <c>.sql</c> script.</summary>
    public IReadOnlyDictionary<string, string> Scripts => _scripts.Value;

    /// <summary>True when a migration has <paramref name="version"/>.</summary>
    public bool Contains(long version) => Find(version) is not null;

    /// <summary>The migration with <paramref name="version"/>, or null when none has it.</summary>
    public KnownMigration? Find(long version)
    {
        foreach (var migration in All)
        {
            if (migration.Version == version)
            {
                return migration;
            }
        }

        return null;
    }

    /// <summary>The description of a known migration; empty for a version this assembly does not know.</summary>
    public string Describe(long version) => Find(version)?.Description ?? string.Empty;

    /// <summary>The up script of a migration: <c>Sqlite.NNN_name.sql</c> (or another provider's folder), by the naming convention the tests enforce.</summary>
    /// <remarks>
    /// Taken from the embedded <c>migrations.sum</c> when it lists the script, so that the check at
    /// every start hashes nothing (SHA-256 would first start OpenSSL: ~12 ms of a ~50 ms start);
    /// ManifestTests hold the manifest equal to the scripts' hashes. A script it does not list yet
    /// (a new migration before UpdateMigrationSums) is hashed.
    /// </remarks>
    public (string Script, string Checksum)? UpScriptOf(long version, string scriptFolder = "Sqlite") =>
        ScriptChecksums.UpScriptIn(Manifest, version, scriptFolder) ?? ScriptChecksums.UpScriptIn(Scripts, version, scriptFolder);

    internal string KnownVersionList() => "0, " + string.Join(", ", All.Select(m => m.Version));

    /// <summary>Every <c>[Migration]</c> class of <paramref name="assembly"/>, by ascending version, read from its attributes.</summary>
    // A loop and List.Sort rather than LINQ's OrderBy over a long key: those generic instantiations
    // would be JIT-compiled at a host's first start (ReadyToRun cannot precompile them).
    internal static IReadOnlyList<KnownMigration> Scan(Assembly assembly)
    {
        var migrations = new List<KnownMigration>();
        foreach (var type in assembly.GetTypes())
        {
            if (type.GetCustomAttribute<MigrationAttribute>() is { } attribute)
            {
                migrations.Add(new KnownMigration(
                    attribute.Version,
                    attribute.Description ?? string.Empty,
                    RebuildsTables: typeof(TableRebuildMigration).IsAssignableFrom(type)));
            }
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        return migrations.ToArray();
    }
}
