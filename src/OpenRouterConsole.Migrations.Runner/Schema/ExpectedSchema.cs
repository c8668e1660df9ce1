using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.Runner.Execution;
using OpenRouterConsole.Migrations.Runner.Execution.ScriptOnly;

namespace OpenRouterConsole.Migrations.Runner.Schema;

/// <summary>
/// The schema the migrations produce for a set of applied versions, computed by migrating a scratch
/// in-memory database (never from a stored copy, so it cannot go stale). Cached per process.
/// </summary>
internal static class ExpectedSchema
{
    private static readonly ConcurrentDictionary<string, SchemaSnapshot> Cache = new();

    public static SchemaSnapshot For(MigrationCatalog catalog, IReadOnlyCollection<long> appliedVersions)
    {
        // Versions this assembly does not know (an allowed newer database) have no script to run.
        // The catalog's order (ascending) and loops, not Distinct/Order/Join over long: those generic
        // instantiations cost every migrate or rollback ~25 JIT-compiled methods.
        var versions = new List<long>();
        var key = new System.Text.StringBuilder(catalog.Assembly.FullName).Append(':');
        foreach (var known in catalog.All)
        {
            if (Includes(appliedVersions, known.Version) && (versions.Count == 0 || versions[^1] != known.Version))
            {
                key.Append(versions.Count == 0 ? string.Empty : ",").Append(known.Version);
                versions.Add(known.Version);
            }
        }

        return Cache.GetOrAdd(key.ToString(), _ => Build(catalog, versions.ToArray()));
    }

    private static bool Includes(IReadOnlyCollection<long> versions, long version)
    {
        foreach (var candidate in versions)
        {
            if (candidate == version)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every version N from 0 to the latest, with the schema of migrations 1..N applied.</summary>
    public static IEnumerable<(long Version, SchemaSnapshot Schema)> Prefixes(MigrationCatalog catalog)
    {
        yield return (0, For(catalog, []));
        for (var i = 0; i < catalog.All.Count; i++)
        {
            yield return (catalog.All[i].Version, For(catalog, catalog.All.Take(i + 1).Select(m => m.Version).ToArray()));
        }
    }

    private static SchemaSnapshot Build(MigrationCatalog catalog, long[] versions)
    {
        // A named, shared-cache in-memory database lives as long as one connection to it is open.
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = "expected-schema-" + Guid.NewGuid().ToString("N"),
            Mode = SqliteOpenMode.Memory,
            Cache = SqliteCacheMode.Shared,
        }.ConnectionString;
        using var keepAlive = new SqliteConnection(connectionString);
        keepAlive.Open();
        if (versions.Length > 0)
        {
            var steps = versions
                .Select(v => new MigrationStep(v, catalog.Find(v)!.Description, MigrationDirection.Up, v))
                .ToArray();
            // Script-only migrations build it without FluentMigrator's runner (the same schema: ScriptOnlySessionTests).
            if (!ScriptOnlySession.TryRun(catalog, connectionString, steps, (_, _) => { }, CancellationToken.None))
            {
                using var session = new FluentMigratorSession(catalog, connectionString, previewOnly: false, sqlOutput: null, FluentMigratorSession.NeedsForeignKeysOff(catalog, steps));
                session.Run(steps, (_, _) => { });
            }
        }

        return SchemaSnapshot.Read(keepAlive);
    }
}
