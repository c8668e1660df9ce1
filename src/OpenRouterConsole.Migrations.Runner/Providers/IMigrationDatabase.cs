using OpenRouterConsole.Migrations.Runner.Schema;

namespace OpenRouterConsole.Migrations.Runner.Providers;

/// <summary>
/// The database-specific parts of a migrate, rollback or verify: how the lock is taken, how the
/// version history and the live schema are read, what the schema should be, how a backup is made.
/// <see cref="ProviderMigration"/> does the rest the same way for every provider.
/// </summary>
/// <remarks>PostgreSQL goes through this seam; SQLite still runs through ConsoleMigrator's own code (issue 12 moves it behind it).</remarks>
internal interface IMigrationDatabase : IDisposable
{
    DatabaseProvider Provider { get; }

    /// <summary>How messages and reports name the database (never with a password).</summary>
    string DisplayName { get; }

    /// <summary>The logical-name prefix of this provider's scripts: whose checksums count.</summary>
    string ScriptFolder { get; }

    /// <summary>Connection string for FluentMigrator's own connection.</summary>
    string SessionConnectionString { get; }

    /// <summary>Takes the migration lock, waiting up to <paramref name="timeout"/>; <paramref name="onWait"/> is told once who holds it.</summary>
    /// <remarks>The wait ends at once, with <see cref="OperationCanceledException"/>, when <paramref name="cancellationToken"/> fires.</remarks>
    IHeldLock AcquireLock(TimeSpan timeout, Action<string> onWait, CancellationToken cancellationToken);

    /// <summary>What the database records: one round trip when it is versioned by us.</summary>
    DatabaseStatus ReadStatus();

    /// <summary>The live application schema, from the database's own catalogue.</summary>
    SchemaSnapshot ReadSchema();

    /// <summary>The schema migrations <paramref name="versions"/> produce on this provider.</summary>
    SchemaSnapshot ExpectedSchema(IReadOnlyCollection<long> versions);

    /// <summary>A backup of the database at <paramref name="version"/>; returns where it went.</summary>
    string BackUp(long version, MigrationOptions options);
}
