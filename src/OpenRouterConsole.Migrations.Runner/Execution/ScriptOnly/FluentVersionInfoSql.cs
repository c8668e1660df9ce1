namespace OpenRouterConsole.Migrations.Runner.Execution.ScriptOnly;

/// <summary>
/// The statements FluentMigrator 8.0.1's SQLite generator and version loader run on
/// <c>VersionInfo</c>, as its preview prints them, so that a database written on the script-only
/// path is exactly one FluentMigrator would have written (ScriptOnlySessionTests compare the two).
/// </summary>
internal static class FluentVersionInfoSql
{
    public const string TableName = "VersionInfo";

    // VersionMigration, VersionUniqueMigration and VersionDescriptionMigration, in that order: SQLite
    // appends each added column to the stored CREATE TABLE text, so the order shapes sqlite_master.
    public const string CreateTable =
        "CREATE TABLE \"VersionInfo\" (\"Version\" INTEGER NOT NULL);\n" +
        "CREATE UNIQUE INDEX \"UC_Version\" ON \"VersionInfo\" (\"Version\" ASC);\n" +
        "ALTER TABLE \"VersionInfo\" ADD COLUMN \"AppliedOn\" DATETIME;\n" +
        "ALTER TABLE \"VersionInfo\" ADD COLUMN \"Description\" TEXT;";

    /// <summary>The version loader's row: <c>AppliedOn</c> is SQLite's <c>CURRENT_TIMESTAMP</c> (<c>yyyy-MM-dd HH:mm:ss</c>, UTC).</summary>
    public static string Insert(long version, string? description) =>
        $"INSERT INTO \"VersionInfo\" (\"Version\", \"AppliedOn\", \"Description\") VALUES ({version}, CURRENT_TIMESTAMP, {Quote(description)});";

    public static string Delete(long version) => $"DELETE FROM \"VersionInfo\" WHERE \"Version\" = {version};";

    private static string Quote(string? text) => text is null ? "NULL" : "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
