using Npgsql;

namespace OpenRouterConsole.Migrations.Runner.History;

/// <summary>
/// The history of a PostgreSQL console database, where FluentMigrator's <c>"VersionInfo"</c> and our
/// <c>"MigrationChecksums"</c> have quoted, mixed-case names. A database we migrated has both tables:
/// one query, one round trip. Otherwise the catalogue says which of them exist.
/// </summary>
internal sealed class PostgresMigrationHistory(MigrationCatalog catalog) : MigrationHistory(catalog)
{
    private const string UndefinedTable = "42P01";

    private const string CreateChecksumTableSql =
        $"CREATE TABLE IF NOT EXISTS \"{ChecksumTableName}\" (\"Version\" BIGINT PRIMARY KEY, \"Script\" TEXT NOT NULL, \"Sha256\" TEXT NOT NULL, \"RecordedOn\" TEXT NOT NULL);\n";

    private const string WithChecksums =
        $"""SELECT v."Version", v."AppliedOn", v."Description", c."Sha256" FROM "{VersionTableName}" v LEFT JOIN "{ChecksumTableName}" c ON c."Version" = v."Version" ORDER BY v."Version" """;

    private const string WithoutChecksums =
        $"""SELECT "Version", "AppliedOn", "Description", NULL::text FROM "{VersionTableName}" ORDER BY "Version" """;

    public override string RecordChecksumSql(long version)
    {
        var (script, checksum) = UpScript(version, "Postgres");
        return CreateChecksumTableSql +
               $"INSERT INTO \"{ChecksumTableName}\" (\"Version\", \"Script\", \"Sha256\", \"RecordedOn\") VALUES ({version}, '{script}', '{checksum}', '{Now()}') " +
               "ON CONFLICT (\"Version\") DO UPDATE SET \"Script\" = EXCLUDED.\"Script\", \"Sha256\" = EXCLUDED.\"Sha256\", \"RecordedOn\" = EXCLUDED.\"RecordedOn\";";
    }

    public override string ForgetChecksumSql(long version) =>
        CreateChecksumTableSql + $"DELETE FROM \"{ChecksumTableName}\" WHERE \"Version\" = {version};";

    public static IReadOnlyList<AppliedMigration> Read(NpgsqlConnection connection)
    {
        try
        {
            return Query(connection, WithChecksums);
        }
        catch (PostgresException ex) when (ex.SqlState == UndefinedTable)
        {
            // Empty, or migrated by upstream dotnet-fm (no checksum table): not the start-up fast path.
        }

        using var command = new NpgsqlCommand(
            $"""SELECT to_regclass('"{VersionTableName}"') IS NOT NULL, to_regclass('"{ChecksumTableName}"') IS NOT NULL""", connection);
        using (var reader = command.ExecuteReader())
        {
            reader.Read();
            if (!reader.GetBoolean(0))
            {
                return [];
            }

            if (reader.GetBoolean(1))
            {
                reader.Close();
                return Query(connection, WithChecksums);
            }
        }

        return Query(connection, WithoutChecksums);
    }

    /// <summary>The versions <c>"VersionInfo"</c> records in the current schema; empty when the table does not exist.</summary>
    /// <remarks>Safe inside a transaction (a copy's): it looks the table up rather than letting a failed query abort it.</remarks>
    public static IReadOnlyList<long> ReadVersions(NpgsqlConnection connection)
    {
        using (var exists = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @name)", connection))
        {
            exists.Parameters.AddWithValue("name", VersionTableName);
            if (!(bool)exists.ExecuteScalar()!)
            {
                return [];
            }
        }

        var versions = new List<long>();
        using var command = new NpgsqlCommand($"SELECT \"Version\" FROM \"{VersionTableName}\" ORDER BY \"Version\"", connection);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            versions.Add(reader.GetInt64(0));
        }

        return versions;
    }

    private static List<AppliedMigration> Query(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var applied = new List<AppliedMigration>();
        while (reader.Read())
        {
            applied.Add(new AppliedMigration(
                reader.GetInt64(0),
                // FluentMigrator writes DateTime.UtcNow into a timestamp without time zone.
                reader.IsDBNull(1) ? null : DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return applied;
    }
}
