using System.Globalization;

namespace OpenRouterConsole.Migrations.Runner.Integrity;

/// <summary>
/// Our own table beside FluentMigrator's <c>VersionInfo</c> (which cannot be extended): the checksum
/// of each applied migration's up script, written in the same transaction as the version row.
/// </summary>
internal static class ChecksumTable
{
    public const string TableName = "MigrationChecksums";

    // Created on demand: databases migrated by upstream dotnet-fm, or before checksums, lack it.
    private const string CreateSql =
        $"CREATE TABLE IF NOT EXISTS {TableName} (Version INTEGER PRIMARY KEY, Script TEXT NOT NULL, Sha256 TEXT NOT NULL, RecordedOn TEXT NOT NULL);\n";

    public static string RecordSql(MigrationCatalog catalog, long version)
    {
        var (script, checksum) = catalog.UpScriptOf(version)
            ?? throw new InvalidOperationException($"Migration {version} has no embedded up script.");
        var now = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        return CreateSql +
               $"INSERT OR REPLACE INTO {TableName} (Version, Script, Sha256, RecordedOn) VALUES ({version}, '{script}', '{checksum}', '{now}');";
    }

    public static string ForgetSql(long version) => CreateSql + $"DELETE FROM {TableName} WHERE Version = {version};";
}
