using Npgsql;
using OpenRouterConsole.Migrations.Runner.History;
using OpenRouterConsole.Migrations.Runner.Integrity;

namespace OpenRouterConsole.Migrations.Runner.Postgres;

/// <summary>
/// Reads FluentMigrator's <c>"VersionInfo"</c> (quoted, mixed-case on PostgreSQL) with our recorded
/// checksums. A database we migrated has both tables: one query, one round trip. Otherwise the
/// catalogue says which of them exist.
/// </summary>
internal static class PostgresVersionTable
{
    private const string UndefinedTable = "42P01";

    private const string WithChecksums =
        $"""SELECT v."Version", v."AppliedOn", v."Description", c."Sha256" FROM "{VersionTable.TableName}" v LEFT JOIN "{ChecksumTable.TableName}" c ON c."Version" = v."Version" ORDER BY v."Version" """;

    private const string WithoutChecksums =
        $"""SELECT "Version", "AppliedOn", "Description", NULL::text FROM "{VersionTable.TableName}" ORDER BY "Version" """;

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
            $"""SELECT to_regclass('"{VersionTable.TableName}"') IS NOT NULL, to_regclass('"{ChecksumTable.TableName}"') IS NOT NULL""", connection);
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
