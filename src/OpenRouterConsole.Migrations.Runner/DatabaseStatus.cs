using OpenRouterConsole.Migrations.Runner.Integrity;

namespace OpenRouterConsole.Migrations.Runner;

/// <summary>What a database records, set beside the migrations this assembly knows.</summary>
public sealed record DatabaseStatus(string DatabasePath, bool Exists, IReadOnlyList<AppliedMigration> Applied)
{
    public long CurrentVersion => Applied.Count == 0 ? 0 : Applied.Max(a => a.Version);

    /// <summary>Versions the database records that this assembly does not know: the database is newer.</summary>
    public IReadOnlyList<long> UnknownVersions =>
        Applied.Select(a => a.Version).Where(v => !MigrationCatalog.Contains(v)).ToArray();

    public IReadOnlyList<KnownMigration> Pending =>
        MigrationCatalog.All.Where(m => Applied.All(a => a.Version != m.Version)).ToArray();

    /// <summary>Applied migrations whose up script differs from the one recorded when they were applied.</summary>
    public IReadOnlyList<ChecksumMismatch> ChecksumMismatches =>
        Applied
            .Where(a => a.Checksum is not null)
            .Select(a => (Applied: a, Current: ScriptChecksums.UpScriptOf(a.Version)))
            .Where(x => x.Current is { } current && current.Checksum != x.Applied.Checksum)
            .Select(x => new ChecksumMismatch(x.Applied.Version, x.Current!.Value.Script, x.Applied.Checksum!, x.Current.Value.Checksum))
            .ToArray();

    public AppliedMigration? Find(long version) => Applied.FirstOrDefault(a => a.Version == version);
}
