namespace OpenRouterConsole.Migrations.Runner.Schema;

/// <summary>
/// The one definition of "this database is at version N": its live schema equals what migrations
/// 1..N produce (<see cref="ExpectedSchema"/>), column order aside. Used by <c>verify</c> and before
/// every migrate or rollback that will change something.
/// </summary>
internal static class SchemaGuard
{
    /// <summary>
    /// For a database without version records: the highest version whose schema it has, or null with
    /// the differences from the closest version.
    /// </summary>
    public static (long? Version, long Closest, IReadOnlyList<SchemaDifference> Differences) IdentifyUnversioned(MigrationCatalog catalog, SchemaSnapshot live)
    {
        (long Version, IReadOnlyList<SchemaDifference> Differences)? closest = null;
        foreach (var (version, expected) in ExpectedSchema.Prefixes(catalog).Reverse())
        {
            var differences = SchemaComparer.Compare(expected, live);
            if (differences.Count == 0)
            {
                return (version, version, []);
            }

            if (closest is null || differences.Count < closest.Value.Differences.Count)
            {
                closest = (version, differences);
            }
        }

        return (null, closest!.Value.Version, closest.Value.Differences);
    }

    /// <summary>Compares a versioned database with the schema its recorded versions should have.</summary>
    public static IReadOnlyList<SchemaDifference> CompareWithRecorded(MigrationCatalog catalog, SchemaSnapshot live, IReadOnlyList<AppliedMigration> applied) =>
        SchemaComparer.Compare(ExpectedSchema.For(catalog, Versions(applied)), live);

    // A loop, not Select over long (JIT-compiled at every migrate or rollback otherwise).
    private static long[] Versions(IReadOnlyList<AppliedMigration> applied)
    {
        var versions = new long[applied.Count];
        for (var i = 0; i < versions.Length; i++)
        {
            versions[i] = applied[i].Version;
        }

        return versions;
    }

    /// <summary>Up to three differences on one line, for an error message.</summary>
    public static string Summarise(IReadOnlyList<SchemaDifference> differences) =>
        string.Join("; ", differences.Take(3).Select(d => d.Message)) + (differences.Count > 3 ? $"; and {differences.Count - 3} more" : string.Empty);
}
