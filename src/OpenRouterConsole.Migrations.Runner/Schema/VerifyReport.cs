using OpenRouterConsole.Migrations.Runner.Integrity;

namespace OpenRouterConsole.Migrations.Runner.Schema;

/// <summary>Whether a live database matches the schema its recorded version should have.</summary>
/// <param name="DatabasePath">The database verified: the resolved file, or the server database's name.</param>
/// <param name="RecordedVersion">The highest version <c>VersionInfo</c> records (0 when it has none).</param>
/// <param name="ComparedVersion">The version whose schema the database was compared with.</param>
/// <param name="Versioned">False when the database has no version records (made before versioning).</param>
/// <param name="Differences">How the live schema differs from the compared version's; empty when it matches.</param>
/// <param name="ChecksumMismatches">Applied migrations whose scripts changed since they were applied.</param>
public sealed record VerifyReport(
    string DatabasePath,
    long RecordedVersion,
    long ComparedVersion,
    bool Versioned,
    IReadOnlyList<SchemaDifference> Differences,
    IReadOnlyList<ChecksumMismatch> ChecksumMismatches)
{
    /// <summary>True when the schema matches and no applied script changed: <c>verify</c> exits 0.</summary>
    public bool IsClean => Differences.Count == 0 && ChecksumMismatches.Count == 0;
}
