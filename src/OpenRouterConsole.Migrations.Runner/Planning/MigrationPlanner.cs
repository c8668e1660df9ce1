using Microsoft.Extensions.Logging;
using OpenRouterConsole.Migrations.Runner.Safety;
using OpenRouterConsole.Migrations.Runner.Schema;

namespace OpenRouterConsole.Migrations.Runner.Planning;

/// <summary>
/// Which steps a migrate or rollback takes: targets checked against the catalog, pending migrations
/// up to the target, applied ones down to it, and the record-only steps that adopt a database made
/// before versioning.
/// </summary>
internal sealed class MigrationPlanner(MigrationCatalog catalog, ILogger logger)
{
    public void ValidateUpTarget(long version)
    {
        if (version > catalog.LatestVersion)
        {
            throw MigrationException.Usage(
                $"Cannot migrate to version {version}: the latest migration is {catalog.LatestVersion}.");
        }

        if (version != 0 && !catalog.Contains(version))
        {
            throw MigrationException.Usage(
                $"Cannot migrate to version {version}: no migration has that version (known: {catalog.KnownVersionList()}).");
        }
    }

    /// <summary>The pending migrations up to <paramref name="targetVersion"/> (default: the latest).</summary>
    public IReadOnlyList<MigrationStep> Up(DatabaseStatus status, long? targetVersion)
    {
        // A loop, as in Down: LINQ's iterators and lambdas here cost an up-to-date start ~0.5 ms.
        var target = targetVersion ?? catalog.LatestVersion;
        var steps = new List<MigrationStep>();
        foreach (var migration in status.Pending)
        {
            if (migration.Version <= target)
            {
                steps.Add(new MigrationStep(migration.Version, migration.Description, MigrationDirection.Up, migration.Version));
            }
        }

        return steps;
    }

    /// <summary>The applied migrations above <paramref name="target"/>, newest first.</summary>
    public IReadOnlyList<MigrationStep> Down(DatabaseStatus status, RollbackTarget target)
    {
        // Loops rather than LINQ over long: a rollback pays each such generic instantiation as JIT
        // time (ReadyToRun cannot precompile them), ~15 methods here.
        var appliedAscending = new long[status.Applied.Count];
        for (var i = 0; i < appliedAscending.Length; i++)
        {
            appliedAscending[i] = status.Applied[i].Version;
        }

        var targetVersion = target.Resolve(appliedAscending, catalog);
        var toRevert = new List<long>();
        foreach (var version in appliedAscending)
        {
            if (version > targetVersion)
            {
                toRevert.Add(version);
            }
        }

        SortDescending(toRevert);

        // Each step leaves the database at the next lower applied version, the last one at the target.
        var steps = new MigrationStep[toRevert.Count];
        for (var i = 0; i < steps.Length; i++)
        {
            steps[i] = new MigrationStep(toRevert[i], catalog.Describe(toRevert[i]), MigrationDirection.Down, i + 1 < steps.Length ? toRevert[i + 1] : targetVersion);
        }

        return steps;
    }

    // Insertion sort: a handful of versions, and no generic sort over long to JIT-compile.
    private static void SortDescending(List<long> versions)
    {
        for (var i = 1; i < versions.Count; i++)
        {
            var version = versions[i];
            var j = i - 1;
            while (j >= 0 && versions[j] < version)
            {
                versions[j + 1] = versions[j];
                j--;
            }

            versions[j + 1] = version;
        }
    }

    /// <summary>
    /// For a database without version records: <paramref name="steps"/> preceded by record-only steps
    /// for the version whose schema it has exactly; refused when it has no version's schema.
    /// </summary>
    public IReadOnlyList<MigrationStep> AdoptUnversioned(string databasePath, SchemaSnapshot live, IReadOnlyList<MigrationStep> steps)
    {
        // A new or empty file has nothing to adopt: no need to compute every version's schema.
        if (live.Tables.Count == 0 && live.Objects.Count == 0)
        {
            return steps;
        }

        // No version records: a database made before versioning (or by hand) is adopted when its
        // schema is exactly some version's; anything else is refused, naming what differs.
        var (adopted, closest, differences) = SchemaGuard.IdentifyUnversioned(catalog, live);
        if (adopted is null)
        {
            throw SafetyChecks.Refuse(logger,
                $"'{databasePath}' has no version records and its schema matches no known version " +
                $"(closest is version {closest}: {SchemaGuard.Summarise(differences)}). Nothing was changed.");
        }

        if (adopted == 0)
        {
            return steps;
        }

        var target = steps[^1].TargetVersion;
        if (adopted > target)
        {
            throw MigrationException.Failed(
                $"'{databasePath}' already has the schema of version {adopted} (no version records); migrate to {adopted} or later to record it.");
        }

        SafetyLog.UnversionedDatabaseAdopted(logger, databasePath, adopted.Value);
        var recorded = catalog.All
            .Where(m => m.Version <= adopted)
            .Select(m => new MigrationStep(m.Version, m.Description, MigrationDirection.Up, m.Version, RecordOnly: true));
        return recorded.Concat(steps.Where(s => s.Version > adopted)).ToArray();
    }
}
