using OpenRouterConsole.Migrations.Runner.Integrity;

namespace OpenRouterConsole.Migrations.Runner.Schema;

/// <summary>Whether a live database matches the schema its recorded version should have.</summary>
/// <param name="RecordedVersion">The highest version <c>VersionInfo</c> records (0 when it has none).</param>
/// <param name="ComparedVersion">The version whose schema the database was compared with.</param>
/// <param name="Versioned">False when the database has no version records (made before versioning).</param>
public sealed record VerifyReport(
    string DatabasePath,
    long RecordedVersion,
    long ComparedVersion,
    bool Versioned,
    IReadOnlyList<SchemaDifference> Differences,
    IReadOnlyList<ChecksumMismatch> ChecksumMismatches)
{
    public bool IsClean => Differences.Count == 0 && ChecksumMismatches.Count == 0;
}
