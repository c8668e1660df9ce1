using OpenRouterConsole.Migrations.Runner.Integrity;

namespace OpenRouterConsole.Migrations.Runner;

/// <summary>What a database records, set beside the migrations this assembly knows.</summary>
/// <param name="DatabasePath">The database: the resolved file, or the server database's name.</param>
/// <param name="Exists">False for a SQLite file that is not there yet (a migrate would create it).</param>
/// <param name="Applied">The migrations <c>VersionInfo</c> records, known to this assembly or not.</param>
/// <param name="ScriptFolder">Whose scripts the checksums are compared with: <c>Sqlite</c> or <c>Postgres</c>.</param>
public sealed record DatabaseStatus(string DatabasePath, bool Exists, IReadOnlyList<AppliedMigration> Applied, string ScriptFolder = "Sqlite")
{
    /// <summary>The migrations the database is compared with.</summary>
    public MigrationCatalog Catalog { get; init; } = MigrationCatalog.Console;

    // Loops rather than LINQ: these run on every start, and LINQ over long or tuples instantiates
    // generics that ReadyToRun cannot precompile, so each first call costs JIT time (~3 ms in all).

    /// <summary>The highest version recorded (0 when none is), known to this assembly or not.</summary>
    public long CurrentVersion
    {
        get
        {
            long current = 0;
            foreach (var applied in Applied)
            {
                current = Math.Max(current, applied.Version);
            }

            return current;
        }
    }

    /// <summary>Versions the database records that this assembly does not know: the database is newer.</summary>
    public IReadOnlyList<long> UnknownVersions
    {
        get
        {
            var unknown = new List<long>();
            foreach (var applied in Applied)
            {
                if (!Catalog.Contains(applied.Version))
                {
                    unknown.Add(applied.Version);
                }
            }

            return unknown;
        }
    }

    /// <summary>The highest recorded version this assembly knows.</summary>
    public long CurrentKnownVersion
    {
        get
        {
            long current = 0;
            foreach (var applied in Applied)
            {
                if (Catalog.Contains(applied.Version))
                {
                    current = Math.Max(current, applied.Version);
                }
            }

            return current;
        }
    }

    /// <summary>Known migrations not recorded although a later known one is: a hole in the records.</summary>
    public IReadOnlyList<long> MissingBelowCurrent
    {
        get
        {
            var current = CurrentKnownVersion;
            var missing = new List<long>();
            foreach (var known in Catalog.All)
            {
                if (known.Version < current && Find(known.Version) is null)
                {
                    missing.Add(known.Version);
                }
            }

            return missing;
        }
    }

    /// <summary>Known migrations the database does not record: what a migrate to the latest would apply.</summary>
    public IReadOnlyList<KnownMigration> Pending
    {
        get
        {
            var pending = new List<KnownMigration>();
            foreach (var known in Catalog.All)
            {
                if (Find(known.Version) is null)
                {
                    pending.Add(known);
                }
            }

            return pending;
        }
    }

    /// <summary>Applied migrations whose up script differs from the one recorded when they were applied.</summary>
    public IReadOnlyList<ChecksumMismatch> ChecksumMismatches
    {
        get
        {
            var mismatches = new List<ChecksumMismatch>();
            foreach (var applied in Applied)
            {
                if (applied.Checksum is { } recorded
                    && Catalog.UpScriptOf(applied.Version, ScriptFolder) is { } current
                    && current.Checksum != recorded)
                {
                    mismatches.Add(new ChecksumMismatch(applied.Version, current.Script, recorded, current.Checksum));
                }
            }

            return mismatches;
        }
    }

    /// <summary>The record of <paramref name="version"/>, or null when the database does not record it.</summary>
    public AppliedMigration? Find(long version)
    {
        foreach (var applied in Applied)
        {
            if (applied.Version == version)
            {
                return applied;
            }
        }

        return null;
    }
}
