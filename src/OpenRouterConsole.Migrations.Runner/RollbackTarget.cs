namespace OpenRouterConsole.Migrations.Runner;

/// <summary>How far a rollback goes: some steps, down to a version, or all the way.</summary>
public sealed record RollbackTarget
{
    private RollbackTarget(int? steps, long? version)
    {
        Steps = steps;
        Version = version;
    }

    /// <summary>How many applied migrations to revert, newest first; null when the target is a version.</summary>
    public int? Steps { get; }

    /// <summary>The version to leave the database at (0: nothing applied); null when the target is a number of steps.</summary>
    public long? Version { get; }

    /// <summary>Revert every applied migration: no application table is left.</summary>
    public static RollbackTarget All { get; } = new(null, 0);

    /// <summary>Revert the last <paramref name="steps"/> applied migrations (1 or more).</summary>
    public static RollbackTarget By(int steps) => new(steps, null);

    /// <summary>Revert every migration above <paramref name="version"/>, which must be a known version or 0.</summary>
    public static RollbackTarget To(long version) => new(null, version);

    /// <summary>Checks what can be checked without the database, so bad input fails before any lock or file access.</summary>
    internal void Validate(MigrationCatalog catalog)
    {
        if (Steps is < 1)
        {
            throw MigrationException.Usage($"Cannot roll back {Steps} steps; give a number of 1 or more.");
        }

        if (Version is { } version && version != 0 && !catalog.Contains(version))
        {
            throw MigrationException.Usage($"Cannot roll back to version {version}: no migration has that version (known: {catalog.KnownVersionList()}).");
        }
    }

    /// <summary>The version the database should record afterwards, given what it records now.</summary>
    internal long Resolve(IReadOnlyList<long> appliedAscending, MigrationCatalog catalog)
    {
        if (Steps is { } steps)
        {
            if (steps < 1)
            {
                throw MigrationException.Usage($"Cannot roll back {steps} steps; give a number of 1 or more.");
            }

            // Nothing applied: nothing to roll back (not an error: a new or empty file is fine).
            if (appliedAscending.Count == 0)
            {
                return 0;
            }

            if (steps > appliedAscending.Count)
            {
                throw MigrationException.Failed(
                    $"Cannot roll back {steps} steps: the database records only {appliedAscending.Count} applied migration(s).");
            }

            return steps == appliedAscending.Count ? 0 : appliedAscending[^(steps + 1)];
        }

        var version = Version!.Value;
        if (version != 0 && !catalog.Contains(version))
        {
            throw MigrationException.Usage($"Cannot roll back to version {version}: no migration has that version (known: {catalog.KnownVersionList()}).");
        }

        if (version != 0 && !appliedAscending.Contains(version))
        {
            throw MigrationException.Failed($"Cannot roll back to version {version}: the database does not record it as applied.");
        }

        return version;
    }
}
