using FluentMigrator.Runner;
using OpenRouterConsole.Migrations.Runner.Providers;

namespace OpenRouterConsole.Migrations.Runner.History;

/// <summary>
/// What a console database records about its migrations: FluentMigrator's <c>VersionInfo</c> and,
/// beside it, our <c>MigrationChecksums</c> (the up script's SHA-256 of each applied migration).
/// Every read and write of ours on those two tables goes through one provider's history
/// (<see cref="SqliteMigrationHistory"/>, <see cref="PostgresMigrationHistory"/>), as EF Core's
/// <c>IHistoryRepository</c> owns its history table. FluentMigrator's runner still writes its own
/// <c>VersionInfo</c> rows as it applies or reverts a migration.
/// </summary>
internal abstract class MigrationHistory(MigrationCatalog catalog)
{
    public const string VersionTableName = "VersionInfo";

    /// <summary>Our own table: FluentMigrator's <c>VersionInfo</c> cannot be extended.</summary>
    public const string ChecksumTableName = "MigrationChecksums";

    protected MigrationCatalog Catalog => catalog;

    /// <summary>The history of <paramref name="provider"/>'s databases, for migrations of <paramref name="catalog"/>.</summary>
    public static MigrationHistory For(DatabaseProvider provider, MigrationCatalog catalog) =>
        provider == DatabaseProvider.Postgres ? new PostgresMigrationHistory(catalog) : new SqliteMigrationHistory(catalog);

    /// <summary>
    /// Records <paramref name="step"/>, just run by <paramref name="runner"/>, inside its transaction
    /// (so the rows commit with the step, and show in a preview): the checksum of an applied
    /// migration, the version row too of one adopted without running it; a reverted one is forgotten.
    /// </summary>
    public void Record(MigrationRunner runner, MigrationStep step)
    {
        if (step.RecordOnly)
        {
            // FluentMigrator writes its own table, as it would have had it run the migration.
            runner.VersionLoader.UpdateVersionInfo(step.Version, step.Description);
            runner.VersionLoader.LoadVersionInfo();
        }

        runner.Processor.Execute(step.Direction == MigrationDirection.Up
            ? RecordChecksumSql(step.Version)
            : ForgetChecksumSql(step.Version));
    }

    /// <summary>SQL that records the checksum of migration <paramref name="version"/>'s up script, creating the table if needed.</summary>
    public abstract string RecordChecksumSql(long version);

    /// <summary>SQL that forgets the checksum of a reverted migration <paramref name="version"/>.</summary>
    public abstract string ForgetChecksumSql(long version);

    /// <summary>The up script of <paramref name="version"/> in <paramref name="scriptFolder"/>, with its checksum.</summary>
    protected (string Script, string Checksum) UpScript(long version, string scriptFolder) =>
        catalog.UpScriptOf(version, scriptFolder)
            ?? throw new InvalidOperationException($"Migration {version} has no embedded {scriptFolder} up script.");

    /// <summary>When the checksum row is written: <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    protected static string Now() => DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
